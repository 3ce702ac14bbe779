<?php
/**
 * REST: agents' uploads, staged until a reviewer approves them.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditLog;
use Countersign\Media\StagedMedia;
use Countersign\Policy\Capabilities;
use Countersign\Policy\Gate;
use Countersign\Policy\Settings;
use WP_Error;
use WP_HTTP_Response;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `POST /media` stages a file (multipart `file`, or JSON `{filename, data}` with base64 data for small files) and
 * answers its reference; a proposal adds it with `changes.media`. `GET /media/{ref}` describes it and
 * `GET /media/{ref}/file` serves its bytes, to its agent and to reviewers who may decide the proposal holding it:
 * the only way anyone sees a file before it is approved. `DELETE /media/{ref}` lets its agent drop a file no proposal
 * holds.
 */
final class MediaController extends Controller {

	/** The route that serves bytes, as WP_REST_Server matches it. */
	private const FILE_ROUTE = '/countersign/v1/media/(?P<ref>cs-upload-[0-9a-f]{32})/file';

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents    Agents.
	 * @param StagedMedia     $media     Staged uploads.
	 * @param Gate            $gate      Who may upload.
	 * @param Settings        $settings  Size limits.
	 * @param AuditLog        $audit     Audit.
	 */
	public function __construct(
		AgentRepository $agents,
		private readonly StagedMedia $media,
		private readonly Gate $gate,
		private readonly Settings $settings,
		private readonly AuditLog $audit
	) {
		parent::__construct( $agents );
		$this->rest_base = 'media';
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'create_item' ),
				'permission_callback' => array( $this, 'agent_permissions_check' ),
				'args'                => array(
					'file'     => array( 'description' => __( 'The file, as multipart/form-data.', 'countersign' ) ),
					'filename' => array( 'description' => __( 'With JSON: the file name, with its extension.', 'countersign' ) ),
					'data'     => array( 'description' => __( 'With JSON: the file\'s bytes in base64 (up to media_base64_max_kb).', 'countersign' ) ),
				),
			)
		);
		$ref = '/(?P<ref>cs-upload-[0-9a-f]{32})';
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . $ref,
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
				),
				array(
					'methods'             => WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'agent_permissions_check' ),
				),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . $ref . '/file',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_file' ),
				'permission_callback' => array( $this, 'get_item_permissions_check' ),
			)
		);
		add_filter( 'rest_pre_serve_request', array( $this, 'serve_bytes' ), 10, 4 );
	}

	/**
	 * Its agent, or a reviewer who may decide the proposal holding it. Anyone else, and a reviewer asking about a file
	 * no proposal holds yet, gets the answer an unknown reference gets.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_item_permissions_check( $request ): true|WP_Error {
		if ( ! is_user_logged_in() ) {
			return $this->forbidden();
		}
		$file  = $this->media->find( (string) $request['ref'] );
		$agent = $this->current_agent();
		if ( null !== $file && ( null !== $agent ? $agent->id === $file['agent_id'] : ( $file['proposal_id'] > 0 && current_user_can( Capabilities::REVIEW_PROPOSAL, $file['proposal_id'] ) ) ) ) {
			return true;
		}
		return null !== $agent || current_user_can( Capabilities::REVIEW ) ? $this->not_found() : $this->forbidden();
	}

	/**
	 * POST /media: checks and stages a file.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function create_item( $request ): WP_REST_Response|WP_Error {
		$agent = $this->current_agent();
		if ( null === $agent ) {
			return new WP_Error( 'countersign_not_agent', __( 'Only agents use this route.', 'countersign' ), array( 'status' => 403 ) );
		}
		$allowed = $this->gate->check_upload( $agent );
		$input   = is_wp_error( $allowed ) ? $allowed : $this->read_upload( $request );
		$staged  = is_wp_error( $input ) ? $input : $this->media->stage( $agent, $input[0], $input[1] );
		if ( is_wp_error( $staged ) ) {
			$data = (array) $staged->get_error_data();
			$this->audit->append(
				'media.refused',
				array(
					'object_type' => 'attachment',
					'outcome'     => 'refused',
					'details'     => array(
						'code'  => $staged->get_error_code(),
						'field' => $data['field'] ?? null,
						'rule'  => $data['rule'] ?? null,
						'name'  => is_wp_error( $input ) ? null : mb_substr( sanitize_file_name( $input[0] ), 0, 100 ),
					),
				)
			);
			return $staged;
		}
		$this->audit->append(
			'media.staged',
			array(
				'object_type' => 'attachment',
				'details'     => array_intersect_key( $staged, array_flip( array( 'ref', 'name', 'type', 'size', 'width', 'height' ) ) ),
			)
		);
		$response = rest_ensure_response( $staged );
		$response->set_status( 201 );
		$response->header( 'Location', rest_url( sprintf( '%s/%s/%s', $this->namespace, $this->rest_base, (string) $staged['ref'] ) ) );
		return $response;
	}

	/**
	 * GET /media/{ref}.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_item( $request ): WP_REST_Response|WP_Error {
		$file = $this->media->find( (string) $request['ref'] );
		return null === $file ? $this->not_found() : rest_ensure_response( $this->media->public_shape( $file ) );
	}

	/**
	 * DELETE /media/{ref}: its agent drops a file no proposal holds.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function delete_item( $request ): WP_REST_Response|WP_Error {
		$ref = (string) $request['ref'];
		if ( ! $this->media->discard( $ref, get_current_user_id() ) ) {
			$file = $this->media->find( $ref );
			return null !== $file && get_current_user_id() === $file['agent_id']
				? new WP_Error( 'countersign_invalid_state', __( 'A proposal holds this upload: withdraw the proposal instead.', 'countersign' ), array( 'status' => 409 ) )
				: $this->not_found();
		}
		$this->audit->append(
			'media.discarded',
			array(
				'object_type' => 'attachment',
				'details'     => array( 'ref' => $ref ),
			)
		);
		return rest_ensure_response(
			array(
				'deleted' => true,
				'ref'     => $ref,
			)
		);
	}

	/**
	 * GET /media/{ref}/file: the bytes, never sniffed into something else and sandboxed, so even an allowed SVG runs
	 * nothing in the reviewer's session.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_file( $request ): WP_REST_Response|WP_Error {
		$file = $this->media->find( (string) $request['ref'] );
		if ( null === $file ) {
			return $this->not_found();
		}
		$response = new WP_REST_Response( $this->media->bytes( $file['id'] ) );
		$inline   = str_starts_with( $file['mime'], 'image/' ) ? 'inline' : 'attachment';
		$response->set_headers(
			array(
				'Content-Type'            => $file['mime'],
				'Content-Disposition'     => sprintf( '%s; filename="%s"', $inline, str_replace( '"', '', $file['name'] ) ),
				'X-Content-Type-Options'  => 'nosniff',
				'Content-Security-Policy' => "default-src 'none'; style-src 'unsafe-inline'; sandbox",
				'Cache-Control'           => 'private, no-store',
			)
		);
		return $response;
	}

	/**
	 * Sends the file route's bytes as they are, instead of as JSON.
	 *
	 * @param bool                   $served  Whether the request was served already.
	 * @param WP_HTTP_Response|mixed $result  Result.
	 * @param WP_REST_Request|mixed  $request Request.
	 * @param WP_REST_Server|mixed   $server  Server.
	 */
	public function serve_bytes( $served, $result, $request, $server ): bool {
		if ( $served || ! $result instanceof WP_REST_Response || 200 !== $result->get_status() || self::FILE_ROUTE !== $result->get_matched_route() || ! is_string( $result->get_data() ) ) {
			return (bool) $served;
		}
		echo $result->get_data(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a file's bytes, sent with its own type, nosniff and a sandbox policy.
		return true;
	}

	/**
	 * The file name and bytes of the request: multipart `file`, or JSON `filename` and base64 `data`.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return array{0: string, 1: string}|WP_Error
	 */
	private function read_upload( WP_REST_Request $request ): array|WP_Error {
		$files = $request->get_file_params();
		if ( isset( $files['file'] ) && is_array( $files['file'] ) ) {
			$file  = $files['file'];
			$error = (int) ( $file['error'] ?? UPLOAD_ERR_NO_FILE );
			if ( in_array( $error, array( UPLOAD_ERR_INI_SIZE, UPLOAD_ERR_FORM_SIZE ), true ) ) {
				return new WP_Error(
					'countersign_payload_too_large',
					__( 'The file is larger than this server accepts.', 'countersign' ),
					array(
						'status' => 413,
						'field'  => 'file',
					)
				);
			}
			$tmp = (string) ( $file['tmp_name'] ?? '' );
			if ( UPLOAD_ERR_OK !== $error || '' === $tmp || ! is_uploaded_file( $tmp ) ) {
				return $this->invalid( 'file', __( 'The upload did not arrive whole; send it again.', 'countersign' ) );
			}
			return array( (string) ( $file['name'] ?? '' ), (string) file_get_contents( $tmp ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- PHP's own temporary upload file.
		}
		$name = $request->get_param( 'filename' );
		$data = $request->get_param( 'data' );
		if ( ! is_string( $name ) || '' === trim( $name ) ) {
			return $this->invalid( 'filename', __( 'Send the file as multipart/form-data field file, or JSON {filename, data} with data in base64.', 'countersign' ) );
		}
		if ( ! is_string( $data ) ) {
			return $this->invalid( 'data', __( 'data must be the file in base64.', 'countersign' ) );
		}
		$max = (int) $this->settings->get( 'media_base64_max_kb' ) * KB_IN_BYTES;
		// Base64 is 4 characters for 3 bytes: the encoded length says whether the file can fit before it is decoded.
		if ( intdiv( strlen( $data ), 4 ) * 3 > $max + 3 ) {
			return $this->base64_too_large( $max );
		}
		$bytes = base64_decode( $data, true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- the documented way agents send small files in JSON.
		if ( false === $bytes ) {
			return $this->invalid( 'data', __( 'data is not valid base64.', 'countersign' ) );
		}
		if ( strlen( $bytes ) > $max ) {
			return $this->base64_too_large( $max );
		}
		return array( $name, $bytes );
	}

	/**
	 * A base64 file over the limit.
	 *
	 * @param int $max Bytes.
	 */
	private function base64_too_large( int $max ): WP_Error {
		return new WP_Error(
			'countersign_payload_too_large',
			/* translators: %s: kilobytes. */
			sprintf( __( 'Files sent as base64 may be %s KB at most; send larger ones as multipart/form-data.', 'countersign' ), number_format_i18n( $max / KB_IN_BYTES ) ),
			array(
				'status' => 413,
				'field'  => 'data',
				'rule'   => 'media_base64_max_kb',
			)
		);
	}

	/**
	 * The answer for a reference that does not exist or is not the caller's to see.
	 */
	private function not_found(): WP_Error {
		return new WP_Error(
			'countersign_not_found',
			__( 'No such upload.', 'countersign' ),
			array(
				'status' => 404,
				'field'  => 'ref',
			)
		);
	}
}
