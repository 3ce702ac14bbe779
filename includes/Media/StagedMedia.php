<?php
/**
 * Files agents upload, held until a reviewer approves them.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Media;

use Countersign\Agents\Agent;
use Countersign\Policy\Settings;
use Countersign\Proposals\StateMachine;
use Countersign\Support\Database;
use RuntimeException;
use WP_Error;

/**
 * Checks an upload (type by content and by name, the site's allowed types, size, zero bytes, pixel count), keeps it in
 * the database (never in the uploads directory, so no URL the web server serves reaches it, nothing lists it and every
 * web server sees it), hands it to a proposal, and on approval turns it into an attachment through core's
 * `media_handle_sideload`. Rejected, withdrawn and expired proposals take their files with them; files no proposal
 * claimed go after a day; each agent's staged bytes are bounded.
 */
final class StagedMedia {

	/** What a staged file is called in a change set (and in content, as an image's src). */
	public const REF_PATTERN = '/^cs-upload-[0-9a-f]{32}$/';

	/** The same, found inside content. */
	private const REF_IN_TEXT = '/cs-upload-[0-9a-f]{32}/';

	/** Bytes per stored chunk: each INSERT stays far below MariaDB's max_allowed_packet. */
	private const CHUNK = 524288;

	/** Hours an upload no proposal claimed is kept. */
	public const UNCLAIMED_HOURS = 24;

	/** States whose files are deleted (an applied proposal's file became an attachment already). */
	private const DISCARDING_STATES = array( StateMachine::REJECTED, StateMachine::WITHDRAWN, StateMachine::EXPIRED );

	/**
	 * Files written into the uploads directory by the apply in progress: deleted again if it rolls back.
	 *
	 * @var list<int>
	 */
	private array $written = array();

	/**
	 * Staged files by proposal, read for a whole list at once (this request only).
	 *
	 * @var array<int, list<array<string, mixed>>>
	 */
	private array $listed = array();

	/**
	 * Constructor.
	 *
	 * @param Database $db       Database.
	 * @param Settings $settings Limits.
	 */
	public function __construct( private readonly Database $db, private readonly Settings $settings ) {}

	/**
	 * Hooks the clean-up of decided proposals' files.
	 */
	public function register(): void {
		add_action( 'countersign_proposal_transitioned', array( $this, 'on_transition' ), 10, 3 );
	}

	/**
	 * A proposal rejected, withdrawn or expired takes its staged files with it (in the same transaction).
	 *
	 * @param int    $proposal_id Proposal.
	 * @param string $from        Old state.
	 * @param string $to          New state.
	 */
	public function on_transition( int $proposal_id, string $from, string $to ): void {
		if ( in_array( $to, self::DISCARDING_STATES, true ) ) {
			$this->delete_where( 'proposal_id', $proposal_id );
		}
	}

	/**
	 * Checks and stores an agent's upload.
	 *
	 * @param Agent  $agent Agent.
	 * @param string $name  File name as sent.
	 * @param string $bytes Contents.
	 * @return array<string, mixed>|WP_Error The staged file as the API shows it.
	 */
	public function stage( Agent $agent, string $name, string $bytes ): array|WP_Error {
		$file = $this->inspect( $agent, $name, $bytes );
		if ( is_wp_error( $file ) ) {
			return $file;
		}
		$quota = (int) $this->settings->get( 'media_staged_quota_mb' ) * MB_IN_BYTES;
		$used  = $this->used_bytes( $agent->id );
		if ( $used + $file['size'] > $quota ) {
			return new WP_Error(
				'countersign_payload_too_large',
				sprintf(
					/* translators: 1: megabytes staged, 2: the limit in megabytes. */
					__( 'Your staged uploads would exceed %2$s MB (%1$s MB are waiting for review): wait for decisions or withdraw proposals.', 'countersign' ),
					number_format_i18n( $used / MB_IN_BYTES, 1 ),
					number_format_i18n( $quota / MB_IN_BYTES )
				),
				array(
					'status' => 413,
					'field'  => 'file',
					'rule'   => 'media_staged_quota_mb',
				)
			);
		}
		$ref  = 'cs-upload-' . bin2hex( random_bytes( 16 ) );
		$wpdb = $this->db->wpdb();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery.DirectQuery -- the plugin's own tables, in one transaction.
		$this->db->transaction(
			function () use ( $wpdb, $ref, $agent, $file, $bytes ): void {
				$wpdb->insert(
					$wpdb->countersign_uploads,
					array(
						'ref'        => $ref,
						'agent_id'   => $agent->id,
						'name'       => $file['name'],
						'mime'       => $file['type'],
						'size'       => $file['size'],
						'width'      => $file['width'],
						'height'     => $file['height'],
						'sha256'     => hash( 'sha256', $bytes ),
						'created_at' => gmdate( 'Y-m-d H:i:s' ),
					),
					array( '%s', '%d', '%s', '%s', '%d', '%d', '%d', '%s', '%s' )
				);
				$id = (int) $wpdb->insert_id;
				if ( $id < 1 ) {
					throw new RuntimeException( 'The upload could not be stored.' );
				}
				foreach ( str_split( $bytes, self::CHUNK ) as $seq => $chunk ) {
					// Hex keeps the statement plain ASCII: wpdb refuses text that is not valid in the connection's charset.
					// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table.
					$ok = $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->countersign_upload_chunks} (upload_id, seq, data) VALUES (%d, %d, UNHEX(%s))", $id, $seq, bin2hex( $chunk ) ) );
					if ( 1 !== $ok ) {
						throw new RuntimeException( 'The upload could not be stored.' );
					}
				}
			}
		);
		// phpcs:enable
		return $this->public_shape( $this->find( $ref ) ?? array() );
	}

	/**
	 * What a file is: refused unless its content is what its name says, the site allows the type for this agent, it
	 * has bytes, it is within the size limit and, for an image, within the pixel limit.
	 *
	 * @param Agent  $agent Agent (the allowed types are the site's for its user).
	 * @param string $name  File name.
	 * @param string $bytes Contents.
	 * @return array{name: string, type: string, ext: string, size: int, width: int, height: int}|WP_Error
	 */
	public function inspect( Agent $agent, string $name, string $bytes ): array|WP_Error {
		$size = strlen( $bytes );
		if ( 0 === $size ) {
			return $this->refuse( __( 'The file is empty.', 'countersign' ), 'empty' );
		}
		$max = (int) $this->settings->get( 'media_max_upload_mb' ) * MB_IN_BYTES;
		if ( $size > $max ) {
			return new WP_Error(
				'countersign_payload_too_large',
				/* translators: %s: megabytes. */
				sprintf( __( 'The file is larger than %s MB.', 'countersign' ), number_format_i18n( $max / MB_IN_BYTES ) ),
				array(
					'status' => 413,
					'field'  => 'file',
					'rule'   => 'media_max_upload_mb',
				)
			);
		}
		$name = sanitize_file_name( wp_basename( $name ) );
		if ( '' === $name || ! str_contains( $name, '.' ) || mb_strlen( $name ) > 200 ) {
			return $this->refuse( __( 'Give the file a name with its extension (at most 200 characters).', 'countersign' ), 'name', 'filename' );
		}
		// The site's allowed types as they are for this agent's user (a plugin that allows SVG allows it here).
		$mimes = get_allowed_mime_types( $agent->id );
		$typed = wp_check_filetype( $name, $mimes );
		if ( ! $typed['type'] || ! $typed['ext'] ) {
			return $this->refuse( __( 'This site does not accept files of this type.', 'countersign' ), 'type', 'filename' );
		}
		require_once ABSPATH . 'wp-admin/includes/file.php';
		$tmp = wp_tempnam( $name );
		try {
			file_put_contents( $tmp, $bytes ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- a private temporary file for core's content check.
			$checked = wp_check_filetype_and_ext( $tmp, $name, $mimes );
		} finally {
			wp_delete_file( $tmp );
		}
		// Core renames a file whose content is another allowed type; here that is refused: the name must say what it is.
		if ( ! $checked['type'] || $checked['proper_filename'] || $checked['type'] !== $typed['type'] ) {
			return $this->refuse( __( 'The file\'s content is not what its name says.', 'countersign' ), 'content' );
		}
		$width  = 0;
		$height = 0;
		if ( str_starts_with( $typed['type'], 'image/' ) && 'image/svg+xml' !== $typed['type'] ) {
			// Read from the header only: a small file declaring a huge canvas is refused before anything decodes it.
			$info = @getimagesizefromstring( $bytes ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a malformed image is an answer, not a warning.
			if ( ! is_array( $info ) || $info['mime'] !== $typed['type'] ) {
				return $this->refuse( __( 'The file\'s content is not what its name says.', 'countersign' ), 'content' );
			}
			list( $width, $height ) = array( (int) $info[0], (int) $info[1] );
			$pixels                 = (int) $this->settings->get( 'media_max_megapixels' ) * 1000000;
			if ( $width < 1 || $height < 1 || $width * $height > $pixels ) {
				return $this->refuse(
					/* translators: 1: width, 2: height, 3: megapixels. */
					sprintf( __( 'The image is %1$d × %2$d pixels, more than the %3$d megapixels this site accepts.', 'countersign' ), $width, $height, $pixels / 1000000 ),
					'pixels'
				);
			}
		}
		if ( 'image/svg+xml' === $typed['type'] && preg_match( '/<script|\son[a-z]+\s*=|javascript:|<foreignObject/i', $bytes ) ) {
			return $this->refuse( __( 'The SVG carries scripts or event handlers.', 'countersign' ), 'content' );
		}
		return array(
			'name'   => $name,
			'type'   => (string) $typed['type'],
			'ext'    => (string) $typed['ext'],
			'size'   => $size,
			'width'  => $width,
			'height' => $height,
		);
	}

	/**
	 * A staged file's record (without its bytes), or null.
	 *
	 * @param string $ref Reference.
	 * @return array{id: int, ref: string, agent_id: int, proposal_id: int, name: string, mime: string, size: int, width: int, height: int, sha256: string, created_at: string}|null
	 */
	public function find( string $ref ): ?array {
		if ( ! preg_match( self::REF_PATTERN, $ref ) ) {
			return null;
		}
		$wpdb = $this->db->wpdb();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table, read from its row on every server.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT id, ref, agent_id, proposal_id, name, mime, size, width, height, sha256, created_at FROM {$wpdb->countersign_uploads} WHERE ref = %s", $ref ), ARRAY_A );
		if ( ! is_array( $row ) ) {
			return null;
		}
		foreach ( array( 'id', 'agent_id', 'proposal_id', 'size', 'width', 'height' ) as $key ) {
			$row[ $key ] = (int) $row[ $key ];
		}
		return $row;
	}

	/**
	 * A staged file's contents.
	 *
	 * @param int $id Upload id.
	 */
	public function bytes( int $id ): string {
		$wpdb = $this->db->wpdb();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table; binary chunks are never cached.
		$chunks = $wpdb->get_col( $wpdb->prepare( "SELECT data FROM {$wpdb->countersign_upload_chunks} WHERE upload_id = %d ORDER BY seq", $id ) );
		return implode( '', array_map( 'strval', $chunks ) );
	}

	/**
	 * The staged files a proposal refers to.
	 *
	 * @param int $proposal_id Proposal.
	 * @return list<array<string, mixed>> As the API shows them.
	 */
	public function for_proposal( int $proposal_id ): array {
		$wpdb = $this->db->wpdb();
		if ( ! isset( $this->listed[ $proposal_id ] ) ) {
			$this->prime( array( $proposal_id ) );
		}
		$files = $this->listed[ $proposal_id ] ?? array();
		// Read once: a later call (after a decision in this request) reads the rows again.
		unset( $this->listed[ $proposal_id ] );
		return $files;
	}

	/**
	 * Reads the staged files of many proposals in one query (a list of proposals shows each one's files).
	 *
	 * @param list<int> $proposal_ids Proposals.
	 */
	public function prime( array $proposal_ids ): void {
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $proposal_ids ) ) ) );
		if ( array() === $ids ) {
			return;
		}
		foreach ( $ids as $id ) {
			$this->listed[ $id ] = array();
		}
		$wpdb = $this->db->wpdb();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own table; one %d per id.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT ref, name, mime, size, width, height, proposal_id, created_at FROM {$wpdb->countersign_uploads} WHERE proposal_id IN (" . implode( ', ', array_fill( 0, count( $ids ), '%d' ) ) . ') ORDER BY id', $ids ), ARRAY_A );
		// phpcs:enable
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			foreach ( array( 'size', 'width', 'height', 'proposal_id' ) as $key ) {
				$row[ $key ] = (int) $row[ $key ];
			}
			$this->listed[ $row['proposal_id'] ][] = $this->public_shape( $row );
		}
	}

	/**
	 * Checks that every reference of a change set names an upload of this agent that no proposal holds yet.
	 *
	 * @param Agent        $agent Agent.
	 * @param list<string> $refs  References, in change-set order.
	 */
	public function check_refs( Agent $agent, array $refs ): true|WP_Error {
		foreach ( $refs as $i => $ref ) {
			$file = $this->find( $ref );
			if ( null === $file || $file['agent_id'] !== $agent->id || 0 !== $file['proposal_id'] ) {
				return new WP_Error(
					'countersign_invalid_payload',
					__( 'No staged upload of yours with this reference is free: upload the file first (POST /countersign/v1/media); each upload goes into one proposal.', 'countersign' ),
					array(
						'status' => 400,
						'field'  => "changes.media.{$i}.ref",
					)
				);
			}
		}
		return true;
	}

	/**
	 * Hands uploads to a proposal: one conditional UPDATE per file, so two proposals never hold the same file.
	 *
	 * @param list<string> $refs        References.
	 * @param int          $agent_id    Their agent.
	 * @param int          $proposal_id The proposal.
	 * @throws RuntimeException When one was taken meanwhile (the caller's transaction rolls back).
	 */
	public function claim( array $refs, int $agent_id, int $proposal_id ): void {
		$wpdb = $this->db->wpdb();
		foreach ( $refs as $ref ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a claim: its row count says whether this call took the file.
			$taken = $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->countersign_uploads} SET proposal_id = %d WHERE ref = %s AND agent_id = %d AND proposal_id = 0", $proposal_id, $ref, $agent_id ) );
			if ( 1 !== $taken ) {
				throw new RuntimeException( 'The upload ' . $ref . ' is no longer free.' );
			}
		}
	}

	/**
	 * Bytes an agent has staged (claimed or not), for the per-agent bound.
	 *
	 * @param int $agent_id Agent.
	 */
	public function used_bytes( int $agent_id ): int {
		$wpdb = $this->db->wpdb();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table, counted from its rows.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(size), 0) FROM {$wpdb->countersign_uploads} WHERE agent_id = %d", $agent_id ) );
	}

	/**
	 * Deletes uploads no proposal claimed within UNCLAIMED_HOURS (daily).
	 *
	 * @return int How many went.
	 */
	public function purge_unclaimed(): int {
		$wpdb = $this->db->wpdb();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the plugin's own table.
		$ids = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$wpdb->countersign_uploads} WHERE proposal_id = 0 AND created_at < %s", gmdate( 'Y-m-d H:i:s', time() - self::UNCLAIMED_HOURS * HOUR_IN_SECONDS ) ) );
		foreach ( $ids as $id ) {
			$this->delete_where( 'id', (int) $id );
		}
		return count( $ids );
	}

	/**
	 * Deletes an agent's unclaimed upload (the agent changed its mind).
	 *
	 * @param string $ref      Reference.
	 * @param int    $agent_id Agent.
	 */
	public function discard( string $ref, int $agent_id ): bool {
		$file = $this->find( $ref );
		if ( null === $file || $file['agent_id'] !== $agent_id || 0 !== $file['proposal_id'] ) {
			return false;
		}
		$this->delete_where( 'id', $file['id'] );
		return true;
	}

	/**
	 * Turns a proposal's staged files into attachments through core, inside the apply's transaction, and deletes the
	 * staged copies. Files written into the uploads directory are remembered so forget_written() can remove them if
	 * the transaction rolls back.
	 *
	 * @param list<array<string, string>> $items  The change set's `media` entries.
	 * @param int                         $parent Post the attachments belong to (0: none).
	 * @return array<string, int> Reference => attachment id.
	 * @throws RuntimeException When a file is missing or core refuses it.
	 */
	public function materialize( array $items, int $parent ): array {
		require_once ABSPATH . 'wp-admin/includes/file.php';
		require_once ABSPATH . 'wp-admin/includes/media.php';
		require_once ABSPATH . 'wp-admin/includes/image.php';
		$ids = array();
		foreach ( $items as $item ) {
			$file = $this->find( (string) $item['ref'] );
			if ( null === $file ) {
				throw new RuntimeException( __( 'A staged upload of this proposal is gone.', 'countersign' ) );
			}
			$bytes = $this->bytes( $file['id'] );
			if ( ! hash_equals( $file['sha256'], hash( 'sha256', $bytes ) ) ) {
				throw new RuntimeException( __( 'A staged upload no longer matches its checksum.', 'countersign' ) );
			}
			$tmp = wp_tempnam( $file['name'] );
			file_put_contents( $tmp, $bytes ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- core's sideload moves this temporary file into uploads.
			$title = (string) ( $item['title'] ?? '' );
			$id    = media_handle_sideload(
				array(
					'name'     => $file['name'],
					'tmp_name' => $tmp,
				),
				$parent,
				'' === $title ? null : $title,
				array(
					'post_excerpt' => (string) ( $item['caption'] ?? '' ),
					'post_content' => (string) ( $item['description'] ?? '' ),
				)
			);
			if ( file_exists( $tmp ) ) {
				wp_delete_file( $tmp );
			}
			if ( is_wp_error( $id ) ) {
				throw new RuntimeException( $id->get_error_message() );
			}
			$this->written[] = $id;
			if ( isset( $item['alt'] ) ) {
				update_post_meta( $id, '_wp_attachment_image_alt', wp_slash( (string) $item['alt'] ) );
			}
			$this->delete_where( 'id', $file['id'] );
			$ids[ (string) $item['ref'] ] = $id;
		}
		return $ids;
	}

	/**
	 * After an apply: on success forgets the files it wrote; after a rollback deletes them from the uploads directory
	 * (their attachment rows rolled back with the transaction).
	 *
	 * @param bool $rolled_back Whether the apply rolled back.
	 */
	public function forget_written( bool $rolled_back ): void {
		if ( $rolled_back ) {
			foreach ( $this->written as $id ) {
				foreach ( $this->files_of( $id ) as $path ) {
					wp_delete_file( $path );
				}
			}
		}
		$this->written = array();
	}

	/**
	 * Replaces the references to staged files in content with what they became: an image block's `"id":"REF"` with
	 * the attachment id, a `wp-image-REF` class with `wp-image-ID`, and any other mention (an src) with the file's URL.
	 *
	 * @param string             $text Content.
	 * @param array<string, int> $ids  Reference => attachment id.
	 */
	public static function resolve_refs( string $text, array $ids ): string {
		foreach ( $ids as $ref => $id ) {
			$text = str_replace( array( '"id":"' . $ref . '"', 'wp-image-' . $ref ), array( '"id":' . $id, 'wp-image-' . $id ), $text );
			$text = str_replace( $ref, (string) wp_get_attachment_url( $id ), $text );
		}
		return $text;
	}

	/**
	 * The references a text mentions.
	 *
	 * @param string $text Text.
	 * @return list<string>
	 */
	public static function refs_in( string $text ): array {
		preg_match_all( self::REF_IN_TEXT, $text, $matches );
		return array_values( array_unique( $matches[0] ) );
	}

	/**
	 * A staged file as the API shows it.
	 *
	 * @param array<string, mixed> $file Record.
	 * @return array<string, mixed>
	 */
	public function public_shape( array $file ): array {
		if ( array() === $file ) {
			return array();
		}
		return array(
			'ref'         => $file['ref'],
			'name'        => $file['name'],
			'type'        => $file['mime'],
			'size'        => $file['size'],
			'width'       => $file['width'],
			'height'      => $file['height'],
			'proposal_id' => $file['proposal_id'],
			'created'     => mysql_to_rfc3339( (string) $file['created_at'] ),
			'preview'     => rest_url( 'countersign/v1/media/' . $file['ref'] . '/file' ),
		);
	}

	/**
	 * The files an attachment has on disk (the original and every generated size).
	 *
	 * @param int $id Attachment.
	 * @return list<string>
	 */
	private function files_of( int $id ): array {
		$file = get_attached_file( $id, true );
		if ( ! is_string( $file ) || '' === $file ) {
			return array();
		}
		$paths = array( $file );
		$meta  = wp_get_attachment_metadata( $id, true );
		$dir   = dirname( $file );
		foreach ( is_array( $meta ) ? (array) ( $meta['sizes'] ?? array() ) : array() as $size ) {
			$paths[] = $dir . '/' . $size['file'];
		}
		if ( is_array( $meta ) && ! empty( $meta['original_image'] ) ) {
			$paths[] = $dir . '/' . $meta['original_image'];
		}
		return $paths;
	}

	/**
	 * Deletes uploads and their chunks by one column.
	 *
	 * @param string $column `id` or `proposal_id`.
	 * @param int    $value  Value.
	 */
	private function delete_where( string $column, int $value ): void {
		$wpdb = $this->db->wpdb();
		$col  = 'id' === $column ? 'id' : 'proposal_id';
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the plugin's own tables; the column is one of two names.
		$wpdb->query( $wpdb->prepare( "DELETE c FROM {$wpdb->countersign_upload_chunks} c JOIN {$wpdb->countersign_uploads} u ON u.id = c.upload_id WHERE u.{$col} = %d", $value ) );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_uploads} WHERE {$col} = %d", $value ) );
		// phpcs:enable
	}

	/**
	 * A refused file: 400 naming the field, with the rule it broke.
	 *
	 * @param string $message Message.
	 * @param string $rule    Rule (empty, name, type, content, pixels).
	 * @param string $field   Field.
	 */
	private function refuse( string $message, string $rule, string $field = 'file' ): WP_Error {
		return new WP_Error(
			'countersign_invalid_payload',
			$message,
			array(
				'status' => 400,
				'field'  => $field,
				'rule'   => 'media_' . $rule,
			)
		);
	}
}
