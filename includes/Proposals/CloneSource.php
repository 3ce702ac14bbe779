<?php
/**
 * What a clone of a post copies.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use WP_Post;

/**
 * A clone is a proposal for a new draft whose change set starts as the source post's title, content, excerpt, terms,
 * featured image and registered meta, with the agent's own changes laid over them. The whole set is judged by the
 * Gate like any other new post (so a clone is never a way around a preset or the level-5 rule), and the reviewer sees
 * exactly what the new post will be: the copy is taken when the agent proposes, not when a reviewer approves.
 */
final class CloneSource {

	/** Post meta on the new post naming the post it was cloned from. */
	public const META = '_countersign_cloned_from';

	/**
	 * The raw change set of a copy of a post (as an agent would send it), with the agent's changes laid over it:
	 * `terms` and `meta` are merged taxonomy by taxonomy and key by key, every other field replaced.
	 *
	 * @param WP_Post $source  Post to copy.
	 * @param mixed   $changes The agent's raw changes (null or an object).
	 * @return mixed The merged raw changes; anything that is not an object is handed on as it is, for ChangeSet to refuse.
	 */
	public static function merged( WP_Post $source, mixed $changes ): mixed {
		if ( null === $changes || array() === $changes ) {
			$changes = array();
		} elseif ( ! is_array( $changes ) || array_is_list( $changes ) ) {
			return $changes;
		}
		$copy = self::fields( $source );
		foreach ( $changes as $field => $value ) {
			$copy[ $field ] = in_array( $field, array( 'terms', 'meta' ), true ) && is_array( $value ) && isset( $copy[ $field ] ) && ! array_is_list( $value )
				? array_merge( $copy[ $field ], $value )
				: $value;
		}
		return $copy;
	}

	/**
	 * What a clone copies from a post: raw title, content and excerpt, the terms of each taxonomy that shows in REST,
	 * the featured image, and each registered `show_in_rest` meta key the post has. Not its slug, status, date or
	 * author: the clone is a new draft.
	 *
	 * @param WP_Post $source Post.
	 * @return array<string, mixed>
	 */
	public static function fields( WP_Post $source ): array {
		$fields = array(
			'title'   => $source->post_title,
			'content' => $source->post_content,
		);
		if ( '' !== $source->post_excerpt ) {
			$fields['excerpt'] = $source->post_excerpt;
		}
		$terms = array();
		foreach ( ChangeSet::rest_taxonomies( $source->post_type ) as $taxonomy ) {
			$ids = wp_get_object_terms( $source->ID, $taxonomy, array( 'fields' => 'ids' ) );
			if ( is_array( $ids ) && array() !== $ids ) {
				$terms[ $taxonomy ] = array_map( 'intval', $ids );
			}
		}
		if ( $terms ) {
			$fields['terms'] = $terms;
		}
		$thumbnail = (int) get_post_thumbnail_id( $source );
		if ( $thumbnail > 0 && wp_attachment_is_image( $thumbnail ) ) {
			$fields['featured_media'] = $thumbnail;
		}
		$meta = array();
		foreach ( ChangeSet::rest_meta_keys( $source->post_type ) as $key => $args ) {
			if ( metadata_exists( 'post', $source->ID, (string) $key ) ) {
				$meta[ (string) $key ] = get_post_meta( $source->ID, (string) $key, ! empty( $args['single'] ) );
			}
		}
		if ( $meta ) {
			$fields['meta'] = $meta;
		}
		return $fields;
	}
}
