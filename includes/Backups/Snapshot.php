<?php
/**
 * What a backup holds of a post.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Backups;

use Countersign\Proposals\ChangeSet;
use WP_Post;

/**
 * Captures a post's title, content, excerpt, status, slug, author, date, terms, registered meta and featured
 * image, and turns a capture back into the arguments that restore it.
 */
final class Snapshot {

	/**
	 * The snapshot of a post.
	 *
	 * @param WP_Post   $post        Post.
	 * @param list<int> $attachments Attachments whose title, caption, description and alt text are kept too.
	 * @return array<string, mixed>
	 */
	public static function of( WP_Post $post, array $attachments = array() ): array {
		$terms = array();
		foreach ( get_object_taxonomies( $post->post_type ) as $taxonomy ) {
			$ids = wp_get_object_terms( $post->ID, $taxonomy, array( 'fields' => 'ids' ) );
			if ( ! is_wp_error( $ids ) ) {
				$terms[ $taxonomy ] = array_map( 'intval', $ids );
			}
		}
		$meta = array();
		foreach ( array_keys( get_registered_meta_keys( 'post', $post->post_type ) + get_registered_meta_keys( 'post', '' ) ) as $key ) {
			if ( metadata_exists( 'post', $post->ID, $key ) ) {
				$meta[ $key ] = get_post_meta( $post->ID, $key, false );
			}
		}
		$snapshot = array(
			'title'          => $post->post_title,
			'content'        => $post->post_content,
			'excerpt'        => $post->post_excerpt,
			'status'         => $post->post_status,
			'slug'           => $post->post_name,
			'author'         => (int) $post->post_author,
			'date'           => $post->post_date,
			'date_gmt'       => $post->post_date_gmt,
			'terms'          => $terms,
			'meta'           => $meta,
			'featured_media' => (int) get_post_thumbnail_id( $post ),
		);
		if ( array() !== $attachments ) {
			$snapshot['attachments'] = ChangeSet::attachments_now( $attachments );
		}
		return $snapshot;
	}

	/**
	 * Arguments for wp_update_post that put the post back as captured (unslashed).
	 *
	 * @param int                  $post_id  Post.
	 * @param array<string, mixed> $snapshot Snapshot.
	 * @return array<string, mixed>
	 */
	public static function to_postarr( int $post_id, array $snapshot ): array {
		return array(
			'ID'            => $post_id,
			'post_title'    => (string) $snapshot['title'],
			'post_content'  => (string) $snapshot['content'],
			'post_excerpt'  => (string) $snapshot['excerpt'],
			'post_status'   => (string) $snapshot['status'],
			'post_name'     => (string) $snapshot['slug'],
			'post_author'   => (int) $snapshot['author'],
			'post_date'     => (string) $snapshot['date'],
			'post_date_gmt' => (string) $snapshot['date_gmt'],
			'edit_date'     => true,
		);
	}

	/**
	 * Puts back what wp_update_post does not cover: terms, meta, featured image, and the attachments' descriptions.
	 *
	 * @param int                  $post_id  Post.
	 * @param array<string, mixed> $snapshot Snapshot.
	 */
	public static function restore_extras( int $post_id, array $snapshot ): void {
		foreach ( (array) $snapshot['terms'] as $taxonomy => $ids ) {
			wp_set_object_terms( $post_id, array_map( 'intval', (array) $ids ), (string) $taxonomy );
		}
		foreach ( (array) $snapshot['meta'] as $key => $values ) {
			delete_post_meta( $post_id, (string) $key );
			foreach ( (array) $values as $value ) {
				add_post_meta( $post_id, (string) $key, wp_slash( $value ) );
			}
		}
		if ( (int) $snapshot['featured_media'] > 0 ) {
			set_post_thumbnail( $post_id, (int) $snapshot['featured_media'] );
		} else {
			delete_post_thumbnail( $post_id );
		}
		ChangeSet::write_attachments( (array) ( $snapshot['attachments'] ?? array() ) );
	}
}
