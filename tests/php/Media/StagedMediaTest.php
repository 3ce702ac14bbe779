<?php
/**
 * Agents' uploads: staged out of reach, checked, applied through core, cleaned up.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Media;

use Countersign\Policy\Settings;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * A file an agent uploads is a proposal like any other change: nobody but its agent and its reviewers can reach it
 * until it is approved, hostile files are refused with nothing stored, and approval makes it a real attachment.
 */
final class StagedMediaTest extends TestCase {

	/**
	 * A PNG of the given size, drawn with GD.
	 *
	 * @param int  $width  Width.
	 * @param int  $height Height.
	 * @param bool $noise  Random pixels (a file that does not compress).
	 */
	private function png( int $width = 40, int $height = 30, bool $noise = false ): string {
		$image = imagecreatetruecolor( $width, $height );
		imagefill( $image, 0, 0, (int) imagecolorallocate( $image, 30, 120, 60 ) );
		if ( $noise ) {
			for ( $x = 0; $x < $width; $x++ ) {
				for ( $y = 0; $y < $height; $y++ ) {
					imagesetpixel( $image, $x, $y, random_int( 0, 0xFFFFFF ) );
				}
			}
		}
		ob_start();
		imagepng( $image );
		return (string) ob_get_clean();
	}

	/**
	 * A PNG header declaring a huge canvas over a few bytes: what a decompression bomb looks like before decoding.
	 *
	 * @param int $width  Declared width.
	 * @param int $height Declared height.
	 */
	private function bomb( int $width, int $height ): string {
		$chunk = static function ( string $type, string $data ): string {
			return pack( 'N', strlen( $data ) ) . $type . $data . pack( 'N', crc32( $type . $data ) );
		};
		$ihdr  = pack( 'NNCCCCC', $width, $height, 8, 2, 0, 0, 0 );
		return "\x89PNG\r\n\x1a\n" . $chunk( 'IHDR', $ihdr ) . $chunk( 'IDAT', (string) gzcompress( str_repeat( "\0", 1024 ) ) ) . $chunk( 'IEND', '' );
	}

	/**
	 * A media agent (Author role: may upload files, edits its own posts).
	 *
	 * @param string $preset Preset.
	 */
	private function media_agent( string $preset = 'draft_only' ): int {
		return (int) $this->agent(
			array(
				'role'   => 'editor',
				'preset' => $preset,
			)
		)['id'];
	}

	/**
	 * Stages a file as JSON with base64.
	 *
	 * @param int    $agent Agent.
	 * @param string $name  File name.
	 * @param string $bytes Contents.
	 */
	private function stage( int $agent, string $name, string $bytes ): \WP_REST_Response {
		return $this->rest(
			$agent,
			'POST',
			'/countersign/v1/media',
			array(
				'filename' => $name,
				'data'     => base64_encode( $bytes ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- what agents send.
			)
		);
	}

	/**
	 * How many staged uploads an agent has, and how many attachments the library holds.
	 *
	 * @param int $agent Agent.
	 * @return array{0: int, 1: int}
	 */
	private function stored( int $agent ): array {
		global $wpdb;
		return array(
			(int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->countersign_uploads} WHERE agent_id = %d", $agent ) ),
			(int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'attachment'" ),
		);
	}

	/**
	 * The whole path: staged (not in the library, visible only to its agent and its reviewers), proposed with a title,
	 * alt text and caption as the post's featured image and placed in its content, approved by an editor: a real
	 * attachment through core, the featured image, the content pointing at it, the staged copy gone.
	 */
	public function test_upload_becomes_featured_attachment_placed_in_content_on_approval(): void {
		$agent                        = $this->media_agent();
		$editor                       = $this->user( 'editor' );
		$post                         = $this->post( array( 'post_author' => $agent ) );
		$bytes                        = $this->png( 64, 48 );
		list( , $attachments_before ) = $this->stored( $agent );

		$staged = $this->stage( $agent, 'opening-day.png', $bytes );
		$this->assertSame( 201, $staged->get_status(), (string) wp_json_encode( $staged->get_data() ) );
		$file = $staged->get_data();
		$ref  = $file['ref'];
		$this->assertMatchesRegularExpression( '/^cs-upload-[0-9a-f]{32}$/', $ref );
		$this->assertSame( array( 'image/png', strlen( $bytes ), 64, 48 ), array( $file['type'], $file['size'], $file['width'], $file['height'] ) );

		$content  = '<!-- wp:image {"id":"' . $ref . '"} --><figure class="wp-block-image"><img src="' . $ref . '" alt="Tulips" class="wp-image-' . $ref . '"/></figure><!-- /wp:image -->';
		$response = $this->propose(
			$agent,
			array(
				'post'    => $post,
				'changes' => array(
					'media'          => array(
						array(
							'ref'     => $ref,
							'title'   => 'Opening day',
							'alt'     => 'Members planting tulips by the gate.',
							'caption' => 'Our first spring.',
						),
					),
					'featured_media' => $ref,
					'content'        => $content,
				),
			)
		);
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$proposal = $response->get_data();
		$this->assertSame( array( 'pending', 3 ), array( $proposal['status'], $proposal['risk'] ) );
		$this->assertSame( array( 'opening-day.png', 'image/png', 64, 48 ), array( $proposal['uploads'][0]['name'], $proposal['uploads'][0]['type'], $proposal['uploads'][0]['width'], $proposal['uploads'][0]['height'] ) );
		$this->assertSame( $attachments_before, $this->stored( $agent )[1], 'nothing in the media library before approval' );

		// Only its agent and the post's reviewers reach the bytes; another agent, an author and a visitor do not.
		$preview = $this->rest( $editor, 'GET', "/countersign/v1/media/{$ref}/file" );
		$this->assertSame( 200, $preview->get_status() );
		$this->assertSame( $bytes, $preview->get_data() );
		$this->assertSame( 'nosniff', $preview->get_headers()['X-Content-Type-Options'] );
		$this->assertError( $this->rest( $this->media_agent(), 'GET', "/countersign/v1/media/{$ref}/file" ), 'countersign_not_found', 404 );
		$this->assertSame( 403, $this->rest( $this->user( 'author' ), 'GET', "/countersign/v1/media/{$ref}/file" )->get_status() );
		$this->assertSame( 401, $this->rest( 0, 'GET', "/countersign/v1/media/{$ref}" )->get_status() );

		$approved = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );
		$this->assertSame( 200, $approved->get_status(), (string) wp_json_encode( $approved->get_data() ) );
		$this->assertSame( 'applied', $approved->get_data()['status'] );

		$attachment = (int) get_post_thumbnail_id( $post );
		$this->assertGreaterThan( 0, $attachment );
		$this->assertSame( 'attachment', get_post_type( $attachment ) );
		$this->assertSame( $post, wp_get_post_parent_id( $attachment ) );
		$this->assertSame( 'Opening day', get_the_title( $attachment ) );
		$this->assertSame( 'Our first spring.', get_post_field( 'post_excerpt', $attachment ) );
		$this->assertSame( 'Members planting tulips by the gate.', get_post_meta( $attachment, '_wp_attachment_image_alt', true ) );
		$this->assertFileExists( (string) get_attached_file( $attachment ) );
		$this->assertSame( $bytes, file_get_contents( (string) get_attached_file( $attachment ) ) );

		clean_post_cache( $post );
		$written = (string) get_post_field( 'post_content', $post );
		$this->assertStringContainsString( '"id":' . $attachment, $written );
		$this->assertStringContainsString( 'wp-image-' . $attachment, $written );
		$this->assertStringContainsString( (string) wp_get_attachment_url( $attachment ), $written );
		$this->assertStringNotContainsString( 'cs-upload-', $written );
		$this->assertSame( 0, $this->stored( $agent )[0], 'the staged copy is gone' );
		$this->assertError( $this->rest( $editor, 'GET', "/countersign/v1/media/{$ref}/file" ), 'countersign_not_found', 404 );
	}

	/**
	 * Every hostile or broken file is a clear 4xx naming the field, and nothing is stored.
	 *
	 * @return array<string, array{0: string, 1: callable(self): string, 2: string, 3: int, 4: string}>
	 */
	public static function hostile_files(): array {
		return array(
			'PHP named .jpg'     => array( 'photo.jpg', fn( self $t ): string => "<?php system(\$_GET['c']); ?>", 'countersign_invalid_payload', 400, 'file' ),
			'PNG named .jpg'     => array( 'photo.jpg', fn( self $t ): string => $t->png(), 'countersign_invalid_payload', 400, 'file' ),
			'PHP file'           => array( 'shell.php', fn( self $t ): string => '<?php echo 1;', 'countersign_invalid_payload', 400, 'filename' ),
			'double extension'   => array( 'shell.php.png', fn( self $t ): string => '<?php echo 1;', 'countersign_invalid_payload', 400, 'file' ),
			'executable'         => array( 'setup.exe', fn( self $t ): string => "MZ\x90\x00", 'countersign_invalid_payload', 400, 'filename' ),
			'SVG not allowed'    => array( 'logo.svg', fn( self $t ): string => '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'countersign_invalid_payload', 400, 'filename' ),
			'zero bytes'         => array( 'empty.png', fn( self $t ): string => '', 'countersign_invalid_payload', 400, 'file' ),
			'no extension'       => array( 'picture', fn( self $t ): string => $t->png(), 'countersign_invalid_payload', 400, 'filename' ),
			'decompression bomb' => array( 'bomb.png', fn( self $t ): string => $t->bomb( 30000, 30000 ), 'countersign_invalid_payload', 400, 'file' ),
			'oversize base64'    => array( 'big.png', fn( self $t ): string => $t->png( 300, 300, true ), 'countersign_payload_too_large', 413, 'data' ),
			'truncated image'    => array( 'half.png', fn( self $t ): string => substr( $t->png(), 0, 20 ), 'countersign_invalid_payload', 400, 'file' ),
		);
	}

	/**
	 * Hostile files.
	 *
	 * @dataProvider hostile_files
	 *
	 * @param string   $name   File name.
	 * @param callable $make   Makes the bytes.
	 * @param string   $code   Expected error code.
	 * @param int      $status Expected status.
	 * @param string   $field  Expected field.
	 */
	public function test_hostile_file_is_refused_and_nothing_is_stored( string $name, callable $make, string $code, int $status, string $field ): void {
		update_option(
			Settings::OPTION,
			array(
				'ip_rate_limit'       => 0,
				'media_base64_max_kb' => 64,
			)
		);
		$agent  = $this->media_agent();
		$before = $this->stored( $agent );

		$response = $this->stage( $agent, $name, $make( $this ) );

		$this->assertError( $response, $code, $status );
		$this->assertSame( $field, $response->get_data()['data']['field'] ?? null );
		$this->assertSame( $before, $this->stored( $agent ), 'nothing staged, nothing in the library' );
	}

	/**
	 * An SVG is refused while the site does not allow the type, accepted once it does (unless it carries script),
	 * and is then served to reviewers sandboxed.
	 */
	public function test_svg_only_where_the_site_allows_it(): void {
		$agent = $this->media_agent();
		$svg   = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
		$this->assertError( $this->stage( $agent, 'logo.svg', $svg ), 'countersign_invalid_payload', 400 );

		$allow = static fn( array $mimes ): array => $mimes + array( 'svg' => 'image/svg+xml' );
		add_filter( 'upload_mimes', $allow );
		try {
			$this->assertError( $this->stage( $agent, 'evil.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>' ), 'countersign_invalid_payload', 400 );
			$ok = $this->stage( $agent, 'logo.svg', $svg );
			$this->assertSame( 201, $ok->get_status(), (string) wp_json_encode( $ok->get_data() ) );
			$file = $this->rest( $agent, 'GET', '/countersign/v1/media/' . $ok->get_data()['ref'] . '/file' );
			$this->assertStringContainsString( 'sandbox', $file->get_headers()['Content-Security-Policy'] );
		} finally {
			remove_filter( 'upload_mimes', $allow );
		}
	}

	/**
	 * Multipart over real HTTP: an image is staged; a PHP file named .jpg and a file over the size limit are refused.
	 */
	public function test_multipart_upload_over_http(): void {
		update_option(
			Settings::OPTION,
			array(
				'ip_rate_limit'       => 0,
				'media_max_upload_mb' => 1,
			)
		);
		$agent = $this->media_agent();
		$auth  = $this->credentials( $agent );
		$send  = static function ( string $name, string $bytes ) use ( $auth ): array {
			$tmp = (string) tempnam( sys_get_temp_dir(), 'cs' );
			file_put_contents( $tmp, $bytes );
			$handle = curl_init( Http::servers()[0] . '/wp-json/countersign/v1/media' );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_POST           => true,
					CURLOPT_USERPWD        => $auth,
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_POSTFIELDS     => array( 'file' => new \CURLFile( $tmp, 'application/octet-stream', $name ) ),
					CURLOPT_HTTPHEADER     => array( 'Expect:' ),
				)
			);
			$body   = (string) curl_exec( $handle );
			$status = (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE );
			unlink( $tmp );
			return array( $status, json_decode( $body, true ) );
		};

		list( $status, $body ) = $send( 'garden.png', $this->png( 20, 10 ) );
		$this->assertSame( 201, $status, (string) wp_json_encode( $body ) );
		$this->assertSame( array( 20, 10 ), array( $body['width'], $body['height'] ) );

		list( $status, $body ) = $send( 'photo.jpg', '<?php phpinfo();' );
		$this->assertSame( array( 400, 'countersign_invalid_payload', 'file' ), array( $status, $body['code'], $body['data']['field'] ) );

		list( $status, $body ) = $send( 'huge.png', $this->png( 700, 700, true ) );
		$this->assertSame( array( 413, 'countersign_payload_too_large' ), array( $status, $body['code'] ) );
		$this->assertSame( 1, $this->stored( $agent )[0], 'only the good file is staged' );
	}

	/**
	 * Rejected, withdrawn and expired proposals take their files with them; an upload goes into one proposal only;
	 * staged bytes per agent are bounded.
	 */
	public function test_decided_uploads_are_deleted_and_staging_is_bounded(): void {
		$agent  = $this->media_agent();
		$editor = $this->user( 'editor' );
		$post   = $this->post( array( 'post_author' => $agent ) );
		foreach ( array( 'reject', 'withdraw', 'expire' ) as $end ) {
			$ref      = $this->stage( $agent, 'a.png', $this->png() )->get_data()['ref'];
			$proposal = $this->propose(
				$agent,
				array(
					'post'    => $post,
					'changes' => array( 'media' => array( array( 'ref' => $ref ) ) ),
				)
			)->get_data();
			$this->assertSame( 'pending', $proposal['status'] ?? null, (string) wp_json_encode( $proposal ) );
			$this->assertSame( 1, $this->stored( $agent )[0] );
			// The same file cannot go into a second proposal.
			$again = $this->propose(
				$agent,
				array(
					'post'    => $post,
					'changes' => array( 'media' => array( array( 'ref' => $ref ) ) ),
				)
			);
			$this->assertError( $again, 'countersign_invalid_payload', 400 );
			$this->assertSame( 'changes.media.0.ref', $again->get_data()['data']['field'] );
			if ( 'reject' === $end ) {
				$this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/reject", array( 'reason' => 'Not this one.' ) );
			} elseif ( 'withdraw' === $end ) {
				$this->rest( $agent, 'POST', "/countersign/v1/proposals/{$proposal['id']}/withdraw" );
			} else {
				wp_update_post(
					array(
						'ID'            => $proposal['id'],
						'post_date_gmt' => '2020-01-01 00:00:00',
						'post_date'     => '2020-01-01 00:00:00',
					)
				);
				$this->plugin()->decisions->expire_stale( 30 );
			}
			$this->assertSame( 0, $this->stored( $agent )[0], "{$end}: the staged file is deleted" );
		}

		update_option(
			Settings::OPTION,
			array(
				'ip_rate_limit'         => 0,
				'media_staged_quota_mb' => 1,
			)
		);
		$noise = $this->png( 420, 420, true );
		$this->assertGreaterThan( MB_IN_BYTES / 2, strlen( $noise ) );
		$this->assertSame(
			201,
			$this->rest(
				$agent,
				'POST',
				'/countersign/v1/media',
				array(
					'filename' => 'n.png',
					'data'     => base64_encode( $noise ),
				)
			)->get_status()
		); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
		$over = $this->stage( $agent, 'n2.png', $noise );
		$this->assertError( $over, 'countersign_payload_too_large', 413 );
		$this->assertSame( 'media_staged_quota_mb', $over->get_data()['data']['rule'] );
	}

	/**
	 * Base64 in JSON up to the setting (1024 KB by default), though the body is larger than the 1 MiB other routes
	 * accept; beyond it, 413 naming the field and the setting.
	 */
	public function test_base64_up_to_its_setting(): void {
		$agent = $this->media_agent();
		$big   = $this->png( 540, 540, true );
		$this->assertGreaterThan( 800 * KB_IN_BYTES, strlen( $big ) );
		$this->assertLessThan( 1024 * KB_IN_BYTES, strlen( $big ) );
		$ok = $this->stage( $agent, 'big.png', $big );
		$this->assertSame( 201, $ok->get_status(), (string) wp_json_encode( $ok->get_data() ) );

		$over = $this->stage( $agent, 'bigger.png', $this->png( 600, 600, true ) );
		$this->assertError( $over, 'countersign_payload_too_large', 413 );
		$this->assertSame( array( 'data', 'media_base64_max_kb' ), array( $over->get_data()['data']['field'], $over->get_data()['data']['rule'] ) );
	}

	/**
	 * Only agents whose preset has media_manage may upload.
	 */
	public function test_upload_needs_the_media_group(): void {
		$agent    = $this->media_agent( 'seo_specialist' );
		$response = $this->stage( $agent, 'a.png', $this->png() );
		$this->assertError( $response, 'countersign_forbidden_group', 403 );
		$this->assertSame( array( 0 ), array_slice( $this->stored( $agent ), 0, 1 ) );
		$this->assertError( $this->stage( $this->user( 'editor' ), 'a.png', $this->png() ), 'countersign_not_agent', 403 );
	}

	/**
	 * Post 0 with only media: an upload into the library, no post created.
	 */
	public function test_library_upload_creates_no_post(): void {
		$agent    = $this->media_agent( 'media_manager' );
		$editor   = $this->user( 'editor' );
		$ref      = $this->stage( $agent, 'logo.png', $this->png() )->get_data()['ref'];
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => 0,
				'changes' => array(
					'media' => array(
						array(
							'ref'   => $ref,
							'title' => 'Club logo',
						),
					),
				),
			)
		)->get_data();
		$this->assertSame( array( 'pending', 'attachment' ), array( $proposal['status'] ?? null, $proposal['post_type'] ?? null ), (string) wp_json_encode( $proposal ) );
		$approved = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );
		$this->assertSame( 'applied', $approved->get_data()['status'] ?? null, (string) wp_json_encode( $approved->get_data() ) );
		$this->assertSame( 0, $approved->get_data()['post'] );
		$created = get_posts(
			array(
				'post_type'   => 'attachment',
				'post_status' => 'inherit',
				'title'       => 'Club logo',
				'fields'      => 'ids',
			)
		);
		$this->assertCount( 1, $created );
		$this->assertSame( 0, wp_get_post_parent_id( (int) $created[0] ) );
	}

	/**
	 * "Alt text for every image in this post" is one proposal of risk 2, backed up and restorable.
	 */
	public function test_describing_attachments_is_one_proposal_with_backup_and_restore(): void {
		$agent  = $this->media_agent();
		$editor = $this->user( 'editor' );
		$post   = $this->post(
			array(
				'post_author' => $agent,
				'post_status' => 'publish',
			)
		);
		$images = array();
		foreach ( array( 'one', 'two' ) as $name ) {
			$id = wp_insert_attachment(
				array(
					'post_title'     => $name,
					'post_mime_type' => 'image/png',
					'post_status'    => 'inherit',
				),
				false,
				$post
			);
			update_post_meta( $id, '_wp_attachment_image_alt', "old {$name}" );
			$images[ $name ] = $id;
		}
		$response = $this->propose(
			$agent,
			array(
				'post'    => $post,
				'changes' => array(
					'attachments' => array(
						$images['one'] => array( 'alt' => 'A watering can.' ),
						$images['two'] => array(
							'alt'     => 'Seedlings in trays.',
							'caption' => 'Spring sowing.',
						),
					),
				),
			)
		);
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$proposal = $response->get_data();
		$this->assertSame( array( 'pending', 2 ), array( $proposal['status'], $proposal['risk'] ) );
		$detail = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$proposal['id']}" )->get_data();
		$this->assertSame( 'old one', $detail['fields']['attachments']['current'][ $images['one'] ]['alt'] );

		$approved = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" )->get_data();
		$this->assertSame( 'applied', $approved['status'], (string) wp_json_encode( $approved ) );
		$this->assertSame( 'A watering can.', get_post_meta( $images['one'], '_wp_attachment_image_alt', true ) );
		$this->assertSame( 'Seedlings in trays.', get_post_meta( $images['two'], '_wp_attachment_image_alt', true ) );
		$this->assertSame( 'Spring sowing.', get_post_field( 'post_excerpt', $images['two'] ) );

		$restored = $this->rest( $editor, 'POST', "/countersign/v1/backups/{$approved['backup_id']}/restore" );
		$this->assertSame( 200, $restored->get_status(), (string) wp_json_encode( $restored->get_data() ) );
		clean_post_cache( $images['two'] );
		$this->assertSame( 'old one', get_post_meta( $images['one'], '_wp_attachment_image_alt', true ) );
		$this->assertSame( 'old two', get_post_meta( $images['two'], '_wp_attachment_image_alt', true ) );
		$this->assertSame( '', get_post_field( 'post_excerpt', $images['two'] ) );

		// An attachment id that is not one is refused naming it.
		$bad = $this->propose(
			$agent,
			array(
				'post'    => $post,
				'changes' => array( 'attachments' => array( $post => array( 'alt' => 'x' ) ) ),
			)
		);
		$this->assertError( $bad, 'countersign_invalid_payload', 400 );
		$this->assertSame( "changes.attachments.{$post}", $bad->get_data()['data']['field'] );
	}
}
