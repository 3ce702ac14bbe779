<?php
/**
 * A proposal's field-level change set.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use Countersign\Media\StagedMedia;
use WP_Error;
use WP_Post;

/**
 * Validates and normalises the `changes` of a proposal, reads each field's current value off a post, and turns the
 * set into the core calls that apply it.
 */
final class ChangeSet {

	/** Every field a change set may carry. */
	public const FIELDS = array( 'title', 'content', 'excerpt', 'slug', 'status', 'date', 'author', 'featured_media', 'terms', 'meta', SiteSettings::FIELD, 'media', 'attachments' );

	/** Fields about the media library: a set of only these, with no target post, changes no post. */
	public const LIBRARY_FIELDS = array( 'media', 'attachments' );

	/** What an upload or an attachment may be given: field => most characters. */
	public const MEDIA_TEXT = array(
		'title'       => 200,
		'alt'         => 1000,
		'caption'     => 2000,
		'description' => 10000,
	);

	/** Most uploads one proposal adds, and most attachments it describes. */
	private const MAX_MEDIA       = 20;
	private const MAX_ATTACHMENTS = 100;

	/** Fields kept in a posts-table column. */
	public const COLUMNS = array(
		'title'   => 'post_title',
		'content' => 'post_content',
		'excerpt' => 'post_excerpt',
		'slug'    => 'post_name',
		'status'  => 'post_status',
		'author'  => 'post_author',
	);

	/** Fields that carry HTML and go through kses. */
	public const HTML_FIELDS = array( 'title', 'content', 'excerpt' );

	/** Statuses an agent may propose. */
	public const STATUSES = array( 'draft', 'pending', 'publish', 'future', 'private', 'trash' );

	/** Statuses that make a post public or scheduled. */
	public const LIVE_STATUSES = array( 'publish', 'future', 'private' );

	/** SEO plugins' title and description keys: the `seo` group, not `create_edit`. */
	public const SEO_META_KEYS = array( '_yoast_wpseo_title', '_yoast_wpseo_metadesc', 'rank_math_title', 'rank_math_description', '_aioseo_title', '_aioseo_description' );

	/** Most terms one taxonomy may list. */
	private const MAX_TERMS = 100;

	/**
	 * An ISO 8601 date (core's REST date format, seconds and fraction optional, `T` or a space): four-digit years only,
	 * so `@99999999999999` or a year 3170843 never reaches the posts table.
	 */
	private const DATE_PATTERN = '/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/';

	/** The range a post's date may take (MySQL's DATETIME range is wider; nothing real lies outside this one). */
	private const MIN_YEAR = 1000;
	private const MAX_YEAR = 9999;

	/**
	 * Constructor.
	 *
	 * @param array<string, mixed> $fields Field => normalised value.
	 */
	private function __construct( private readonly array $fields ) {}

	/**
	 * Validates raw input. Unknown fields, unregistered meta and wrong types are `countersign_invalid_payload`
	 * naming the field.
	 *
	 * @param mixed  $changes   Raw `changes` from the request.
	 * @param string $post_type The target's post type (meta and taxonomies are checked against it).
	 * @param string $prefix    Field path prefix for errors (`changes` or `edits`).
	 * @return self|WP_Error
	 */
	public static function from_input( mixed $changes, string $post_type, string $prefix = 'changes' ): self|WP_Error {
		if ( ! is_array( $changes ) || array() === $changes || array_is_list( $changes ) ) {
			/* translators: %s: changes or edits. */
			return self::invalid( $prefix, sprintf( __( '%s must be an object with at least one field.', 'countersign' ), $prefix ) );
		}
		$bad_utf8 = self::invalid_utf8( $changes, $prefix );
		if ( null !== $bad_utf8 ) {
			return self::invalid( $bad_utf8, __( 'Text must be valid UTF-8.', 'countersign' ) );
		}
		$fields = array();
		foreach ( $changes as $field => $value ) {
			$field = (string) $field;
			$path  = "{$prefix}.{$field}";
			if ( ! in_array( $field, self::FIELDS, true ) ) {
				/* translators: %s: field name. */
				return self::invalid( $path, sprintf( __( '%s is not a field Countersign can change.', 'countersign' ), $field ) );
			}
			$normalised = self::normalise( $field, $value, $post_type, $path );
			if ( is_wp_error( $normalised ) ) {
				return $normalised;
			}
			$fields[ $field ] = $normalised;
		}
		if ( isset( $fields[ SiteSettings::FIELD ] ) && count( $fields ) > 1 ) {
			return self::invalid( "{$prefix}." . SiteSettings::FIELD, __( 'Site settings are proposed on their own, not with changes to a post.', 'countersign' ) );
		}
		if ( is_string( $fields['featured_media'] ?? null ) && ! in_array( $fields['featured_media'], array_column( (array) ( $fields['media'] ?? array() ), 'ref' ), true ) ) {
			return self::invalid( "{$prefix}.featured_media", __( 'featured_media names an upload this proposal does not add: list it under media.', 'countersign' ) );
		}
		if ( 'future' === ( $fields['status'] ?? '' ) && ( ! isset( $fields['date'] ) || strtotime( $fields['date'] . ' UTC' ) <= time() ) ) {
			return self::invalid( "{$prefix}.date", __( 'Scheduling (status future) needs a date in the future.', 'countersign' ) );
		}
		return new self( $fields );
	}

	/**
	 * Rebuilds a stored change set (already validated when it was submitted).
	 *
	 * @param array<string, mixed> $stored Stored fields.
	 */
	public static function from_stored( array $stored ): self {
		return new self( array_intersect_key( $stored, array_flip( self::FIELDS ) ) );
	}

	/**
	 * Field => value.
	 *
	 * @return array<string, mixed>
	 */
	public function fields(): array {
		return $this->fields;
	}

	/**
	 * Whether the set only adds uploads or describes attachments: with no target post it changes no post.
	 */
	public function library_only(): bool {
		return array() === array_diff( array_keys( $this->fields ), self::LIBRARY_FIELDS );
	}

	/**
	 * The staged uploads the set adds, by reference.
	 *
	 * @return list<string>
	 */
	public function upload_refs(): array {
		return array_values( array_map( 'strval', array_column( (array) ( $this->fields['media'] ?? array() ), 'ref' ) ) );
	}

	/**
	 * A copy in which references to staged uploads are what they became: featured_media an attachment id, content
	 * with the files' ids and URLs.
	 *
	 * @param array<string, int> $ids Reference => attachment id.
	 */
	public function with_uploads( array $ids ): self {
		$fields = $this->fields;
		if ( is_string( $fields['featured_media'] ?? null ) ) {
			$fields['featured_media'] = $ids[ $fields['featured_media'] ] ?? 0;
		}
		foreach ( self::HTML_FIELDS as $field ) {
			if ( isset( $fields[ $field ] ) ) {
				$fields[ $field ] = StagedMedia::resolve_refs( (string) $fields[ $field ], $ids );
			}
		}
		if ( isset( $fields['media'] ) ) {
			$fields['media'] = array_map( fn( array $item ): array => $item + array( 'attachment' => $ids[ $item['ref'] ] ?? 0 ), (array) $fields['media'] );
		}
		return new self( $fields );
	}

	/**
	 * A copy with some values replaced (a reviewer's edits).
	 *
	 * @param array<string, mixed> $edits Field => value; only fields of this set are taken.
	 */
	public function with( array $edits ): self {
		return new self( array_merge( $this->fields, array_intersect_key( $edits, $this->fields ) ) );
	}

	/**
	 * A copy whose HTML fields went through a sanitiser, whose new term names are plain text, and whose meta text
	 * (list items and JSON inside a value included) went through the second sanitiser when one is given.
	 *
	 * @param callable(string):string      $sanitize Sanitiser for HTML fields.
	 * @param null|callable(string):string $text     Sanitiser for meta strings.
	 */
	public function sanitized( callable $sanitize, ?callable $text = null ): self {
		$fields = $this->fields;
		foreach ( self::HTML_FIELDS as $field ) {
			if ( isset( $fields[ $field ] ) ) {
				$fields[ $field ] = $sanitize( $fields[ $field ] );
			}
		}
		foreach ( (array) ( $fields['terms'] ?? array() ) as $taxonomy => $terms ) {
			$names = array_map( fn( $term ) => is_string( $term ) ? sanitize_text_field( $term ) : $term, (array) $terms );
			// A name that was nothing but tags is no name.
			$fields['terms'][ $taxonomy ] = array_values( array_unique( array_filter( $names, fn( $term ) => '' !== $term ), SORT_REGULAR ) );
		}
		if ( null !== $text && isset( $fields['meta'] ) ) {
			$fields['meta'] = self::map_text( (array) $fields['meta'], $text );
		}
		// Titles and alt text are plain text; captions and descriptions may carry what the HTML fields may.
		$describe = static function ( array $item ) use ( $sanitize ): array {
			foreach ( $item as $key => $value ) {
				if ( in_array( $key, array( 'title', 'alt' ), true ) ) {
					$item[ $key ] = sanitize_text_field( (string) $value );
				} elseif ( in_array( $key, array( 'caption', 'description' ), true ) ) {
					$item[ $key ] = $sanitize( (string) $value );
				}
			}
			return $item;
		};
		if ( isset( $fields['media'] ) ) {
			$fields['media'] = array_map( $describe, (array) $fields['media'] );
		}
		if ( isset( $fields['attachments'] ) ) {
			$fields['attachments'] = array_map( $describe, (array) $fields['attachments'] );
		}
		return new self( $fields );
	}

	/**
	 * Every string of the set that is rendered or served back, by field path: title, content, excerpt, each meta
	 * string (`meta.KEY`, list items as `meta.KEY.0`; JSON inside a string is read as its text, under the key's path)
	 * and each new term name (`terms.TAXONOMY.0`). What the level-5 rule reads.
	 *
	 * @return array<string, string> Path => text.
	 */
	public function text_values(): array {
		$values = array();
		foreach ( self::HTML_FIELDS as $field ) {
			if ( isset( $this->fields[ $field ] ) && is_string( $this->fields[ $field ] ) ) {
				$values[ $field ] = $this->fields[ $field ];
			}
		}
		foreach ( (array) ( $this->fields['meta'] ?? array() ) as $key => $value ) {
			$values += self::strings_of( $value, "meta.{$key}" );
		}
		foreach ( (array) ( $this->fields[ SiteSettings::FIELD ] ?? array() ) as $key => $value ) {
			$values += self::strings_of( $value, SiteSettings::FIELD . ".{$key}" );
		}
		foreach ( (array) ( $this->fields['terms'] ?? array() ) as $taxonomy => $terms ) {
			foreach ( (array) $terms as $i => $term ) {
				if ( is_string( $term ) ) {
					$values[ "terms.{$taxonomy}.{$i}" ] = $term;
				}
			}
		}
		foreach ( self::LIBRARY_FIELDS as $field ) {
			foreach ( (array) ( $this->fields[ $field ] ?? array() ) as $key => $item ) {
				foreach ( array_intersect_key( (array) $item, self::MEDIA_TEXT ) as $name => $text ) {
					$values[ "{$field}.{$key}.{$name}" ] = (string) $text;
				}
			}
		}
		return $values;
	}

	/**
	 * The strings in a meta value by path; a string holding a JSON array or object (footnotes) is read as the
	 * strings inside it, all under its own path.
	 *
	 * @param mixed  $value Value.
	 * @param string $path  Its path.
	 * @return array<string, string>
	 */
	private static function strings_of( mixed $value, string $path ): array {
		if ( is_array( $value ) ) {
			$strings = array();
			foreach ( $value as $key => $item ) {
				$strings += self::strings_of( $item, "{$path}.{$key}" );
			}
			return $strings;
		}
		if ( ! is_string( $value ) ) {
			return array();
		}
		$json = self::json_inside( $value );
		return array( $path => null === $json ? $value : implode( "\n", self::strings_of( $json, $path ) ) );
	}

	/**
	 * A meta value with a sanitiser applied to each string, JSON inside a string included (re-encoded only when the
	 * sanitiser changed something in it).
	 *
	 * @param mixed                   $value    Value.
	 * @param callable(string):string $sanitize Sanitiser.
	 * @return mixed
	 */
	private static function map_text( mixed $value, callable $sanitize ): mixed {
		if ( is_array( $value ) ) {
			return array_map( fn( $item ) => self::map_text( $item, $sanitize ), $value );
		}
		if ( ! is_string( $value ) ) {
			return $value;
		}
		$json = self::json_inside( $value );
		if ( null === $json ) {
			return $sanitize( $value );
		}
		$clean = self::map_text( $json, $sanitize );
		return $clean === $json ? $value : (string) wp_json_encode( $clean );
	}

	/**
	 * The array or object a string holds as JSON, or null.
	 *
	 * @param string $value String.
	 * @return array<mixed>|null
	 */
	private static function json_inside( string $value ): ?array {
		$trimmed = ltrim( $value );
		if ( '' === $trimmed || ( '[' !== $trimmed[0] && '{' !== $trimmed[0] ) ) {
			return null;
		}
		$decoded = json_decode( $value, true );
		return is_array( $decoded ) ? $decoded : null;
	}

	/**
	 * The SHA-256 of the canonical change set: what a confirmation token is bound to.
	 */
	public function hash(): string {
		$fields = $this->fields;
		ksort( $fields );
		return hash( 'sha256', (string) wp_json_encode( $fields ) );
	}

	/**
	 * The SHA-256 of one value, as kept in a proposal's base.
	 *
	 * @param mixed $value Value.
	 */
	public static function hash_value( mixed $value ): string {
		return hash( 'sha256', is_string( $value ) ? $value : (string) wp_json_encode( $value ) );
	}

	/**
	 * The current value of each field of this set on a post.
	 *
	 * @param WP_Post $post Post.
	 * @return array<string, mixed>
	 */
	public function current_values( WP_Post $post ): array {
		$values = array();
		foreach ( $this->fields as $field => $proposed ) {
			$values[ $field ] = self::value_of( $field, $post, $proposed );
		}
		return $values;
	}

	/**
	 * The current value of a field on a post. Terms and meta are read for the taxonomies and keys the proposed
	 * value names.
	 *
	 * @param string  $field    Field.
	 * @param WP_Post $post     Post.
	 * @param mixed   $proposed The proposed value.
	 */
	public static function value_of( string $field, WP_Post $post, mixed $proposed = null ): mixed {
		switch ( $field ) {
			case 'author':
				return (int) $post->post_author;
			case 'date':
				return (string) $post->post_date_gmt;
			case 'featured_media':
				return (int) get_post_thumbnail_id( $post );
			case 'media':
				return array();
			case 'attachments':
				return self::attachments_now( array_map( 'intval', array_keys( (array) $proposed ) ) );
			case 'terms':
				$terms = array();
				foreach ( array_keys( (array) $proposed ) as $taxonomy ) {
					$ids = wp_get_object_terms( $post->ID, (string) $taxonomy, array( 'fields' => 'ids' ) );
					$ids = is_wp_error( $ids ) ? array() : array_map( 'intval', $ids );
					sort( $ids );
					$terms[ $taxonomy ] = $ids;
				}
				return $terms;
			case SiteSettings::FIELD:
				return SiteSettings::current( (array) $proposed );
			case 'meta':
				$meta       = array();
				$registered = get_registered_meta_keys( 'post', $post->post_type ) + get_registered_meta_keys( 'post', '' );
				foreach ( array_keys( (array) $proposed ) as $key ) {
					$meta[ $key ] = get_post_meta( $post->ID, (string) $key, ! empty( $registered[ $key ]['single'] ) );
				}
				return $meta;
			default:
				return (string) $post->{self::COLUMNS[ $field ]};
		}
	}

	/**
	 * What attachments say now: title, caption, description and alt text by id.
	 *
	 * @param list<int> $ids Attachments.
	 * @return array<int, array<string, string>>
	 */
	public static function attachments_now( array $ids ): array {
		$now = array();
		foreach ( $ids as $id ) {
			$attachment = get_post( $id );
			if ( $attachment instanceof WP_Post ) {
				$now[ $id ] = array(
					'title'       => $attachment->post_title,
					'alt'         => (string) get_post_meta( $id, '_wp_attachment_image_alt', true ),
					'caption'     => $attachment->post_excerpt,
					'description' => $attachment->post_content,
				);
			}
		}
		return $now;
	}

	/**
	 * Writes attachments' title, caption, description and alt text through core (wp_update_post, update_post_meta).
	 *
	 * @param array<int|string, array<string, string>> $attachments Id => the values to set.
	 * @throws \RuntimeException When core refuses one.
	 */
	public static function write_attachments( array $attachments ): void {
		$columns = array(
			'title'       => 'post_title',
			'caption'     => 'post_excerpt',
			'description' => 'post_content',
		);
		foreach ( $attachments as $id => $values ) {
			$postarr = array( 'ID' => (int) $id );
			foreach ( $columns as $key => $column ) {
				if ( array_key_exists( $key, $values ) ) {
					$postarr[ $column ] = (string) $values[ $key ];
				}
			}
			if ( count( $postarr ) > 1 ) {
				// @phpstan-ignore argument.type (wp_slash() keeps the array's shape; the stubs type it loosely.)
				$result = wp_update_post( wp_slash( $postarr ), true );
				if ( is_wp_error( $result ) ) {
					throw new \RuntimeException( $result->get_error_message() );
				}
			}
			if ( array_key_exists( 'alt', $values ) ) {
				update_post_meta( (int) $id, '_wp_attachment_image_alt', wp_slash( (string) $values['alt'] ) );
			}
		}
	}

	/**
	 * The `wp_insert_post` / `wp_update_post` arguments for the column fields (unslashed). Trash is left out: it
	 * goes through wp_trash_post so core's trash bookkeeping runs.
	 *
	 * @return array<string, mixed>
	 */
	public function to_postarr(): array {
		$postarr = array();
		foreach ( self::COLUMNS as $field => $column ) {
			if ( array_key_exists( $field, $this->fields ) && ! ( 'status' === $field && 'trash' === $this->fields[ $field ] ) ) {
				$postarr[ $column ] = $this->fields[ $field ];
			}
		}
		if ( isset( $this->fields['date'] ) ) {
			$postarr['post_date_gmt'] = $this->fields['date'];
			$postarr['post_date']     = get_date_from_gmt( $this->fields['date'] );
			$postarr['edit_date']     = true;
		}
		return $postarr;
	}

	/**
	 * The changes that wp_update_post does not cover: terms, meta, featured image.
	 *
	 * @param int $post_id Post.
	 * @throws \RuntimeException When core refuses one of them.
	 */
	public function apply_extras( int $post_id ): void {
		self::write_attachments( (array) ( $this->fields['attachments'] ?? array() ) );
		if ( 0 === $post_id ) {
			return;
		}
		foreach ( (array) ( $this->fields['terms'] ?? array() ) as $taxonomy => $terms ) {
			$ids = array();
			foreach ( (array) $terms as $term ) {
				$ids[] = is_int( $term ) ? $term : self::term_id( (string) $term, (string) $taxonomy );
			}
			$result = wp_set_object_terms( $post_id, $ids, (string) $taxonomy );
			if ( is_wp_error( $result ) ) {
				throw new \RuntimeException( $result->get_error_message() );
			}
		}
		foreach ( (array) ( $this->fields['meta'] ?? array() ) as $key => $value ) {
			update_post_meta( $post_id, (string) $key, wp_slash( $value ) );
		}
		if ( array_key_exists( 'featured_media', $this->fields ) ) {
			$media = (int) $this->fields['featured_media'];
			$ok    = $media > 0 ? set_post_thumbnail( $post_id, $media ) : delete_post_thumbnail( $post_id );
			if ( false === $ok && $media > 0 && (int) get_post_thumbnail_id( $post_id ) !== $media ) {
				throw new \RuntimeException( __( 'Could not set the featured image.', 'countersign' ) );
			}
		}
	}

	/**
	 * Term names in the set that do not exist yet (creating them needs the role's `manage_terms`).
	 *
	 * @return array<string, list<string>> Taxonomy => names.
	 */
	public function missing_terms(): array {
		$missing = array();
		foreach ( (array) ( $this->fields['terms'] ?? array() ) as $taxonomy => $terms ) {
			foreach ( (array) $terms as $term ) {
				if ( is_string( $term ) && ! term_exists( $term, (string) $taxonomy ) ) {
					$missing[ (string) $taxonomy ][] = $term;
				}
			}
		}
		return $missing;
	}

	/**
	 * The meta keys a change set may carry for a post type: registered (for the type or for every post type) with
	 * `show_in_rest`.
	 *
	 * @param string $post_type Post type.
	 * @return array<string, array<string, mixed>> Key => its registration arguments.
	 */
	public static function rest_meta_keys( string $post_type ): array {
		$registered = get_registered_meta_keys( 'post', $post_type ) + get_registered_meta_keys( 'post', '' );
		return array_filter( $registered, fn( array $args ): bool => ! empty( $args['show_in_rest'] ) );
	}

	/**
	 * The taxonomies whose terms a change set may set for a post type: the type's taxonomies that show in REST.
	 *
	 * @param string $post_type Post type.
	 * @return list<string>
	 */
	public static function rest_taxonomies( string $post_type ): array {
		$names = array();
		foreach ( get_object_taxonomies( $post_type, 'objects' ) as $name => $taxonomy ) {
			if ( $taxonomy->show_in_rest ) {
				$names[] = (string) $name;
			}
		}
		return $names;
	}

	/**
	 * The path of the first string (value or key) in a value that is not valid UTF-8, or null. Form-encoded bodies
	 * reach a route without the JSON parser's check, and the database refuses such text half-way through a write.
	 *
	 * @param mixed  $value Value.
	 * @param string $path  Its path.
	 */
	public static function invalid_utf8( mixed $value, string $path ): ?string {
		if ( is_string( $value ) ) {
			return wp_check_invalid_utf8( $value ) === $value ? null : $path;
		}
		if ( ! is_array( $value ) ) {
			return null;
		}
		foreach ( $value as $key => $item ) {
			$key = (string) $key;
			if ( wp_check_invalid_utf8( $key ) !== $key ) {
				return $path;
			}
			$found = self::invalid_utf8( $item, "{$path}.{$key}" );
			if ( null !== $found ) {
				return $found;
			}
		}
		return null;
	}

	/**
	 * A date as `Y-m-d H:i:s` in UTC: ISO 8601 (UTC unless an offset is given), a real calendar date, years 1000 to
	 * 9999. Null for anything else (relative dates, `@timestamps`, 31 February).
	 *
	 * @param mixed $value Raw value.
	 */
	public static function parse_date( mixed $value ): ?string {
		if ( ! is_string( $value ) || ! preg_match( self::DATE_PATTERN, $value, $m ) ) {
			return null;
		}
		list( $year, $month, $day ) = array( (int) $m[1], (int) $m[2], (int) $m[3] );
		$hour                       = (int) ( $m[4] ?? 0 );
		$minute                     = (int) ( $m[5] ?? 0 );
		$second                     = (int) ( $m[6] ?? 0 );
		if ( ! checkdate( $month, $day, $year ) || $hour > 23 || $minute > 59 || $second > 59 ) {
			return null;
		}
		$zone = strtoupper( (string) ( $m[7] ?? '' ) );
		$zone = '' === $zone || 'Z' === $zone ? 'UTC' : ( strlen( $zone ) === 3 ? $zone . ':00' : $zone );
		try {
			$time = new \DateTimeImmutable( sprintf( '%04d-%02d-%02d %02d:%02d:%02d', $year, $month, $day, $hour, $minute, $second ), new \DateTimeZone( $zone ) );
		} catch ( \Exception $e ) {
			return null;
		}
		$utc  = $time->setTimezone( new \DateTimeZone( 'UTC' ) );
		$year = (int) $utc->format( 'Y' );
		return $year >= self::MIN_YEAR && $year <= self::MAX_YEAR ? $utc->format( 'Y-m-d H:i:s' ) : null;
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

	/**
	 * Validates and normalises one field.
	 *
	 * @param string $field     Field.
	 * @param mixed  $value     Raw value.
	 * @param string $post_type Post type.
	 * @param string $path      Error path.
	 * @return mixed|WP_Error
	 */
	private static function normalise( string $field, mixed $value, string $post_type, string $path ): mixed {
		switch ( $field ) {
			case 'title':
			case 'content':
			case 'excerpt':
				return is_string( $value ) ? str_replace( "\r\n", "\n", $value ) : self::invalid( $path, __( 'Must be a string.', 'countersign' ) );
			case 'slug':
				$slug = is_string( $value ) ? sanitize_title( $value ) : '';
				return '' !== $slug ? $slug : self::invalid( $path, __( 'slug must be a non-empty string.', 'countersign' ) );
			case 'status':
				/* translators: %s: allowed statuses. */
				return is_string( $value ) && in_array( $value, self::STATUSES, true ) ? $value : self::invalid( $path, sprintf( __( 'status must be one of: %s.', 'countersign' ), implode( ', ', self::STATUSES ) ) );
			case 'date':
				$date = self::parse_date( $value );
				return null !== $date ? $date : self::invalid( $path, __( 'date must be an ISO 8601 date between the years 1000 and 9999 (UTC unless an offset is given).', 'countersign' ) );
			case 'author':
				return is_int( $value ) && $value > 0 && get_userdata( $value ) && user_can( $value, 'edit_posts' ) ? $value : self::invalid( $path, __( 'author must be the id of a user who can write posts.', 'countersign' ) );
			case 'featured_media':
				if ( is_string( $value ) && preg_match( StagedMedia::REF_PATTERN, $value ) ) {
					// An upload of the same proposal: from_input() checks it is listed under media.
					return $value;
				}
				if ( ! is_int( $value ) || $value < 0 ) {
					return self::invalid( $path, __( 'featured_media must be an attachment id, the reference of an upload in media, or 0 to remove it.', 'countersign' ) );
				}
				return 0 === $value || wp_attachment_is_image( $value ) ? $value : self::invalid( $path, __( 'featured_media must be an image in the media library.', 'countersign' ) );
			case 'terms':
				return self::normalise_terms( $value, $post_type, $path );
			case SiteSettings::FIELD:
				return SiteSettings::normalise( $value, $path );
			case 'media':
				return self::normalise_media( $value, $path );
			case 'attachments':
				return self::normalise_attachments( $value, $path );
			default:
				return self::normalise_meta( $value, $post_type, $path );
		}
	}

	/**
	 * Terms: {taxonomy: [ids or names]} for taxonomies of the post type that show in REST.
	 *
	 * @param mixed  $value     Raw value.
	 * @param string $post_type Post type.
	 * @param string $path      Error path.
	 * @return array<string, list<int|string>>|WP_Error
	 */
	private static function normalise_terms( mixed $value, string $post_type, string $path ): array|WP_Error {
		if ( ! is_array( $value ) || array() === $value || array_is_list( $value ) ) {
			return self::invalid( $path, __( 'terms must be an object of taxonomy => list of term ids or names.', 'countersign' ) );
		}
		$terms = array();
		foreach ( $value as $taxonomy => $list ) {
			$taxonomy = (string) $taxonomy;
			if ( ! in_array( $taxonomy, self::rest_taxonomies( $post_type ), true ) ) {
				/* translators: %s: taxonomy. */
				return self::invalid( "{$path}.{$taxonomy}", sprintf( __( '%s is not a taxonomy of this post type.', 'countersign' ), $taxonomy ) );
			}
			if ( ! is_array( $list ) || ! array_is_list( $list ) || count( $list ) > self::MAX_TERMS ) {
				return self::invalid( "{$path}.{$taxonomy}", __( 'Give a list of at most 100 term ids or names.', 'countersign' ) );
			}
			$clean = array();
			foreach ( $list as $term ) {
				if ( is_int( $term ) && $term > 0 && term_exists( $term, $taxonomy ) ) {
					$clean[] = $term;
				} elseif ( is_string( $term ) && '' !== trim( $term ) && mb_strlen( $term ) <= 200 ) {
					// Kept as sent until the Gate has read it: markup in a name is judged like markup in content.
					$clean[] = $term;
				} else {
					return self::invalid( "{$path}.{$taxonomy}", __( 'Each term is an existing term id or a name.', 'countersign' ) );
				}
			}
			$terms[ $taxonomy ] = array_values( array_unique( $clean, SORT_REGULAR ) );
		}
		return $terms;
	}

	/**
	 * Uploads to add: a list of {ref, title?, alt?, caption?, description?}, each ref a staged upload's (whose owner
	 * the REST controller checks).
	 *
	 * @param mixed  $value Raw value.
	 * @param string $path  Error path.
	 * @return list<array<string, string>>|WP_Error
	 */
	private static function normalise_media( mixed $value, string $path ): array|WP_Error {
		if ( ! is_array( $value ) || array() === $value || ! array_is_list( $value ) || count( $value ) > self::MAX_MEDIA ) {
			return self::invalid( $path, __( 'media must be a list of 1 to 20 uploads: {ref, title?, alt?, caption?, description?}.', 'countersign' ) );
		}
		$items = array();
		foreach ( $value as $i => $item ) {
			$ref = is_array( $item ) ? ( $item['ref'] ?? null ) : null;
			if ( ! is_string( $ref ) || ! preg_match( StagedMedia::REF_PATTERN, $ref ) ) {
				return self::invalid( "{$path}.{$i}.ref", __( 'ref must be the reference POST /countersign/v1/media returned (cs-upload-…).', 'countersign' ) );
			}
			if ( in_array( $ref, array_column( $items, 'ref' ), true ) ) {
				return self::invalid( "{$path}.{$i}.ref", __( 'Each upload is listed once.', 'countersign' ) );
			}
			$described = self::media_text( array_diff_key( (array) $item, array( 'ref' => true ) ), "{$path}.{$i}" );
			if ( is_wp_error( $described ) ) {
				return $described;
			}
			$items[] = array( 'ref' => $ref ) + $described;
		}
		return $items;
	}

	/**
	 * Attachments to describe: {attachment id: {title?, alt?, caption?, description?}}.
	 *
	 * @param mixed  $value Raw value.
	 * @param string $path  Error path.
	 * @return array<int, array<string, string>>|WP_Error
	 */
	private static function normalise_attachments( mixed $value, string $path ): array|WP_Error {
		if ( ! is_array( $value ) || array() === $value || array_is_list( $value ) || count( $value ) > self::MAX_ATTACHMENTS ) {
			return self::invalid( $path, __( 'attachments must be an object of 1 to 100 attachment id => {title?, alt?, caption?, description?}.', 'countersign' ) );
		}
		$attachments = array();
		foreach ( $value as $id => $item ) {
			$attachment = ctype_digit( (string) $id ) ? get_post( (int) $id ) : null;
			if ( ! $attachment instanceof WP_Post || 'attachment' !== $attachment->post_type ) {
				return self::invalid( "{$path}.{$id}", __( 'Not an attachment in the media library.', 'countersign' ) );
			}
			$described = self::media_text( (array) $item, "{$path}.{$id}" );
			if ( is_wp_error( $described ) ) {
				return $described;
			}
			if ( array() === $described ) {
				return self::invalid( "{$path}.{$id}", __( 'Give at least one of title, alt, caption, description.', 'countersign' ) );
			}
			$attachments[ (int) $id ] = $described;
		}
		return $attachments;
	}

	/**
	 * An upload's or attachment's texts: only title, alt, caption and description, each a string of bounded length.
	 *
	 * @param array<mixed> $item Raw texts.
	 * @param string       $path Error path.
	 * @return array<string, string>|WP_Error
	 */
	private static function media_text( array $item, string $path ): array|WP_Error {
		$texts = array();
		foreach ( $item as $key => $text ) {
			$key = (string) $key;
			if ( ! isset( self::MEDIA_TEXT[ $key ] ) ) {
				/* translators: %s: a key. */
				return self::invalid( "{$path}.{$key}", sprintf( __( '%s is not one of title, alt, caption, description.', 'countersign' ), $key ) );
			}
			if ( ! is_string( $text ) || mb_strlen( $text ) > self::MEDIA_TEXT[ $key ] ) {
				/* translators: %d: characters. */
				return self::invalid( "{$path}.{$key}", sprintf( __( 'Must be a string of at most %d characters.', 'countersign' ), self::MEDIA_TEXT[ $key ] ) );
			}
			$texts[ $key ] = str_replace( "\r\n", "\n", $text );
		}
		return $texts;
	}

	/**
	 * Meta: registered `show_in_rest` keys only, each value checked against its registered schema.
	 *
	 * @param mixed  $value     Raw value.
	 * @param string $post_type Post type.
	 * @param string $path      Error path.
	 * @return array<string, mixed>|WP_Error
	 */
	private static function normalise_meta( mixed $value, string $post_type, string $path ): array|WP_Error {
		if ( ! is_array( $value ) || array() === $value || array_is_list( $value ) ) {
			return self::invalid( $path, __( 'meta must be an object of key => value.', 'countersign' ) );
		}
		$registered = self::rest_meta_keys( $post_type );
		$meta       = array();
		foreach ( $value as $key => $item ) {
			$key  = (string) $key;
			$args = $registered[ $key ] ?? null;
			if ( null === $args ) {
				/* translators: %s: meta key. */
				return self::invalid( "{$path}.{$key}", sprintf( __( '%s is not a registered meta key that shows in REST.', 'countersign' ), $key ) );
			}
			$schema = is_array( $args['show_in_rest'] ) && isset( $args['show_in_rest']['schema'] ) ? $args['show_in_rest']['schema'] : array();
			$schema = array_merge( array( 'type' => $args['type'] ?? 'string' ), $schema );
			if ( empty( $args['single'] ) ) {
				$schema = array(
					'type'  => 'array',
					'items' => $schema,
				);
			}
			$valid = rest_validate_value_from_schema( $item, $schema, "{$path}.{$key}" );
			if ( is_wp_error( $valid ) ) {
				return self::invalid( "{$path}.{$key}", $valid->get_error_message() );
			}
			$meta[ $key ] = rest_sanitize_value_from_schema( $item, $schema, "{$path}.{$key}" );
		}
		return $meta;
	}

	/**
	 * A term's id by name, created when missing (the Gate has checked the role may create terms).
	 *
	 * @param string $name     Name.
	 * @param string $taxonomy Taxonomy.
	 * @throws \RuntimeException When it cannot be created.
	 */
	private static function term_id( string $name, string $taxonomy ): int {
		$existing = term_exists( $name, $taxonomy );
		if ( is_array( $existing ) ) {
			return (int) $existing['term_id'];
		}
		$created = wp_insert_term( $name, $taxonomy );
		if ( is_wp_error( $created ) ) {
			throw new \RuntimeException( $created->get_error_message() );
		}
		return (int) $created['term_id'];
	}
}
