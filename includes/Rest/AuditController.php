<?php
/**
 * REST: the audit log.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditQuery;
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
	 */
	public function __construct( AgentRepository $agents, private readonly AuditQuery $query, private readonly AuditVerifier $verifier ) {
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
			'/' . $this->rest_base . '/verify',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'verify' ),
				'permission_callback' => array( $this, 'get_items_permissions_check' ),
			)
		);
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
		$paging = $this->pagination( $request );
		if ( is_wp_error( $paging ) ) {
			return $paging;
		}
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
		$result = $this->query->find( $filters, $paging[0], $paging[1] );
		return $this->list_response( $result['rows'], $result['total'], $paging[1] );
	}

	/**
	 * GET /audit/verify.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public function verify( WP_REST_Request $request ): WP_REST_Response {
		return rest_ensure_response( $this->verifier->verify() );
	}
}
