<?php
/**
 * REST: the audit log.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditExport;
use Countersign\Audit\AuditHead;
use Countersign\Audit\AuditLog;
use Countersign\Audit\AuditQuery;
use Countersign\Audit\AuditRetention;
use Countersign\Audit\AuditVerifier;
use Countersign\Policy\Capabilities;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET /audit` and `GET /audit/verify`, for `countersign_audit` holders (never agents).
 */
final class AuditController extends Controller {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents   Agents.
	 * @param AuditQuery      $query    Reads.
	 * @param AuditVerifier   $verifier Chain verification.
	 * @param AuditExport     $exporter Streaming export.
	 * @param AuditLog        $audit    The log (exports are recorded).
	 * @param AuditRetention  $retention Database hardening state.
	 * @param AuditHead       $head      The anchored head.
	 */
	public function __construct(
		AgentRepository $agents,
		private readonly AuditQuery $query,
		private readonly AuditVerifier $verifier,
		private readonly AuditExport $exporter,
		private readonly AuditLog $audit,
		private readonly AuditRetention $retention,
		private readonly AuditHead $head
	) {
		parent::__construct( $agents );
		$this->rest_base = 'audit';
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_items' ),
				'permission_callback' => array( $this, 'get_items_permissions_check' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/export',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'export' ),
				'permission_callback' => array( $this, 'get_items_permissions_check' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/verify',
			array(
				'methods'             => WP_REST_Server::READABLE . ', ' . WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'verify' ),
				'permission_callback' => array( $this, 'get_items_permissions_check' ),
				'args'                => array(
					'head'        => array( 'description' => __( 'A head exported earlier from /audit/head (the object, or its JSON): the log must still reach it.', 'countersign' ) ),
					'incremental' => array(
						'description'       => __( 'Verify only from where the last intact verification ended (its row must be unchanged), in time proportional to the rows since. Ignored with head.', 'countersign' ),
						'type'              => 'boolean',
						'default'           => false,
						'validate_callback' => 'rest_validate_request_arg',
						'sanitize_callback' => 'rest_sanitize_request_arg',
					),
				),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/head',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'head' ),
				'permission_callback' => array( $this, 'get_items_permissions_check' ),
			)
		);
	}

	/**
	 * GET /audit/head: the signed head, for the site owner to keep outside the database and verify against later.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public function head( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$head = $this->head->read();
		if ( null === $head ) {
			return new WP_Error( 'countersign_not_found', __( 'The audit log has no anchored head yet.', 'countersign' ), array( 'status' => 404 ) );
		}
		$this->audit->append(
			'audit.head_exported',
			array(
				'object_type' => 'audit',
				'details'     => array( 'id' => $head['id'] ),
			)
		);
		return rest_ensure_response( array( 'site' => home_url() ) + $head );
	}

	/**
	 * `countersign_audit` only.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_items_permissions_check( $request ): true|WP_Error {
		return $this->require_cap( Capabilities::AUDIT );
	}

	/**
	 * GET /audit.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_items( $request ): WP_REST_Response|WP_Error {
		$paging  = $this->pagination( $request );
		$filters = $this->filters( $request );
		if ( is_wp_error( $paging ) || is_wp_error( $filters ) ) {
			return is_wp_error( $paging ) ? $paging : $filters;
		}
		$result = $this->query->find( $filters, $paging[0], $paging[1] );
		return $this->list_response( array_map( array( $this, 'with_names' ), $result['rows'] ), $result['total'], $paging[1] );
	}

	/**
	 * Adds who the actor and the agent are, so the screen can name them without a lookup per row. Names are read
	 * now, not stored: the chain covers the ids, and a renamed user shows under the new name.
	 *
	 * @param array<string, mixed> $row Row.
	 * @return array<string, mixed>
	 */
	private function with_names( array $row ): array {
		$agent_id = (int) $row['agent_id'];
		$actor_id = (int) $row['actor_id'];
		$agent    = $agent_id > 0 ? $this->agents->find( $agent_id ) : null;
		$user     = $actor_id > 0 ? get_userdata( $actor_id ) : false;

		$row['actor'] = array(
			'id'   => $actor_id,
			'type' => (string) $row['actor_type'],
			'name' => 'system' === $row['actor_type'] ? __( 'System', 'countersign' ) : ( $user ? $user->display_name : sprintf( /* translators: %d: user id. */ __( 'User #%d', 'countersign' ), $actor_id ) ),
		);
		$row['agent'] = $agent_id > 0 ? array(
			'id'    => $agent_id,
			'label' => $agent ? $agent->label : sprintf( /* translators: %d: user id. */ __( 'Deleted agent #%d', 'countersign' ), $agent_id ),
			'color' => $agent ? $agent->color : '#757575',
		) : null;
		return $row;
	}

	/**
	 * GET /audit/export?format=csv|json: every matching row, streamed; the export itself is audited first.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_Error|never
	 */
	public function export( WP_REST_Request $request ): WP_Error {
		$filters = $this->filters( $request );
		if ( is_wp_error( $filters ) ) {
			return $filters;
		}
		$format = $request->get_param( 'format' ) ?? 'csv';
		if ( ! in_array( $format, array( 'csv', 'json' ), true ) ) {
			return $this->invalid( 'format', __( 'format must be csv or json.', 'countersign' ) );
		}
		$this->audit->append(
			'audit.exported',
			array(
				'object_type' => 'audit',
				'details'     => array(
					'format'  => $format,
					'filters' => $filters,
				),
			)
		);
		nocache_headers();
		header( 'Content-Type: ' . ( 'csv' === $format ? 'text/csv' : 'application/json' ) . '; charset=utf-8' );
		header( 'Content-Disposition: attachment; filename="countersign-audit-' . gmdate( 'Ymd-His' ) . '.' . $format . '"' );
		header( 'X-Content-Type-Options: nosniff' );
		while ( ob_get_level() > 0 ) {
			ob_end_clean();
		}
		// phpcs:disable WordPress.WP.AlternativeFunctions -- the HTTP response body, not a file; WP_Filesystem has no streams.
		$out = fopen( 'php://output', 'wb' );
		$this->exporter->stream( $filters, $format, $out );
		fclose( $out );
		// phpcs:enable
		exit;
	}

	/**
	 * Validated filters shared by the list and the export.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return array<string, int|string>|WP_Error
	 */
	private function filters( WP_REST_Request $request ): array|WP_Error {
		$filters = array();
		foreach ( array( 'agent', 'actor', 'proposal' ) as $name ) {
			$value = $this->int_param( $request, $name );
			if ( is_wp_error( $value ) ) {
				return $value;
			}
			if ( null !== $value ) {
				$filters[ $name ] = $value;
			}
		}
		foreach ( array( 'action', 'outcome' ) as $name ) {
			$value = $request->get_param( $name );
			if ( null !== $value && ( ! is_string( $value ) || ! preg_match( '/^[a-z0-9_.]{1,64}$/', $value ) ) ) {
				/* translators: %s: parameter. */
				return $this->invalid( $name, sprintf( __( '%s must be an action name like proposal.approved.', 'countersign' ), $name ) );
			}
			if ( null !== $value ) {
				$filters[ $name ] = $value;
			}
		}
		foreach ( array( 'from', 'to' ) as $name ) {
			$value = $request->get_param( $name );
			if ( null === $value ) {
				continue;
			}
			$time = is_string( $value ) ? strtotime( $value ) : false;
			if ( false === $time ) {
				/* translators: %s: parameter. */
				return $this->invalid( $name, sprintf( __( '%s must be a date.', 'countersign' ), $name ) );
			}
			$filters[ $name ] = gmdate( 'Y-m-d H:i:s', $time );
		}
		return $filters;
	}

	/**
	 * GET /audit/verify.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public function verify( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$kept = null;
		$raw  = $request->get_param( 'head' );
		if ( null !== $raw && '' !== $raw ) {
			$kept = AuditHead::from_export( is_string( $raw ) ? json_decode( $raw, true ) : $raw );
			if ( null === $kept ) {
				return $this->invalid( 'head', __( 'head must be a head exported from /audit/head: {id, hash, time, signature}.', 'countersign' ) );
			}
		}
		return rest_ensure_response( $this->verifier->verify( $kept, (bool) $request->get_param( 'incremental' ) ) + array( 'hardened' => $this->retention->hardened() ) );
	}
}
