<?php
/**
 * REST: the agent's own profile.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Policy\Settings;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET /me`: who the agent is and what it may do.
 */
final class MeController extends Controller {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents   Agents.
	 * @param Settings        $settings Settings.
	 */
	public function __construct( AgentRepository $agents, private readonly Settings $settings ) {
		parent::__construct( $agents );
		$this->rest_base = 'me';
	}

	/**
	 * Registers the route.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_item' ),
				'permission_callback' => array( $this, 'agent_permissions_check' ),
			)
		);
	}

	/**
	 * GET /me.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public function get_item( $request ): WP_REST_Response {
		$agent = $this->current_agent();
		$data  = $agent ? $agent->to_array() : array();
		return rest_ensure_response(
			$data + array(
				'kill_switch' => $this->settings->kill_switch(),
			)
		);
	}
}
