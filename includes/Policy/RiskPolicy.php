<?php
/**
 * Risk levels of changes.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Proposals\ChangeSet;
use Countersign\Proposals\SiteSettings;
use WP_Post;

/**
 * DESIGN §3's risk table. A proposal's risk is the highest of its fields; administrators may raise a field's
 * level in settings, never lower it, and 4 and 5 are fixed.
 */
final class RiskPolicy {

	public const LABELS = array(
		1 => 'read',
		2 => 'low',
		3 => 'medium',
		4 => 'high',
		5 => 'extreme',
	);

	/**
	 * Constructor.
	 *
	 * @param Settings $settings Settings (risk overrides, level 5 switch).
	 */
	public function __construct( private readonly Settings $settings ) {}

	/**
	 * Level of one field's change.
	 *
	 * @param string       $field  Field.
	 * @param mixed        $value  Proposed value.
	 * @param WP_Post|null $target Target post, null for a new post.
	 */
	public function field_level( string $field, mixed $value, ?WP_Post $target ): int {
		$live  = null !== $target && in_array( $target->post_status, ChangeSet::LIVE_STATUSES, true );
		$level = match ( $field ) {
			'slug'                    => $live ? 4 : 2,
			'status'                  => $this->status_level( (string) $value, $target ),
			'author'                  => 4,
			'terms', 'featured_media' => 2,
			SiteSettings::FIELD       => 3,
			// Describing media (alt text, captions) is low risk, on a live post too; a new file is served publicly.
			'attachments'             => 2,
			'media'                   => 3,
			default                   => $live ? 3 : 2,
		};
		$overrides = (array) $this->settings->get( 'risk_overrides' );
		$override  = (int) ( $overrides[ $field ] ?? 0 );
		return $level >= 4 ? $level : min( 4, max( $level, $override ) );
	}

	/**
	 * Level of a whole change set: the highest field, 2 at least for a new post, 5 when content carries markup
	 * the agent may not post unfiltered (kses would remove something that changes what the post does).
	 *
	 * @param ChangeSet    $changes  Change set.
	 * @param WP_Post|null $target   Target, null for a new post.
	 * @param bool         $unsafe   Whether kses would remove markup from any text the agent set (MarkupRisk).
	 */
	public function level( ChangeSet $changes, ?WP_Post $target, bool $unsafe ): int {
		if ( $unsafe ) {
			return 5;
		}
		$level = 2;
		foreach ( $changes->fields() as $field => $value ) {
			$level = max( $level, $this->field_level( $field, $value, $target ) );
		}
		return $level;
	}

	/**
	 * Whether a level needs a human approval for the given autonomy.
	 *
	 * @param int    $level    Level.
	 * @param string $autonomy supervised or autonomous.
	 */
	public function needs_approval( int $level, string $autonomy ): bool {
		return ! ( $level <= 1 || ( 2 === $level && 'autonomous' === $autonomy ) );
	}

	/**
	 * Status changes: publishing, unpublishing, trashing and restoring from the trash are always high.
	 *
	 * @param string       $value  Proposed status.
	 * @param WP_Post|null $target Target.
	 */
	private function status_level( string $value, ?WP_Post $target ): int {
		$from = $target ? $target->post_status : '';
		if ( in_array( $value, ChangeSet::LIVE_STATUSES, true ) || in_array( $from, ChangeSet::LIVE_STATUSES, true ) || 'trash' === $value || 'trash' === $from ) {
			return 4;
		}
		return 2;
	}
}
