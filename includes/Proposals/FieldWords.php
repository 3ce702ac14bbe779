<?php
/**
 * The words for a proposal's field values: names, not ids.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use Countersign\Agents\AgentRepository;

/**
 * Turns the ids and codes a change set holds (a user id, an attachment id, term ids, a status, a GMT date, a meta key)
 * into what a reviewer reads: the author's name and avatar, the image's thumbnail, the term's name under its
 * taxonomy's label, the status's label, the date in the site's format and time zone, the meta key's registered label.
 *
 * The result is a lookup table the review screens map values through, so a value seen in base, current and proposed
 * is described once. An id that no longer resolves stays out of the table (the screen says "#5").
 */
final class FieldWords {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents, to mark an author who is one.
	 */
	public function __construct( private readonly AgentRepository $agents ) {
	}

	/**
	 * The words for every value of the given field comparisons.
	 *
	 * @param array<string, array{base: mixed, current: mixed, proposed: mixed}> $fields    Field → its three values.
	 * @param string                                                             $post_type The target's post type.
	 * @return array<string, object> users (id → name, avatar, agent), media (id → title, thumbnail), terms (taxonomy →
	 *                               label, names: term id or name → name), statuses, dates and meta (value → words).
	 */
	public function describe( array $fields, string $post_type ): array {
		$words = array(
			'users'    => array(),
			'media'    => array(),
			'terms'    => array(),
			'statuses' => array(),
			'dates'    => array(),
			'meta'     => array(),
		);
		foreach ( $fields as $field => $values ) {
			foreach ( array( $values['base'], $values['current'], $values['proposed'] ) as $value ) {
				switch ( $field ) {
					case 'author':
						$this->user( $words['users'], $value );
						break;
					case 'featured_media':
						self::media( $words['media'], $value );
						break;
					case 'status':
						self::status( $words['statuses'], $value );
						break;
					case 'date':
						self::date( $words['dates'], $value );
						break;
					case 'terms':
						self::terms( $words['terms'], $value );
						break;
					case 'meta':
						self::meta( $words['meta'], $value, $post_type );
						break;
				}
			}
		}
		foreach ( $words['terms'] as $taxonomy => $entry ) {
			$words['terms'][ $taxonomy ]['names'] = (object) $entry['names'];
		}
		// Objects, so an empty or id-keyed table is still a JSON object.
		return array_map( static fn( array $table ): object => (object) $table, $words );
	}

	/**
	 * A user's display name and avatar, and whether the user is an agent.
	 *
	 * @param array<int|string, mixed> $users Table to add to: id → name, avatar, agent.
	 * @param mixed                    $value A user id.
	 */
	private function user( array &$users, mixed $value ): void {
		$id   = is_numeric( $value ) ? (int) $value : 0;
		$user = $id > 0 ? get_userdata( $id ) : false;
		if ( false === $user || isset( $users[ (string) $id ] ) ) {
			return;
		}
		$users[ (string) $id ] = array(
			'name'   => $user->display_name,
			'avatar' => (string) get_avatar_url( $id, array( 'size' => 48 ) ),
			'agent'  => null !== $this->agents->find( $id ),
		);
	}

	/**
	 * An attachment's title and thumbnail.
	 *
	 * @param array<int|string, mixed> $media Table to add to: id → title, thumbnail.
	 * @param mixed                    $value An attachment id.
	 */
	private static function media( array &$media, mixed $value ): void {
		$id         = is_numeric( $value ) ? (int) $value : 0;
		$attachment = $id > 0 ? get_post( $id ) : null;
		if ( null === $attachment || 'attachment' !== $attachment->post_type ) {
			return;
		}
		$title                 = get_the_title( $attachment );
		$media[ (string) $id ] = array(
			'title'     => '' === $title ? basename( (string) get_attached_file( $id ) ) : $title,
			'thumbnail' => (string) wp_get_attachment_image_url( $id, 'thumbnail' ),
		);
	}

	/**
	 * A status's label ("Published", "Scheduled").
	 *
	 * @param array<string, string> $statuses Table to add to.
	 * @param mixed                 $value    A status.
	 */
	private static function status( array &$statuses, mixed $value ): void {
		$object = is_string( $value ) ? get_post_status_object( $value ) : null;
		if ( null !== $object && is_string( $object->label ) ) {
			$statuses[ (string) $value ] = $object->label;
		}
	}

	/**
	 * A GMT date in the site's date and time format and time zone; the zero date a draft has says so.
	 *
	 * @param array<string, string> $dates Table to add to.
	 * @param mixed                 $value A GMT datetime (Y-m-d H:i:s).
	 */
	private static function date( array &$dates, mixed $value ): void {
		if ( ! is_string( $value ) || '' === $value ) {
			return;
		}
		if ( str_starts_with( $value, '0000-00-00' ) ) {
			$dates[ $value ] = __( 'Not set: the date it is published', 'countersign' );
			return;
		}
		$time = strtotime( $value . ' UTC' );
		if ( false === $time ) {
			return;
		}
		/* translators: 1: a date in the site's date format, 2: a time in the site's time format. */
		$dates[ $value ] = sprintf( __( '%1$s at %2$s', 'countersign' ), (string) wp_date( (string) get_option( 'date_format' ), $time ), (string) wp_date( (string) get_option( 'time_format' ), $time ) );
	}

	/**
	 * Taxonomy labels and term names; a term given by a name that does not exist yet is new.
	 *
	 * @param array<int|string, array{label: string, names: array<int|string, string>}> $terms Table to add to.
	 * @param mixed                                                                     $value Taxonomy → term ids or names.
	 */
	private static function terms( array &$terms, mixed $value ): void {
		if ( ! is_array( $value ) ) {
			return;
		}
		foreach ( $value as $taxonomy => $list ) {
			$object = get_taxonomy( (string) $taxonomy );
			if ( false === $object ) {
				continue;
			}
			$terms[ $taxonomy ] ??= array(
				'label' => (string) $object->labels->name,
				'names' => array(),
			);
			foreach ( (array) $list as $term ) {
				$key = (string) $term;
				if ( isset( $terms[ $taxonomy ]['names'][ $key ] ) ) {
					continue;
				}
				$found = is_int( $term ) || ctype_digit( $key ) ? get_term( (int) $term, (string) $taxonomy ) : get_term_by( 'name', $key, (string) $taxonomy );
				if ( $found instanceof \WP_Term ) {
					$terms[ $taxonomy ]['names'][ $key ] = $found->name;
				} elseif ( ! ctype_digit( $key ) ) {
					/* translators: %s: a term name an agent proposes that does not exist yet. */
					$terms[ $taxonomy ]['names'][ $key ] = sprintf( __( '%s (new)', 'countersign' ), $key );
				}
			}
		}
	}

	/**
	 * A meta key's registered label (or description), where it has one.
	 *
	 * @param array<string, string> $meta      Table to add to.
	 * @param mixed                 $value     Meta key → value.
	 * @param string                $post_type The post type the keys are registered for.
	 */
	private static function meta( array &$meta, mixed $value, string $post_type ): void {
		if ( ! is_array( $value ) ) {
			return;
		}
		$registered = get_registered_meta_keys( 'post', $post_type ) + get_registered_meta_keys( 'post', '' );
		foreach ( array_keys( $value ) as $key ) {
			$args  = $registered[ $key ] ?? array();
			$label = $args['label'] ?? '';
			if ( '' === $label ) {
				$label = $args['description'] ?? '';
			}
			if ( is_string( $label ) && '' !== $label ) {
				$meta[ (string) $key ] = $label;
			}
		}
	}
}
