<?php
/**
 * Countersign's MCP server on the WordPress MCP Adapter (active on the test site), dispatched in process.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Mcp;

use Countersign\Limits\RateLimiter;
use Countersign\Mcp\McpServer;
use Countersign\Tests\TestCase;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

/**
 * The server's tools, its refusals as tool errors, and how its requests count against an agent's limits.
 */
final class McpServerTest extends TestCase {

	/**
	 * The session id of the last initialize.
	 *
	 * @var string
	 */
	private string $session = '';

	/**
	 * A refusal becomes a message a model can act on: a sentence, then the details as JSON; the code and data stay.
	 */
	public function test_tool_error_carries_code_status_field_rule_and_retry(): void {
		$error = McpServer::tool_error(
			new WP_Error(
				'countersign_rate_limited',
				'Too many requests.',
				array(
					'status'      => 429,
					'rule'        => 'agent_rate_limit',
					'retry_after' => 17,
				)
			)
		);
		$lines = explode( "\n", $error->get_error_message() );

		$this->assertSame( 'countersign_rate_limited (HTTP 429, rule agent_rate_limit, retry after 17 s): Too many requests.', $lines[0] );
		$this->assertSame(
			array(
				'code'        => 'countersign_rate_limited',
				'status'      => 429,
				'message'     => 'Too many requests.',
				'rule'        => 'agent_rate_limit',
				'retry_after' => 17,
			),
			json_decode( $lines[1], true )
		);
		$this->assertSame( 'countersign_rate_limited', $error->get_error_code() );
		$this->assertSame( 429, $error->get_error_data()['status'] );
	}

	/**
	 * The server lists Countersign's tools only, each with a typed input schema.
	 */
	public function test_lists_countersign_tools_only(): void {
		$agent = (int) $this->agent()['id'];
		$this->initialize( $agent );

		$tools = $this->rpc( $agent, 'tools/list' )->get_data()['result']->tools ?? array();

		$this->assertSame(
			array( 'countersign-get-profile', 'countersign-list-posts', 'countersign-read-post', 'countersign-propose-change', 'countersign-request-confirmation', 'countersign-list-proposals', 'countersign-get-proposal', 'countersign-withdraw-proposal', 'countersign-upload-media' ),
			array_column( $tools, 'name' )
		);
		foreach ( $tools as $tool ) {
			$this->assertSame( 'object', $tool['inputSchema']['type'], $tool['name'] );
		}
	}

	/**
	 * One tool call counts once against the agent's limit (its REST request, not the MCP request around it); the
	 * handshake and tool list count against a budget of their own; over the limit is a tool error, not a 429.
	 */
	public function test_a_tool_call_counts_once_and_the_session_apart(): void {
		$agent = (int) $this->agent( array( 'rate_limit' => 2 ) )['id'];
		$this->initialize( $agent );
		$this->rpc( $agent, 'tools/list' );

		$first  = $this->rpc( $agent, 'tools/call', array( 'name' => 'countersign-list-proposals' ) );
		$second = $this->rpc( $agent, 'tools/call', array( 'name' => 'countersign-list-posts' ) );
		$over   = $this->rpc( $agent, 'tools/call', array( 'name' => 'countersign-list-posts' ) );

		$this->assertArrayNotHasKey( 'isError', (array) $first->get_data()['result'] );
		$this->assertArrayNotHasKey( 'isError', (array) $second->get_data()['result'] );
		$this->assertSame( 200, $over->get_status(), 'a tool error, not a transport error' );
		$this->assertSame( 'countersign_rate_limited', $this->tool_error( $over )['code'] ?? null );
		$limiter = $this->plugin()->limiter;
		$this->assertSame( 3, $limiter->peek( RateLimiter::agent_key( $agent ), 2, time() )['used'], 'three calls, three hits' );
		$this->assertSame( 2, $limiter->peek( RateLimiter::session_key( $agent ), 2, time() )['used'], 'initialize and tools/list' );
	}

	/**
	 * A paused agent's tool call is a tool error with Countersign's code; a new handshake is refused.
	 */
	public function test_paused_agent_gets_a_tool_error_and_no_new_session(): void {
		$agent = (int) $this->agent()['id'];
		$admin = $this->user( 'administrator' );
		$this->initialize( $agent );
		$this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/pause" );

		$call      = $this->rpc( $agent, 'tools/call', array( 'name' => 'countersign-get-profile' ) );
		$handshake = $this->rpc( $agent, 'initialize', $this->client() );

		$this->assertSame(
			array(
				'code'    => 'countersign_agent_paused',
				'status'  => 403,
				'message' => 'This agent is paused.',
			),
			$this->tool_error( $call )
		);
		$this->assertError( $handshake, 'countersign_agent_paused', 403 );
	}

	/**
	 * A batch that mixes a handshake with a tool call is a session request: a paused agent's is refused whole.
	 */
	public function test_a_batch_cannot_carry_a_handshake_past_the_checks(): void {
		$agent = (int) $this->agent()['id'];
		$admin = $this->user( 'administrator' );
		$this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/pause" );
		wp_set_current_user( $agent );
		$request = new WP_REST_Request( 'POST', McpServer::route() );
		$request->set_header( 'content-type', 'application/json' );
		$request->set_body(
			(string) wp_json_encode(
				array(
					array(
						'jsonrpc' => '2.0',
						'id'      => 1,
						'method'  => 'initialize',
						'params'  => $this->client(),
					),
					array(
						'jsonrpc' => '2.0',
						'id'      => 2,
						'method'  => 'tools/call',
						'params'  => array( 'name' => 'countersign-get-profile' ),
					),
				)
			)
		);

		$response = rest_get_server()->dispatch( $request );
		wp_set_current_user( 0 );

		$this->assertError( rest_ensure_response( $response ), 'countersign_agent_paused', 403 );
	}

	/**
	 * A person is no user of the server: its tools are an agent's.
	 */
	public function test_people_are_refused(): void {
		$editor = $this->user( 'editor' );

		$this->assertError( $this->rpc( $editor, 'initialize', $this->client() ), 'rest_forbidden', 403 );
	}

	/**
	 * Initializes a session as the agent.
	 *
	 * @param int $agent Agent.
	 */
	private function initialize( int $agent ): void {
		$response = $this->rpc( $agent, 'initialize', $this->client() );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->session = (string) ( $response->get_headers()['Mcp-Session-Id'] ?? '' );
		$this->assertNotSame( '', $this->session );
	}

	/**
	 * An initialize request's parameters.
	 *
	 * @return array<string, mixed>
	 */
	private function client(): array {
		return array(
			'protocolVersion' => '2025-06-18',
			'capabilities'    => (object) array(),
			'clientInfo'      => array(
				'name'    => 'phpunit',
				'version' => '1',
			),
		);
	}

	/**
	 * Sends one JSON-RPC request to the server as a user, as the REST server would serve it.
	 *
	 * @param int                  $user_id User.
	 * @param string               $method  JSON-RPC method.
	 * @param array<string, mixed> $params  Parameters.
	 */
	private function rpc( int $user_id, string $method, array $params = array() ): WP_REST_Response {
		wp_set_current_user( $user_id );
		$request = new WP_REST_Request( 'POST', McpServer::route() );
		$request->set_header( 'content-type', 'application/json' );
		$request->set_header( 'accept', 'application/json, text/event-stream' );
		if ( '' !== $this->session ) {
			$request->set_header( 'mcp-session-id', $this->session );
		}
		$request->set_body(
			(string) wp_json_encode(
				array(
					'jsonrpc' => '2.0',
					'id'      => 1,
					'method'  => $method,
					'params'  => (object) $params,
				)
			)
		);
		$response = rest_get_server()->dispatch( $request );
		$response = apply_filters( 'rest_post_dispatch', rest_ensure_response( $response ), rest_get_server(), $request );
		wp_set_current_user( 0 );
		return $response;
	}

	/**
	 * The Countersign refusal in a tool error (the JSON line of its text).
	 *
	 * @param WP_REST_Response $response The JSON-RPC answer.
	 * @return array<string, mixed>
	 */
	private function tool_error( WP_REST_Response $response ): array {
		$result = (array) ( $response->get_data()['result'] ?? array() );
		$this->assertTrue( $result['isError'] ?? false, (string) wp_json_encode( $response->get_data() ) );
		$lines = explode( "\n", (string) $result['content'][0]['text'] );
		return (array) json_decode( (string) end( $lines ), true );
	}
}
