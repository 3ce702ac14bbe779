<?php
/**
 * REST: the agent's own profile.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Limits\Budget;
use Countersign\Limits\RateLimiter;
use Countersign\Policy\Operations;
use Countersign\Policy\Settings;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET /me`: who the agent is and what it may do, operation by operation, with its limits as they stand.
 */
final class MeController extends Controller {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents     Agents.
	 * @param Settings        $settings   Settings.
	 * @param Operations      $operations The operations table (the Gate's verdicts).
	 * @param Budget          $budget     Proposal budgets.
	 * @param RateLimiter     $limiter    Rate limits.
	 */
	public function __construct(
		AgentRepository $agents,
		private readonly Settings $settings,
		private readonly Operations $operations,
		private readonly Budget $budget,
		private readonly RateLimiter $limiter
	) {
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
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'agent_permissions_check' ),
					'args'                => array(
						'post_type' => array(
							'description' => __( 'The post type the operations are for (default post).', 'countersign' ),
							'type'        => 'string',
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * GET /me.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_item( $request ): WP_REST_Response|WP_Error {
		$agent = $this->current_agent();
		if ( null === $agent ) {
			return new WP_Error( 'countersign_not_agent', __( 'Only agents use this route.', 'countersign' ), array( 'status' => 403 ) );
		}
		$post_type = $request->get_param( 'post_type' ) ?? 'post';
		if ( ! is_string( $post_type ) || ! $this->is_allowed_type( $post_type ) ) {
			return $this->invalid( 'post_type', __( 'Agents may propose changes to public post types with REST support only.', 'countersign' ) );
		}
		$now      = time();
		$ip_limit = (int) $this->settings->get( 'ip_rate_limit' );
		$length   = (int) $this->settings->get( 'rate_limit_window' );
		return rest_ensure_response(
			$agent->to_array() + array(
				'post_type'        => $post_type,
				'operations'       => $this->operations->for_agent( $agent, $post_type ),
				// `rate_limit` is the agent's own setting (above); this is where both limits stand, this request counted.
				'rate_limit_state' => array(
					'window' => $length,
					'agent'  => $this->limiter->peek( RateLimiter::agent_key( $agent->id ), $agent->rate_limit, $now, $length ),
					'ip'     => $this->limiter->peek( RateLimiter::ip_key( RateLimiter::client_ip() ), $ip_limit, $now, $length ),
				),
				'budget'           => $this->budget->state( $agent ),
				'kill_switch'      => $this->settings->kill_switch(),
			)
		);
	}

	/**
	 * The profile's schema (the agent's own fields, then what it may do and its limits).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema(): array {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$int      = array( 'type' => 'integer' );
		$nullable = array( 'type' => array( 'integer', 'null' ) );
		$string   = array( 'type' => 'string' );
		$window   = array(
			'type'       => 'object',
			'properties' => array(
				'limit'     => $int + array( 'description' => __( 'Requests allowed per window; 0 = no limit.', 'countersign' ) ),
				'used'      => $int,
				'remaining' => $nullable + array( 'description' => __( 'Requests left in this window (null when there is no limit).', 'countersign' ) ),
				'reset'     => $int + array( 'description' => __( 'Seconds until the window resets.', 'countersign' ) ),
				'resets_at' => $string + array( 'description' => __( 'When the window resets (ISO 8601, UTC).', 'countersign' ) ),
			),
		);
		$target   = array(
			'type'       => 'object',
			'properties' => array(
				'groups'         => array(
					'type'        => 'array',
					'items'       => $string,
					'description' => __( 'Capability groups the preset must include.', 'countersign' ),
				),
				'risk'           => array(
					'type'    => 'integer',
					'minimum' => 1,
					'maximum' => 5,
				),
				'risk_label'     => $string,
				'allowed'        => array( 'type' => 'boolean' ),
				'scope'          => array(
					'type'        => array( 'string', 'null' ),
					'enum'        => array( 'any', 'own', 'others', null ),
					'description' => __( 'Where it is allowed: any post (or a new one), only posts the agent wrote, only others\' posts.', 'countersign' ),
				),
				'why_not'        => array(
					'type'        => array( 'string', 'null' ),
					'description' => __( 'The error code a proposal of it gets, when it is not allowed.', 'countersign' ),
				),
				'rule'           => array( 'type' => array( 'string', 'null' ) ),
				'needs_token'    => array(
					'type'        => 'boolean',
					'description' => __( 'Whether the proposal must carry a confirmation token from POST /intents.', 'countersign' ),
				),
				'needs_approval' => array(
					'type'        => 'boolean',
					'description' => __( 'Whether a human must approve it (false: applied at once).', 'countersign' ),
				),
			),
		);

		$context      = array( 'view', 'edit' );
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'countersign-me',
			'type'       => 'object',
			'properties' => array(
				'id'               => $int + array( 'context' => $context ),
				'user_login'       => $string + array( 'context' => $context ),
				'role'             => $string + array( 'context' => $context ),
				'label'            => $string + array( 'context' => $context ),
				'preset'           => $string + array( 'context' => $context ),
				'groups'           => array(
					'type'    => 'array',
					'items'   => $string,
					'context' => $context,
				),
				'autonomy'         => array(
					'type'    => 'string',
					'enum'    => array( 'supervised', 'autonomous' ),
					'context' => $context,
				),
				'status'           => $string + array( 'context' => $context ),
				'post_type'        => $string + array(
					'context'     => $context,
					'description' => __( 'The post type the operations are for.', 'countersign' ),
				),
				'operations'       => array(
					'type'                 => 'object',
					'context'              => $context,
					'description'          => __( 'Every operation a proposal can carry, by name, as the Gate judges it for this agent.', 'countersign' ),
					'additionalProperties' => array(
						'type'       => 'object',
						'properties' => array(
							'fields'     => array(
								'type'  => 'array',
								'items' => $string,
							),
							'example'    => array(
								'type'        => array( 'object', 'null' ),
								'description' => __( 'A change set of this operation, as POST /proposals takes it (null when this site cannot take it).', 'countersign' ),
							),
							'keys'       => array(
								'type'  => 'array',
								'items' => $string,
							),
							'taxonomies' => array(
								'type'  => 'array',
								'items' => $string,
							),
							'allowed'    => array(
								'type'        => 'boolean',
								'description' => __( 'Allowed on at least one kind of target.', 'countersign' ),
							),
							'targets'    => array(
								'type'                 => 'object',
								'description'          => __( 'The verdict by kind of target: new, draft, published, trash.', 'countersign' ),
								'additionalProperties' => $target,
							),
						),
					),
				),
				'rate_limit'       => $int + array(
					'context'     => $context,
					'description' => __( 'The agent\'s requests per rate-limit window (the rate_limit_window setting, in seconds; 0 = no limit).', 'countersign' ),
				),
				'rate_limit_state' => array(
					'type'        => 'object',
					'context'     => $context,
					'description' => __( 'Where the agent\'s own limit and its IP address\'s shared limit stand in the current window, this request counted.', 'countersign' ),
					'properties'  => array(
						'window' => $int + array( 'description' => __( 'Window length in seconds.', 'countersign' ) ),
						'agent'  => $window,
						'ip'     => $window,
					),
				),
				'budget'           => array(
					'type'       => 'object',
					'context'    => $context,
					'properties' => array(
						'daily_proposals'      => $int,
						'used_today'           => $int,
						'remaining_today'      => $int,
						'resets_at'            => $string,
						'monthly_proposals'    => $int,
						'used_this_month'      => $int,
						'remaining_this_month' => $nullable,
						'monthly_tokens'       => $int,
						'tokens_this_month'    => $int,
						'tokens_remaining'     => $nullable,
						'month_resets_at'      => $string,
						'exhausted'            => array(
							'type'        => array( 'string', 'null' ),
							'description' => __( 'The spent budget a new proposal would be refused for, or null.', 'countersign' ),
						),
					),
				),
				'kill_switch'      => array(
					'type'    => 'boolean',
					'context' => $context,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
