<?php
/**
 * Countersign's capabilities.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Proposals\ProposalPostType;
use Countersign\Proposals\SiteSettings;

/**
 * Grants the primitive capabilities to roles and maps the per-proposal meta capability.
 */
final class Capabilities {

	public const REVIEW = 'countersign_review';
	public const MANAGE = 'countersign_manage';
	public const AUDIT  = 'countersign_audit';

	/** Meta capability: may the user decide this proposal? Args: proposal id. */
	public const REVIEW_PROPOSAL = 'countersign_review_proposal';

	/** Meta capability: may the user review changes to this post (backups, restore)? Args: post id. */
	public const REVIEW_POST = 'countersign_review_post';

	private const GRANTS = array(
		'administrator' => array( self::REVIEW, self::MANAGE, self::AUDIT ),
		'editor'        => array( self::REVIEW ),
	);

	/**
	 * Hooks the mapping.
	 */
	public function register(): void {
		add_filter( 'map_meta_cap', array( $this, 'map_meta_cap' ), 10, 4 );
	}

	/**
	 * Adds the capabilities to the roles (on activation).
	 */
	public function grant(): void {
		foreach ( self::GRANTS as $role_name => $caps ) {
			$role = get_role( $role_name );
			foreach ( $caps as $cap ) {
				$role?->add_cap( $cap );
			}
		}
	}

	/**
	 * Removes them again (on uninstall).
	 */
	public function revoke(): void {
		foreach ( wp_roles()->role_objects as $role ) {
			foreach ( array( self::REVIEW, self::MANAGE, self::AUDIT ) as $cap ) {
				$role->remove_cap( $cap );
			}
		}
	}

	/**
	 * Reviewing a proposal needs `countersign_review` and the core capabilities its change needs on the target:
	 * `edit_post` (or the type's `create_posts` for a new post), plus `publish_post` / `delete_post` when it
	 * publishes or trashes.
	 *
	 * @param array<int, string> $caps    Primitive capabilities.
	 * @param string             $cap     Capability asked for.
	 * @param int                $user_id User.
	 * @param array<int, mixed>  $args    Arguments.
	 * @return array<int, string>
	 */
	public function map_meta_cap( array $caps, string $cap, int $user_id, array $args ): array {
		if ( self::REVIEW_POST === $cap ) {
			$post_id = (int) ( $args[0] ?? 0 );
			return get_post( $post_id ) ? array_merge( array( self::REVIEW ), map_meta_cap( 'edit_post', $user_id, $post_id ) ) : array( 'do_not_allow' );
		}
		if ( self::REVIEW_PROPOSAL !== $cap ) {
			return $caps;
		}
		$proposal = get_post( (int) ( $args[0] ?? 0 ) );
		if ( ! $proposal || ProposalPostType::SLUG !== $proposal->post_type ) {
			return array( 'do_not_allow' );
		}
		$target  = (int) $proposal->post_parent;
		$changes = json_decode( (string) get_post_meta( $proposal->ID, 'countersign_changes', true ), true );
		$status  = is_array( $changes ) ? (string) ( $changes['status'] ?? '' ) : '';
		if ( 0 === $target && is_array( $changes ) && isset( $changes[ SiteSettings::FIELD ] ) ) {
			// What core's own settings screen and /wp/v2/settings ask.
			return array( self::REVIEW, SiteSettings::CAPABILITY );
		}
		if ( 0 === $target ) {
			$type_name = (string) get_post_meta( $proposal->ID, 'countersign_post_type', true );
			$type      = get_post_type_object( $type_name );
			if ( ! $type ) {
				return array( 'do_not_allow' );
			}
			// A new post that is published at once, or written under another author, needs what core would ask.
			$needed = array( self::REVIEW, (string) $type->cap->create_posts );
			if ( in_array( $status, array( 'publish', 'future', 'private' ), true ) ) {
				$needed[] = (string) $type->cap->publish_posts;
			}
			if ( is_array( $changes ) && isset( $changes['author'] ) ) {
				$needed[] = (string) $type->cap->edit_others_posts;
			}
			return array_values( array_unique( $needed ) );
		}
		if ( ! get_post( $target ) ) {
			return array( 'do_not_allow' );
		}
		$needed = array_merge( array( self::REVIEW ), map_meta_cap( 'edit_post', $user_id, $target ) );
		if ( in_array( $status, array( 'publish', 'future', 'private' ), true ) ) {
			$needed = array_merge( $needed, map_meta_cap( 'publish_post', $user_id, $target ) );
		}
		if ( 'trash' === $status || ( '' !== $status && 'trash' === get_post_status( $target ) ) ) {
			$needed = array_merge( $needed, map_meta_cap( 'delete_post', $user_id, $target ) );
		}
		if ( is_array( $changes ) && isset( $changes['author'] ) ) {
			$needed[] = (string) get_post_type_object( (string) get_post_type( $target ) )?->cap->edit_others_posts;
		}
		return array_values( array_unique( $needed ) );
	}
}
