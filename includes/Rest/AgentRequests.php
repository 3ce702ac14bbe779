<?php
/**
 * Every REST request an agent makes: gated and audited.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditLog;
use Countersign\Policy\Gate;
use WP_Error;
use WP_HTTP_Response;
use WP_REST_Request;
use WP_REST_Server;

/**
 * Before dispatch: a paused or revoked agent, or any agent while the kill switch is on, is refused on every route,
 * core's included, and oversized bodies are refused on ours. After dispatch: one audit row per agent request,
 * allowed or refused, with the status it got.
 */
final class AgentRequests {

	public const MAX_BODY = 1048576;

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 * @param Gate            $gate   Gate.
	 * @param AuditLog        $audit  Audit.
	 */
	public function __construct( private readonly AgentRepository $agents, private readonly Gate $gate, private readonly AuditLog $audit ) {}

	/**
	 * Hooks the filters.
	 */
	public function register(): void {
		add_filter( 'rest_pre_dispatch', array( $this, 'before' ), 10, 3 );
		add_filter( 'rest_post_dispatch', array( $this, 'after' ), 10, 3 );
	}

	/**
	 * `rest_pre_dispatch`.
	 *
	 * @param mixed           $result  Short-circuit result.
	 * @param WP_REST_Server  $server  Server.
	 * @param WP_REST_Request $request Request.
	 * @return mixed
	 */
	public function before( mixed $result, WP_REST_Server $server, WP_REST_Request $request ): mixed {
		if ( null !== $result ) {
			return $result;
		}
		/**
		 * Filters the largest request body Countersign's routes accept, in bytes.
		 *
		 * @param int $bytes Default 1 MiB.
		 */
		$max_body = (int) apply_filters( 'countersign_max_body_bytes', self::MAX_BODY );
		if ( str_starts_with( $request->get_route(), '/' . Controller::NAMESPACE ) && strlen( (string) $request->get_body() ) > $max_body ) {
			return new WP_Error( 'countersign_payload_too_large', __( 'The request body is too large.', 'countersign' ), array( 'status' => 413 ) );
		}
		$agent = $this->agents->find( get_current_user_id() );
		if ( null === $agent ) {
			return $result;
		}
		$allowed = $this->gate->check_agent( $agent );
		if ( true === $allowed ) {
			$this->agents->touch( $agent );
			return $result;
		}
		return $allowed;
	}

	/**
	 * `rest_post_dispatch`: the audit row.
	 *
	 * @param WP_HTTP_Response $response Response.
	 * @param WP_REST_Server   $server   Server.
	 * @param WP_REST_Request  $request  Request.
	 */
	public function after( WP_HTTP_Response $response, WP_REST_Server $server, WP_REST_Request $request ): WP_HTTP_Response {
		$user_id = get_current_user_id();
		if ( ! $this->agents->is_agent( $user_id ) ) {
			return $response;
		}
		$status = $response->get_status();
		$data   = $response->get_data();
		$this->audit->append(
			'request',
			array(
				'object_type' => 'route',
				'outcome'     => $status >= 400 ? 'refused' : 'ok',
				'details'     => array(
					'method' => $request->get_method(),
					'route'  => $request->get_route(),
					'status' => $status,
					'code'   => $status >= 400 && is_array( $data ) ? ( $data['code'] ?? null ) : null,
				),
			)
		);
		return $response;
	}
}
