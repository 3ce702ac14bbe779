<?php
/**
 * A proposal's field-level change set.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use WP_Error;
use WP_Post;

/**
 * Validates and normalises the `changes` of a proposal, and maps each field onto the post.
 */
final class ChangeSet {

	/** Field => post column. */
	public const FIELDS = array(
		'title'   => 'post_title',
		'content' => 'post_content',
		'excerpt' => 'post_excerpt',
		'slug'    => 'post_name',
		'status'  => 'post_status',
	);

	/** Fields that carry HTML and go through kses. */
	public const HTML_FIELDS = array( 'title', 'content', 'excerpt' );

	/** Statuses an agent may propose. */
	public const STATUSES = array( 'draft', 'pending', 'publish', 'private' );

	/** Statuses that make a post public or scheduled. */
	public const LIVE_STATUSES = array( 'publish', 'future', 'private' );

	/**
	 * Constructor.
	 *
	 * @param array<string, string> $fields Field => normalised value.
	 */
	private function __construct( private readonly array $fields ) {}

	/**
	 * Validates raw input. Unknown fields and wrong types are `countersign_invalid_payload` naming the field.
	 *
	 * @param mixed $changes Raw `changes` from the request.
	 * @return self|WP_Error
	 */
	public static function from_input( mixed $changes ): self|WP_Error {
		if ( ! is_array( $changes ) || array() === $changes || array_is_list( $changes ) ) {
			return self::invalid( 'changes', __( 'changes must be an object with at least one field.', 'countersign' ) );
		}
		$fields = array();
		foreach ( $changes as $field => $value ) {
			$field = (string) $field;
			if ( ! isset( self::FIELDS[ $field ] ) ) {
				/* translators: %s: field name. */
				return self::invalid( "changes.{$field}", sprintf( __( '%s is not a field Countersign can change.', 'countersign' ), $field ) );
			}
			if ( ! is_string( $value ) ) {
				/* translators: %s: field name. */
				return self::invalid( "changes.{$field}", sprintf( __( '%s must be a string.', 'countersign' ), $field ) );
			}
			if ( 'slug' === $field ) {
				$value = sanitize_title( $value );
				if ( '' === $value ) {
					return self::invalid( 'changes.slug', __( 'slug is empty once sanitised.', 'countersign' ) );
				}
			}
			if ( 'status' === $field && ! in_array( $value, self::STATUSES, true ) ) {
				/* translators: %s: allowed statuses. */
				return self::invalid( 'changes.status', sprintf( __( 'status must be one of: %s.', 'countersign' ), implode( ', ', self::STATUSES ) ) );
			}
			$fields[ $field ] = str_replace( "\r\n", "\n", $value );
		}
		return new self( $fields );
	}

	/**
	 * Rebuilds a stored change set (already validated when it was submitted).
	 *
	 * @param array<string, mixed> $stored Stored fields.
	 */
	public static function from_stored( array $stored ): self {
		return new self( array_map( 'strval', array_intersect_key( $stored, self::FIELDS ) ) );
	}

	/**
	 * Field => value.
	 *
	 * @return array<string, string>
	 */
	public function fields(): array {
		return $this->fields;
	}

	/**
	 * Whether the set changes $field.
	 *
	 * @param string $field Field.
	 */
	public function has( string $field ): bool {
		return array_key_exists( $field, $this->fields );
	}

	/**
	 * A copy with some values replaced (a reviewer's edits).
	 *
	 * @param array<string, string> $edits Field => value; only fields of this set are taken.
	 */
	public function with( array $edits ): self {
		return new self( array_merge( $this->fields, array_intersect_key( $edits, $this->fields ) ) );
	}

	/**
	 * A copy whose HTML fields went through the kses rules of the given user.
	 *
	 * @param callable(string):string $sanitize Sanitiser for HTML fields.
	 */
	public function sanitized( callable $sanitize ): self {
		$fields = $this->fields;
		foreach ( self::HTML_FIELDS as $field ) {
			if ( isset( $fields[ $field ] ) ) {
				$fields[ $field ] = $sanitize( $fields[ $field ] );
			}
		}
		return new self( $fields );
	}

	/**
	 * sha256 of the canonical change set: what a confirmation token is bound to.
	 */
	public function hash(): string {
		$fields = $this->fields;
		ksort( $fields );
		return hash( 'sha256', (string) wp_json_encode( $fields ) );
	}

	/**
	 * The current value of a field on a post.
	 *
	 * @param string  $field Field.
	 * @param WP_Post $post  Post.
	 */
	public static function value_of( string $field, WP_Post $post ): string {
		$column = self::FIELDS[ $field ];
		return (string) $post->{$column};
	}

	/**
	 * The `wp_insert_post` / `wp_update_post` array for these changes.
	 *
	 * @return array<string, string>
	 */
	public function to_postarr(): array {
		$postarr = array();
		foreach ( $this->fields as $field => $value ) {
			$postarr[ self::FIELDS[ $field ] ] = $value;
		}
		return $postarr;
	}

	/**
	 * An invalid-payload error naming the field.
	 *
	 * @param string $field   Field path.
	 * @param string $message Message.
	 */
	public static function invalid( string $field, string $message ): WP_Error {
		return new WP_Error(
			'countersign_invalid_payload',
			$message,
			array(
				'status' => 400,
				'field'  => $field,
			)
		);
	}
}
