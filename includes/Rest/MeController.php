<?php
/**
 * REST: the agent's own profile.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Policy\Gate;
use Countersign\Policy\Settings;
use Countersign\Limits\Budget;
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
	 * @param Settings        $settings  Settings.
	 * @param Gate            $gate      Gate (the operations table).
	 * @param Budget          $budget    Proposal budgets.
	 */
	public function __construct( AgentRepository $agents, private readonly Settings $settings, private readonly Gate $gate, private readonly Budget $budget ) {
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
		if ( null === $agent ) {
			return rest_ensure_response( array() );
		}
		return rest_ensure_response(
			$agent->to_array() + array(
				'operations'  => $this->gate->operations( $agent ),
				'rate_limit'  => array(
					'per_minute'    => $agent->rate_limit,
					'ip_per_minute' => (int) $this->settings->get( 'ip_rate_limit' ),
				),
				'budget'      => $this->budget->state( $agent ),
				'kill_switch' => $this->settings->kill_switch(),
			)
		);
	}
}
