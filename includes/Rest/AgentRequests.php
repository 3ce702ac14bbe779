<?php
/**
 * Every REST request an agent makes: gated and audited.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentManager;
use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditLog;
use Countersign\Audit\AuditQuery;
use Countersign\Limits\RateLimiter;
use Countersign\Mcp\McpServer;
use Countersign\Policy\Gate;
use Countersign\Policy\Settings;
use WP_Error;
use WP_HTTP_Response;
use WP_REST_Request;
use WP_REST_Server;
use WP_User;

/**
 * Before dispatch: a paused or revoked agent, or any agent while the kill switch is on, is refused on every route,
 * core's included, and oversized bodies are refused on ours. After dispatch: one audit row per agent request,
 * allowed or refused, with the status it got.
 */
final class AgentRequests {

	public const MAX_BODY = 1048576;

	/** Refusals that count towards auto-pause: the agent is over a limit it was given. */
	public const LIMIT_CODES = array( 'countersign_rate_limited', 'countersign_budget_exceeded' );

	/**
	 * The tightest rate-limit state of this request, for the RateLimit-* headers.
	 *
	 * @var array{allowed: bool, limit: int, remaining: int, reset: int}|null
	 */
	private ?array $limit_state = null;

	/**
	 * This request runs a Countersign tool (an MCP `tools/call` or an ability's run route) whose own REST request
	 * counts against the limits, so that one tool call counts once.
	 *
	 * @var bool
	 */
	private bool $envelope = false;

	/**
	 * Whether the tool's own request was counted (false when it never ran: bad input, a refusal up front).
	 *
	 * @var bool
	 */
	private bool $counted = false;

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents   Agents.
	 * @param Gate            $gate     Gate.
	 * @param AuditLog        $audit    Audit.
	 * @param RateLimiter     $limiter  Rate limits.
	 * @param Settings        $settings Per-IP limit, auto-pause.
	 * @param AgentManager    $manager  Pauses an agent that keeps hitting its limits.
	 * @param AuditQuery      $query    Counts recent refusals in the audit log.
	 */
	public function __construct(
		private readonly AgentRepository $agents,
		private readonly Gate $gate,
		private readonly AuditLog $audit,
		private readonly RateLimiter $limiter,
		private readonly Settings $settings,
		private readonly AgentManager $manager,
		private readonly AuditQuery $query
	) {}


	/**
	 * Hooks the filters.
	 */
	public function register(): void {
		add_filter( 'rest_pre_dispatch', array( $this, 'before' ), 10, 3 );
		add_filter( 'rest_post_dispatch', array( $this, 'after' ), 10, 3 );
		// After core's Application Password check (priority 20), which also serves XML-RPC.
		add_filter( 'authenticate', array( $this, 'refuse_xmlrpc' ), 30 );
		add_filter( 'xmlrpc_login_error', array( $this, 'xmlrpc_fault' ), 10, 2 );
	}

	/**
	 * `xmlrpc_login_error`: core answers every failed XML-RPC login with "Incorrect username or password"; an agent
	 * refused above gets the real reason, with its code, so its client knows to use the REST API.
	 *
	 * @param mixed $error The fault core built.
	 * @param mixed $user  What authentication returned.
	 * @return mixed
	 */
	public function xmlrpc_fault( mixed $error, mixed $user ): mixed {
		if ( ! $user instanceof WP_Error || 'countersign_xmlrpc_refused' !== $user->get_error_code() ) {
			return $error;
		}
		return new \IXR_Error( 403, 'countersign_xmlrpc_refused: ' . $user->get_error_message() );
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
		$data     = array( 'status' => 413 );
		if ( '/' . Controller::NAMESPACE . '/media' === $request->get_route() ) {
			// A file sent as base64 in JSON may be as large as the setting allows: 4 characters per 3 bytes, plus the rest.
			$max_body = max( $max_body, intdiv( (int) $this->settings->get( 'media_base64_max_kb' ) * KB_IN_BYTES * 4, 3 ) + 8192 );
			$data    += array(
				'field' => 'data',
				'rule'  => 'media_base64_max_kb',
			);
		}
		if ( str_starts_with( $request->get_route(), '/' . Controller::NAMESPACE ) && strlen( (string) $request->get_body() ) > $max_body ) {
			return new WP_Error( 'countersign_payload_too_large', __( 'The request body is too large.', 'countersign' ), $data );
		}
		$agent = $this->agents->find( get_current_user_id() );
		if ( null === $agent ) {
			return $result;
		}
		$mcp = $this->is_mcp( $request ) ? McpServer::messages( $request ) : null;
		if ( null !== $mcp && array() !== $mcp && array( McpServer::TOOL_CALL ) === array_values( array_unique( array_column( $mcp, 'method' ) ) ) ) {
			// Work on Countersign's MCP server (tool calls only, so a batch cannot carry a handshake past the checks): a
			// stopped agent, a limit or a Gate refusal answers as a tool error (the tool's permission check and its own
			// REST request), which a model can read; a transport error it cannot. The tool's request is what counts.
			$this->agents->touch( $agent );
			$this->open_envelope();
			return $result;
		}
		$allowed = $this->gate->check_agent( $agent );
		if ( true !== $allowed ) {
			return $allowed;
		}
		if ( null !== $mcp ) {
			// The session (initialize, notifications, tools/list, ping): counted against a budget of its own, so a
			// client's handshake does not eat the budget of real work.
			$this->agents->touch( $agent );
			return $this->session_limit( $agent->id, $agent->rate_limit ) ?? $result;
		}
		if ( $this->is_ability_run( $request ) ) {
			$this->agents->touch( $agent );
			$this->open_envelope();
			return $result;
		}
		if ( ! $this->may_write( $request ) ) {
			return new WP_Error(
				'countersign_core_write_refused',
				__( 'Agents change nothing directly: propose the change through /countersign/v1/proposals.', 'countersign' ),
				array(
					'status' => 403,
					'field'  => 'route',
					'route'  => $request->get_route(),
				)
			);
		}
		$this->agents->touch( $agent );
		$this->counted = true;
		return $this->rate_limit( $agent->id, $agent->rate_limit ) ?? $result;
	}

	/**
	 * A tool runs in this request: its own REST request will count.
	 */
	private function open_envelope(): void {
		$this->envelope = true;
		$this->counted  = false;
	}

	/**
	 * Whether the request is for Countersign's MCP server (any method: a client's GET for a stream and DELETE of its
	 * session are session requests too).
	 *
	 * @param WP_REST_Request $request Request.
	 */
	private function is_mcp( WP_REST_Request $request ): bool {
		return McpServer::route() === untrailingslashit( $request->get_route() );
	}

	/**
	 * Whether the request runs one of Countersign's abilities through core's Abilities API.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	private function is_ability_run( WP_REST_Request $request ): bool {
		return 1 === preg_match( '#^/wp-abilities/v1/abilities/countersign/[a-z0-9-]+/run/?$#', $request->get_route() );
	}

	/**
	 * `authenticate`: Application Passwords also open XML-RPC, where none of the checks above run (kill switch,
	 * pause, rate limits, the request audit). Agents work through the REST API only; an agent signing in over
	 * XML-RPC is refused, and the refusal is audited.
	 *
	 * @param mixed $user What authentication found so far.
	 * @return mixed The same, or a WP_Error for an agent on XML-RPC.
	 */
	public function refuse_xmlrpc( mixed $user ): mixed {
		if ( ! defined( 'XMLRPC_REQUEST' ) || ! XMLRPC_REQUEST || ! $user instanceof WP_User || ! $this->agents->is_agent( $user->ID ) ) {
			return $user;
		}
		$this->audit->append(
			'request',
			array(
				'actor_type'  => 'agent',
				'actor_id'    => $user->ID,
				'agent_id'    => $user->ID,
				'object_type' => 'xmlrpc',
				'outcome'     => 'refused',
				'details'     => array(
					'channel' => 'xmlrpc',
					'code'    => 'countersign_xmlrpc_refused',
				),
			)
		);
		return new WP_Error( 'countersign_xmlrpc_refused', __( 'Agents use the REST API: XML-RPC is closed to them.', 'countersign' ), array( 'status' => 403 ) );
	}

	/**
	 * Whether an agent may send this request: reads anywhere; writes only to Countersign's own routes and to
	 * Countersign's abilities. Everything else that writes (comments, its own profile, Application Passwords,
	 * plugins…) is refused here, whatever capability checks a route does or does not make.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	private function may_write( WP_REST_Request $request ): bool {
		if ( in_array( $request->get_method(), array( 'GET', 'HEAD', 'OPTIONS' ), true ) ) {
			return true;
		}
		$route = $request->get_route();
		return str_starts_with( $route, '/' . Controller::NAMESPACE . '/' ) || str_starts_with( $route, '/wp-abilities/v1/abilities/countersign/' );
	}

	/**
	 * Counts the request against the agent's limit and its IP's (shared by every agent on that address).
	 *
	 * @param int $agent_id   Agent.
	 * @param int $agent_rate The agent's requests per window.
	 * @return WP_Error|null The 429, or null when within both limits.
	 */
	private function rate_limit( int $agent_id, int $agent_rate ): ?WP_Error {
		$now    = time();
		$length = (int) $this->settings->get( 'rate_limit_window' );
		$states = array(
			'agent' => $this->limiter->hit( RateLimiter::agent_key( $agent_id ), $agent_rate, $now, $length ),
			'ip'    => $this->limiter->hit( RateLimiter::ip_key( RateLimiter::client_ip() ), (int) $this->settings->get( 'ip_rate_limit' ), $now, $length ),
		);
		foreach ( $states as $scope => $state ) {
			if ( $state['limit'] > 0 && ( null === $this->limit_state || $state['remaining'] < $this->limit_state['remaining'] || ! $state['allowed'] ) ) {
				$this->limit_state = $state;
			}
			if ( ! $state['allowed'] ) {
				return new WP_Error(
					'countersign_rate_limited',
					/* translators: %s: agent or ip. */
					sprintf( __( 'Too many requests (%s limit); retry after the window resets.', 'countersign' ), $scope ),
					array(
						'status'      => 429,
						'rule'        => $scope . '_rate_limit',
						'retry_after' => $state['reset'],
					)
				);
			}
		}
		return null;
	}

	/**
	 * Counts an MCP session request (handshake, tool list, notifications) against the agent's session budget: as
	 * many requests a window as its rate limit, apart from the work budget.
	 *
	 * @param int $agent_id   Agent.
	 * @param int $agent_rate The agent's requests per window.
	 */
	private function session_limit( int $agent_id, int $agent_rate ): ?WP_Error {
		$state = $this->limiter->hit( RateLimiter::session_key( $agent_id ), $agent_rate, time(), (int) $this->settings->get( 'rate_limit_window' ) );
		if ( $state['limit'] > 0 ) {
			$this->limit_state = $state;
		}
		if ( $state['allowed'] ) {
			return null;
		}
		return new WP_Error(
			'countersign_rate_limited',
			__( 'Too many MCP session requests (handshakes, tool lists); retry after the window resets.', 'countersign' ),
			array(
				'status'      => 429,
				'rule'        => 'session_rate_limit',
				'retry_after' => $state['reset'],
			)
		);
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
		if ( $this->envelope ) {
			$this->envelope = false;
			if ( ! $this->counted ) {
				// The tool never ran its request (bad input, refused up front): the call still counts, once.
				$agent = $this->agents->find( $user_id );
				$this->rate_limit( $user_id, null === $agent ? 0 : $agent->rate_limit );
			}
		}
		if ( null !== $this->limit_state ) {
			$response->header( 'RateLimit-Limit', (string) $this->limit_state['limit'] );
			$response->header( 'RateLimit-Remaining', (string) $this->limit_state['remaining'] );
			$response->header( 'RateLimit-Reset', (string) $this->limit_state['reset'] );
			if ( ! $this->limit_state['allowed'] ) {
				$response->header( 'Retry-After', (string) max( 1, $this->limit_state['reset'] ) );
			}
			$this->limit_state = null;
		}
		$status  = $response->get_status();
		$data    = $response->get_data();
		$code    = $status >= 400 && is_array( $data ) ? ( $data['code'] ?? null ) : null;
		$details = array(
			'method' => $request->get_method(),
			'route'  => $request->get_route(),
			'status' => $status,
		);
		if ( $this->is_mcp( $request ) ) {
			$details['mcp'] = McpServer::messages( $request );
			$code         ??= self::tool_error_code( $data );
		}
		$details['code'] = $code;
		if ( 429 === $status && ! isset( $response->get_headers()['Retry-After'] ) && is_array( $data ) && isset( $data['data']['retry_after'] ) ) {
			$response->header( 'Retry-After', (string) max( 1, (int) $data['data']['retry_after'] ) );
		}
		$this->audit->append(
			'request',
			array(
				'object_type' => 'route',
				'outcome'     => $status >= 400 || null !== $code ? 'refused' : 'ok',
				'details'     => $details,
			)
		);
		if ( in_array( $code, self::LIMIT_CODES, true ) ) {
			$this->maybe_auto_pause( $user_id );
		}
		return $response;
	}

	/**
	 * The Countersign code of a tool error in an MCP answer (the JSON line McpServer::tool_error() writes), if any.
	 *
	 * @param mixed $data The JSON-RPC answer.
	 */
	private static function tool_error_code( mixed $data ): ?string {
		// The adapter answers the result as an object (so an empty one encodes as `{}`).
		$result = is_array( $data ) && isset( $data['result'] ) ? (array) $data['result'] : null;
		if ( null === $result || empty( $result['isError'] ) ) {
			return null;
		}
		$text  = (string) ( $result['content'][0]['text'] ?? '' );
		$lines = explode( "\n", $text );
		$error = json_decode( (string) end( $lines ), true );
		return is_array( $error ) && is_string( $error['code'] ?? null ) ? $error['code'] : 'mcp_tool_error';
	}

	/**
	 * Auto-pause: when an agent has been refused for its limits (rate limit or budget) `auto_pause_refusals` times
	 * within `auto_pause_minutes`, it is paused (audited as `agent.auto_paused`, administrators emailed) until an
	 * administrator resumes it. The refusals are counted from the audit log, the record everyone can check.
	 *
	 * @param int $agent_id Agent.
	 */
	private function maybe_auto_pause( int $agent_id ): void {
		$threshold = (int) $this->settings->get( 'auto_pause_refusals' );
		if ( $threshold <= 0 ) {
			return;
		}
		$minutes  = max( 1, (int) $this->settings->get( 'auto_pause_minutes' ) );
		$refusals = $this->query->count_refusals( $agent_id, self::LIMIT_CODES, gmdate( 'Y-m-d H:i:s', time() - $minutes * MINUTE_IN_SECONDS ) );
		if ( $refusals < $threshold ) {
			return;
		}
		$agent = $this->agents->find( $agent_id );
		if ( null !== $agent && Agent::STATUS_ACTIVE === $agent->status ) {
			$this->manager->auto_pause( $agent, $refusals, $minutes );
		}
	}
}
