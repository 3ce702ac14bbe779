<?php
/**
 * Which capability groups and core capabilities each change needs.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Proposals\ChangeSet;
use Countersign\Proposals\SiteSettings;
use WP_Post;

/**
 * Maps change-set fields onto DESIGN §3's capability groups (the preset layer) and onto the core capabilities the
 * agent's role must hold (the role layer).
 */
final class CapabilityGroups {

	/**
	 * The groups a field's change needs.
	 *
	 * @param string       $field  Field.
	 * @param mixed        $value  Proposed value.
	 * @param WP_Post|null $target Target, null for a new post.
	 * @return list<string>
	 */
	public function groups_for( string $field, mixed $value, ?WP_Post $target ): array {
		$from = $target ? $target->post_status : '';
		switch ( $field ) {
			case 'status':
				if ( 'trash' === $value || 'trash' === $from ) {
					return array( 'trash_restore' );
				}
				if ( in_array( $value, ChangeSet::LIVE_STATUSES, true ) || in_array( $from, ChangeSet::LIVE_STATUSES, true ) ) {
					return array( 'publish' );
				}
				return array( 'create_edit' );
			case 'author':
				return array( 'authors' );
			case 'featured_media':
			case 'media':
			case 'attachments':
				return array( 'media_manage' );
			case 'terms':
				return array( 'taxonomy' );
			case SiteSettings::FIELD:
				return array( 'site_settings' );
			case 'meta':
				$groups = array();
				foreach ( array_keys( (array) $value ) as $key ) {
					$groups[] = in_array( $key, ChangeSet::SEO_META_KEYS, true ) ? 'seo' : 'create_edit';
				}
				return array_values( array_unique( $groups ) );
			default:
				return array( 'create_edit' );
		}
	}

	/**
	 * The core capability checks the role must pass for a field: each a list of `user_can` arguments after the
	 * user (capability, then object arguments).
	 *
	 * @param string       $field     Field.
	 * @param mixed        $value     Proposed value.
	 * @param WP_Post|null $target    Target, null for a new post.
	 * @param string       $post_type Post type.
	 * @return list<list<int|string>>
	 */
	public function core_caps_for( string $field, mixed $value, ?WP_Post $target, string $post_type ): array {
		if ( SiteSettings::FIELD === $field ) {
			// What core's /wp/v2/settings asks. No agent role has it (agents are never administrators): the Gate asks
			// it of the approver only; the agent needs the site_settings group.
			return array( array( SiteSettings::CAPABILITY ) );
		}
		$type   = get_post_type_object( $post_type );
		$checks = array( $target ? array( 'edit_post', $target->ID ) : array( (string) $type?->cap->create_posts ) );
		if ( null === $target && in_array( $field, ChangeSet::LIBRARY_FIELDS, true ) ) {
			// The media library without a post: no post is edited or created.
			$checks = array();
		}
		switch ( $field ) {
			case 'media':
				$checks[] = array( 'upload_files' );
				break;
			case 'attachments':
				foreach ( array_keys( (array) $value ) as $id ) {
					$checks[] = array( 'edit_post', (int) $id );
				}
				break;
			case 'status':
				if ( in_array( $value, ChangeSet::LIVE_STATUSES, true ) ) {
					$checks[] = $target ? array( 'publish_post', $target->ID ) : array( (string) $type?->cap->publish_posts );
				}
				if ( $target && ( 'trash' === $value || 'trash' === $target->post_status ) ) {
					$checks[] = array( 'delete_post', $target->ID );
				}
				break;
			case 'author':
				$checks[] = array( (string) $type?->cap->edit_others_posts );
				break;
			case 'terms':
				foreach ( array_keys( (array) $value ) as $taxonomy ) {
					$checks[] = array( (string) get_taxonomy( (string) $taxonomy )?->cap->assign_terms );
				}
				break;
			case 'meta':
				if ( $target ) {
					foreach ( array_keys( (array) $value ) as $key ) {
						$checks[] = array( 'edit_post_meta', $target->ID, (string) $key );
					}
				}
				break;
		}
		return $checks;
	}
}
