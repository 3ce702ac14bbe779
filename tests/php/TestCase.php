<?php
/**
 * Base class for integration tests against the real test site.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests;

use Countersign\Plugin;
use Countersign\Policy\Settings;
use WP_REST_Request;
use WP_REST_Response;

/**
 * Users, agents and posts made fresh for each test (unique names, real rows), and REST dispatch through
 * rest_get_server() as a given user.
 */
abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/**
	 * Users created by this test, deleted afterwards.
	 *
	 * @var list<int>
	 */
	private array $users = array();

	/**
	 * Resets the current user and settings.
	 */
	protected function setUp(): void {
		parent::setUp();
		wp_set_current_user( 0 );
		delete_option( Settings::KILL_SWITCH );
		// Every in-process request comes from 127.0.0.1: the shared per-IP limit is off unless a test turns it on.
		update_option( Settings::OPTION, array( 'ip_rate_limit' => 0 ) );
	}

	/**
	 * Cleans up users.
	 */
	protected function tearDown(): void {
		wp_set_current_user( 0 );
		foreach ( $this->users as $id ) {
			wp_delete_user( $id );
		}
		$this->users = array();
		delete_option( Settings::KILL_SWITCH );
		delete_option( Settings::OPTION );
		parent::tearDown();
	}

	/**
	 * The plugin's services.
	 */
	protected function plugin(): Plugin {
		return Plugin::instance();
	}

	/**
	 * A fresh person with a role.
	 *
	 * @param string $role Role.
	 */
	protected function user( string $role ): int {
		$login = $role . '-' . wp_generate_password( 8, false );
		$id    = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => wp_generate_password(),
				'user_email' => $login . '@example.test',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $id );
		$this->users[] = $id;
		return $id;
	}

	/**
	 * A fresh agent, created through POST /agents as an administrator.
	 *
	 * @param array<string, mixed> $fields Agent fields (label, role, preset, autonomy...).
	 * @return array<string, mixed> The REST answer, application_password included.
	 */
	protected function agent( array $fields = array() ): array {
		$admin    = $this->user( 'administrator' );
		$response = $this->rest(
			$admin,
			'POST',
			'/countersign/v1/agents',
			$fields + array(
				'label'  => 'Test agent ' . wp_generate_password( 6, false ),
				'role'   => 'editor',
				'preset' => 'content_manager',
			)
		);
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$data          = $response->get_data();
		$this->users[] = (int) $data['id'];
		return $data;
	}

	/**
	 * "login:password" Basic credentials for a user, with a fresh Application Password (for real HTTP requests).
	 *
	 * @param int $user_id User.
	 */
	protected function credentials( int $user_id ): string {
		$created = \WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'test ' . wp_generate_password( 6, false ) ) );
		$this->assertIsArray( $created );
		return get_userdata( $user_id )->user_login . ':' . $created[0];
	}

	/**
	 * A post.
	 *
	 * @param array<string, mixed> $fields wp_insert_post fields.
	 */
	protected function post( array $fields = array() ): int {
		$id = wp_insert_post(
			$fields + array(
				'post_title'   => 'Original title',
				'post_content' => "<!-- wp:paragraph -->\n<p>Original paragraph.</p>\n<!-- /wp:paragraph -->",
				'post_status'  => 'draft',
				'post_author'  => 1,
			),
			true
		);
		$this->assertIsInt( $id );
		return $id;
	}

	/**
	 * Dispatches a REST request as a user.
	 *
	 * @param int                  $user_id User (0 = logged out).
	 * @param string               $method  Method.
	 * @param string               $route   Route.
	 * @param array<string, mixed> $body    JSON body or query parameters.
	 */
	protected function rest( int $user_id, string $method, string $route, array $body = array() ): WP_REST_Response {
		wp_set_current_user( $user_id );
		$request = new WP_REST_Request( $method, $route );
		if ( 'GET' === $method ) {
			$request->set_query_params( $body );
		} else {
			$request->set_header( 'content-type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $body ) );
		}
		$response = rest_get_server()->dispatch( $request );
		$response = apply_filters( 'rest_post_dispatch', rest_ensure_response( $response ), rest_get_server(), $request );
		wp_set_current_user( 0 );
		return $response;
	}

	/**
	 * Submits a proposal as an agent.
	 *
	 * @param int                  $agent_id Agent.
	 * @param array<string, mixed> $body     Body.
	 */
	protected function propose( int $agent_id, array $body ): WP_REST_Response {
		return $this->rest( $agent_id, 'POST', '/countersign/v1/proposals', $body + array( 'rationale' => 'Because the test says so.' ) );
	}

	/**
	 * Asserts a WP_Error response with code and status.
	 *
	 * @param WP_REST_Response $response Response.
	 * @param string           $code     Error code.
	 * @param int              $status   HTTP status.
	 */
	protected function assertError( WP_REST_Response $response, string $code, int $status ): void {
		$data = $response->get_data();
		$this->assertSame( $status, $response->get_status(), (string) wp_json_encode( $data ) );
		$this->assertIsArray( $data );
		$this->assertSame( $code, $data['code'] ?? null, (string) wp_json_encode( $data ) );
	}
}
