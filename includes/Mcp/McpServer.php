<?php
/**
 * Countersign's own MCP server, through the WordPress MCP Adapter when it is active.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Mcp;

use Countersign\Abilities\Abilities;
use Countersign\Agents\AgentRepository;
use Countersign\Rest\Controller;
use WP\MCP\Core\McpAdapter;
use WP_Error;
use WP_REST_Request;

use const Countersign\VERSION;

/**
 * Registers the server `countersign` at `/wp-json/countersign/v1/mcp` on the adapter's `mcp_adapter_init`, with
 * Countersign's abilities as its only tools and agents as its only users. Agents stay refused on every other MCP
 * server (AgentRequests refuses their writes outside Countersign's routes), so another plugin's ability is never
 * reachable through MCP, whatever its own permission check.
 *
 * The adapter hands a client only an error's message, so while it serves this route Countersign's refusals are
 * rewritten into messages that carry the code, HTTP status, field, rule and retry delay, as a sentence and as JSON
 * on the second line.
 */
final class McpServer {

	public const ID = 'countersign';

	public const ROUTE = 'mcp';

	/** The adapter's main class: present when the MCP Adapter plugin (or package) is loaded. */
	public const ADAPTER = 'WP\\MCP\\Core\\McpAdapter';

	/** The JSON-RPC method of work, as opposed to a session's (initialize, tools/list, notifications). */
	public const TOOL_CALL = 'tools/call';

	/**
	 * The MCP request being served on this route, while it is.
	 *
	 * @var WP_REST_Request|null
	 */
	private ?WP_REST_Request $serving = null;

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 */
	public function __construct( private readonly AgentRepository $agents ) {}

	/**
	 * Hooks.
	 */
	public function register(): void {
		add_action( 'mcp_adapter_init', array( $this, 'create' ) );
		add_filter( 'rest_request_after_callbacks', array( $this, 'served' ), 10, 3 );
		add_filter( 'wp_ability_permission_result', array( $this, 'permission_result' ), 10, 2 );
		add_filter( 'wp_ability_validate_input', array( $this, 'validate_input' ), 20, 3 );
		add_filter( 'wp_ability_execute_result', array( $this, 'execute_result' ), 10, 2 );
	}

	/**
	 * The server's REST route.
	 */
	public static function route(): string {
		return '/' . Controller::NAMESPACE . '/' . self::ROUTE;
	}

	/**
	 * The server's URL, as an MCP client configuration names it.
	 */
	public static function url(): string {
		return rest_url( Controller::NAMESPACE . '/' . self::ROUTE );
	}

	/**
	 * Whether the MCP Adapter is loaded (the server exists only then).
	 */
	public static function adapter_active(): bool {
		return class_exists( self::ADAPTER );
	}

	/**
	 * `mcp_adapter_init`: creates the server.
	 *
	 * @param McpAdapter $adapter The adapter.
	 */
	public function create( McpAdapter $adapter ): void {
		$adapter->create_server(
			self::ID,
			Controller::NAMESPACE,
			self::ROUTE,
			__( 'Countersign', 'countersign' ),
			__( 'Propose changes to this WordPress site for human review, and follow them. Nothing changes until an editor approves.', 'countersign' ),
			VERSION,
			array( 'WP\\MCP\\Transport\\HttpTransport' ),
			// Countersign audits every request itself; the adapter's error log would only repeat refusals.
			'WP\\MCP\\Infrastructure\\ErrorHandling\\NullMcpErrorHandler',
			'WP\\MCP\\Infrastructure\\Observability\\NullMcpObservabilityHandler',
			Abilities::TOOLS,
			array(),
			array(),
			array( $this, 'transport_permission' )
		);
	}

	/**
	 * Transport permission: agents only (people review in wp-admin; the tools are an agent's). Remembers the request
	 * so the refusals of the tools it runs are rewritten for MCP clients.
	 *
	 * @param WP_REST_Request $request The MCP request.
	 */
	public function transport_permission( WP_REST_Request $request ): bool {
		if ( ! $this->agents->is_agent( get_current_user_id() ) ) {
			return false;
		}
		$this->serving = $request;
		return true;
	}

	/**
	 * `rest_request_after_callbacks`: the MCP request is answered.
	 *
	 * @param mixed           $response Response.
	 * @param mixed           $handler  Route handler.
	 * @param WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public function served( mixed $response, mixed $handler, WP_REST_Request $request ): mixed {
		if ( $request === $this->serving ) {
			$this->serving = null;
		}
		return $response;
	}

	/**
	 * `wp_ability_permission_result`: a stopped agent (paused, kill switch) as a tool error a model can read.
	 *
	 * @param mixed  $permission Permission result.
	 * @param string $ability    Ability name.
	 * @return mixed
	 */
	public function permission_result( mixed $permission, string $ability ): mixed {
		return $this->applies( $ability ) && $permission instanceof WP_Error ? self::tool_error( $permission ) : $permission;
	}

	/**
	 * `wp_ability_validate_input` (after Abilities names the field): input the schema refuses, as a tool error.
	 *
	 * @param mixed  $valid   True or the error.
	 * @param mixed  $input   Input.
	 * @param string $ability Ability name.
	 * @return mixed
	 */
	public function validate_input( mixed $valid, mixed $input, string $ability ): mixed {
		return $this->applies( $ability ) && $valid instanceof WP_Error ? self::tool_error( $valid ) : $valid;
	}

	/**
	 * `wp_ability_execute_result`: every refusal of the route the tool ran (Gate, limits, conflicts…).
	 *
	 * @param mixed  $result  Result.
	 * @param string $ability Ability name.
	 * @return mixed
	 */
	public function execute_result( mixed $result, string $ability ): mixed {
		return $this->applies( $ability ) && $result instanceof WP_Error ? self::tool_error( $result ) : $result;
	}

	/**
	 * A refusal rewritten for an MCP client, which sees only the message: `code (HTTP status, field …, rule …,
	 * retry after N s): message`, then the same as one line of JSON.
	 *
	 * @param WP_Error $error The refusal.
	 */
	public static function tool_error( WP_Error $error ): WP_Error {
		$data    = (array) $error->get_error_data();
		$details = array_filter(
			array(
				'code'        => (string) $error->get_error_code(),
				'status'      => isset( $data['status'] ) ? (int) $data['status'] : null,
				'message'     => $error->get_error_message(),
				'field'       => isset( $data['field'] ) ? (string) $data['field'] : null,
				'rule'        => isset( $data['rule'] ) ? (string) $data['rule'] : null,
				'retry_after' => isset( $data['retry_after'] ) ? max( 1, (int) $data['retry_after'] ) : null,
			),
			static fn( $value ): bool => null !== $value
		);
		$context = array();
		if ( isset( $details['status'] ) ) {
			$context[] = 'HTTP ' . $details['status'];
		}
		foreach ( array( 'field', 'rule' ) as $key ) {
			if ( isset( $details[ $key ] ) ) {
				$context[] = $key . ' ' . $details[ $key ];
			}
		}
		if ( isset( $details['retry_after'] ) ) {
			$context[] = 'retry after ' . $details['retry_after'] . ' s';
		}
		$sentence = $details['code'] . ( array() === $context ? '' : ' (' . implode( ', ', $context ) . ')' ) . ': ' . $details['message'];
		return new WP_Error( $details['code'], $sentence . "\n" . wp_json_encode( $details ), $data );
	}

	/**
	 * The JSON-RPC methods of an MCP request body (one message or a batch), each with its tool name when it calls
	 * one.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return list<array{method: string, tool: string|null}>
	 */
	public static function messages( WP_REST_Request $request ): array {
		$body     = json_decode( (string) $request->get_body(), true );
		$messages = is_array( $body ) && array_is_list( $body ) ? $body : array( $body );
		$found    = array();
		foreach ( $messages as $message ) {
			if ( is_array( $message ) && isset( $message['method'] ) && is_string( $message['method'] ) ) {
				$tool    = $message['params']['name'] ?? null;
				$found[] = array(
					'method' => $message['method'],
					'tool'   => is_string( $tool ) ? $tool : null,
				);
			}
		}
		return $found;
	}

	/**
	 * Whether an ability's errors are rewritten now: one of Countersign's, while this server serves.
	 *
	 * @param string $ability Ability name.
	 */
	private function applies( string $ability ): bool {
		return null !== $this->serving && in_array( $ability, Abilities::TOOLS, true );
	}
}
