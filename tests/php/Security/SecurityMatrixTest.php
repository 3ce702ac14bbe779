<?php
/**
 * Every Countersign route × every kind of caller, over real HTTP with real Application Passwords.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * The expected table is written out below, cell by cell (by group where a whole group must answer the same);
 * it is never computed from the code under test. One test walks it and reports every cell that differs.
 */
final class SecurityMatrixTest extends TestCase {

	private const HUMANS  = array( 'anonymous', 'subscriber', 'contributor', 'author', 'editor', 'administrator' );
	private const PRESETS = array( 'read_only', 'seo_specialist', 'media_manager', 'draft_only', 'content_manager', 'standard', 'full_access', 'custom' );

	/** Presets whose groups include create_edit (a title change on a draft needs it). */
	private const WRITERS = array( 'draft_only', 'content_manager', 'standard', 'full_access' );

	/**
	 * Callers: name => [credentials, user id].
	 *
	 * @var array<string, array{0: string, 1: int}>
	 */
	private array $who = array();

	/**
	 * Every caller's name, in table order: humans, one agent per preset, the proposals' owner agent, a paused and
	 * a revoked agent.
	 *
	 * @return list<string>
	 */
	private function callers(): array {
		return array_merge( self::HUMANS, array_map( fn( string $p ): string => "agent:{$p}", self::PRESETS ), array( 'owner', 'paused', 'revoked' ) );
	}

	/**
	 * The expected [status, code] of one caller on one route kind.
	 *
	 * @param string $route  Route kind (see rows()).
	 * @param string $caller Caller.
	 * @return array{0: int, 1: string|null}
	 */
	private function expected( string $route, string $caller ): array {
		$human = in_array( $caller, self::HUMANS, true );
		$agent = ! $human && ! in_array( $caller, array( 'paused', 'revoked' ), true );
		// Whoever the route: a paused agent is stopped before anything else. A revoked agent's Application
		// Passwords are deleted, so its requests are not even authenticated: 401 like anyone logged out. (The Gate's
		// countersign_agent_revoked covers a request that authenticated just before the revoke.)
		if ( 'paused' === $caller ) {
			return array( 403, 'countersign_agent_paused' );
		}
		if ( 'revoked' === $caller ) {
			return array( 401, 'rest_forbidden' );
		}
		$anonymous = array( 401, 'rest_forbidden' );
		$forbidden = array( 403, 'rest_forbidden' );
		$reviewer  = in_array( $caller, array( 'editor', 'administrator' ), true );
		switch ( $route ) {
			case 'GET /me':
				return $agent ? array( 200, null ) : ( 'anonymous' === $caller ? $anonymous : array( 403, 'countersign_not_agent' ) );
			case 'POST /proposals':
				if ( $human ) {
					return 'anonymous' === $caller ? $anonymous : array( 403, 'countersign_not_agent' );
				}
				return 'owner' === $caller || in_array( substr( $caller, 6 ), self::WRITERS, true ) ? array( 201, null ) : array( 403, 'countersign_forbidden_group' );
			case 'GET /proposals':
				return $agent || $reviewer ? array( 200, null ) : ( 'anonymous' === $caller ? $anonymous : $forbidden );
			case 'GET /proposals/{id}':
				if ( 'owner' === $caller || $reviewer ) {
					return array( 200, null );
				}
				// Another agent's proposal: never readable by other agents (IDOR).
				return 'anonymous' === $caller ? $anonymous : $forbidden;
			case 'POST /proposals/{id}/approve':
			case 'POST /proposals/{id}/reject':
				// Agents never decide, not even their own proposals; authors cannot decide on others' posts.
				return $reviewer ? array( 200, null ) : ( 'anonymous' === $caller ? $anonymous : $forbidden );
			case 'POST /proposals/{id}/withdraw':
				if ( 'owner' === $caller ) {
					return array( 200, null );
				}
				if ( $human ) {
					return 'anonymous' === $caller ? $anonymous : array( 403, 'countersign_not_agent' );
				}
				return $forbidden;
			case 'POST /proposals/batch':
				return $reviewer ? array( 200, null ) : ( 'anonymous' === $caller ? $anonymous : $forbidden );
			case 'GET /posts/{id}/backups':
			case 'POST /backups/{id}/restore':
				return $reviewer ? array( 200, null ) : ( 'anonymous' === $caller ? $anonymous : $forbidden );
			case 'GET /audit':
			case 'GET /audit/verify':
			case 'GET /audit/export':
			case 'GET /agents':
			case 'POST /agents':
			case 'GET /agents/{id}':
			case 'PUT /agents/{id}':
			case 'POST /agents/{id}/pause':
			case 'POST /agents/{id}/credentials':
			case 'GET /settings':
			case 'PUT /settings':
			case 'GET /usage':
				$ok = 'POST /agents' === $route ? array( 201, null ) : array( 200, null );
				return 'administrator' === $caller ? $ok : ( 'anonymous' === $caller ? $anonymous : $forbidden );
		}
		$this->fail( "No expectation for {$route}" );
	}

	/**
	 * The requests of one route kind, one per caller, each on its own fixtures where the request changes state.
	 *
	 * @param string $route  Route kind.
	 * @param string $caller Caller.
	 * @return array{0: string, 1: string, 2?: array<string, mixed>}
	 */
	private function request( string $route, string $caller ): array {
		$fresh_post     = fn(): int => $this->post( array( 'post_title' => "Matrix {$caller}" ) );
		$fresh_proposal = fn(): int => (int) $this->propose( $this->who['owner'][1], array( 'post' => $fresh_post(), 'changes' => array( 'title' => 'By the owner' ) ) )->get_data()['id'];
		switch ( $route ) {
			case 'POST /proposals':
				return array( 'POST', '/countersign/v1/proposals', array( 'post' => $fresh_post(), 'changes' => array( 'title' => 'Matrix' ), 'rationale' => 'Matrix.' ) );
			case 'GET /proposals/{id}':
				return array( 'GET', '/countersign/v1/proposals/' . $this->shared['proposal'] );
			case 'POST /proposals/{id}/approve':
			case 'POST /proposals/{id}/reject':
			case 'POST /proposals/{id}/withdraw':
				$action = substr( $route, strrpos( $route, '/' ) + 1 );
				return array( 'POST', '/countersign/v1/proposals/' . $fresh_proposal() . '/' . $action, 'reject' === $action ? array( 'reason' => 'Matrix.' ) : array() );
			case 'POST /proposals/batch':
				return array( 'POST', '/countersign/v1/proposals/batch', array( 'ids' => array( $fresh_proposal() ), 'action' => 'reject', 'reason' => 'Matrix.' ) );
			case 'GET /posts/{id}/backups':
				return array( 'GET', '/countersign/v1/posts/' . $this->shared['post'] . '/backups' );
			case 'POST /backups/{id}/restore':
				return array( 'POST', '/countersign/v1/backups/' . $this->shared['backup'] . '/restore' );
			case 'GET /agents/{id}':
				return array( 'GET', '/countersign/v1/agents/' . $this->shared['target'] );
			case 'PUT /agents/{id}':
				return array( 'PUT', '/countersign/v1/agents/' . $this->shared['target'], array( 'description' => "Edited by {$caller}" ) );
			case 'POST /agents/{id}/pause':
				return array( 'POST', '/countersign/v1/agents/' . $this->shared['target'] . '/pause' );
			case 'POST /agents/{id}/credentials':
				return array( 'POST', '/countersign/v1/agents/' . $this->shared['target'] . '/credentials' );
			case 'POST /agents':
				return array( 'POST', '/countersign/v1/agents', array( 'label' => "Made by {$caller}", 'role' => 'author', 'preset' => 'read_only' ) );
			case 'PUT /settings':
				return array( 'PUT', '/countersign/v1/settings', array( 'backup_retention' => 20 ) );
			default:
				list( $method, $path ) = explode( ' ', $route, 2 );
				return array( $method, '/countersign/v1' . $path );
		}
	}

	/**
	 * Fixtures read by several cells.
	 *
	 * @var array<string, int>
	 */
	private array $shared = array();

	/**
	 * The whole table.
	 */
	public function test_every_route_for_every_caller(): void {
		$admin = $this->user( 'administrator' );
		foreach ( self::HUMANS as $role ) {
			if ( 'anonymous' === $role ) {
				$this->who[ $role ] = array( '', 0 );
				continue;
			}
			$id                 = $this->user( $role );
			$this->who[ $role ] = array( $this->credentials( $id ), $id );
		}
		foreach ( array_merge( array_map( fn( string $p ): string => "agent:{$p}", self::PRESETS ), array( 'owner', 'paused', 'revoked' ) ) as $name ) {
			$preset            = str_starts_with( $name, 'agent:' ) ? substr( $name, 6 ) : 'content_manager';
			$agent             = $this->agent( array( 'preset' => $preset, 'role' => 'editor', 'rate_limit' => 10000 ) );
			$this->who[ $name ] = array( $agent['user_login'] . ':' . $agent['application_password'], (int) $agent['id'] );
		}
		$this->assertSame( 200, $this->rest( $admin, 'POST', '/countersign/v1/agents/' . $this->who['paused'][1] . '/pause' )->get_status() );
		$this->assertSame( 200, $this->rest( $admin, 'POST', '/countersign/v1/agents/' . $this->who['revoked'][1] . '/revoke' )->get_status() );
		$this->shared['target'] = (int) $this->agent( array( 'preset' => 'read_only' ) )['id'];
		$this->shared['post']   = $this->post();
		$applied                = (int) $this->propose( $this->who['owner'][1], array( 'post' => $this->shared['post'], 'changes' => array( 'excerpt' => 'Applied' ) ) )->get_data()['id'];
		$this->assertSame( 200, $this->rest( $admin, 'POST', "/countersign/v1/proposals/{$applied}/approve" )->get_status() );
		$this->shared['backup']   = (int) $this->rest( $admin, 'GET', '/countersign/v1/posts/' . $this->shared['post'] . '/backups' )->get_data()[0]['id'];
		$this->shared['proposal'] = (int) $this->propose( $this->who['owner'][1], array( 'post' => $this->shared['post'], 'changes' => array( 'title' => 'Pending' ) ) )->get_data()['id'];

		$routes = array(
			'GET /me',
			'POST /proposals',
			'GET /proposals',
			'GET /proposals/{id}',
			'POST /proposals/{id}/approve',
			'POST /proposals/{id}/reject',
			'POST /proposals/{id}/withdraw',
			'POST /proposals/batch',
			'GET /posts/{id}/backups',
			'POST /backups/{id}/restore',
			'GET /audit',
			'GET /audit/verify',
			'GET /audit/export',
			'GET /agents',
			'POST /agents',
			'GET /agents/{id}',
			'PUT /agents/{id}',
			'POST /agents/{id}/pause',
			'POST /agents/{id}/credentials',
			'GET /settings',
			'PUT /settings',
			'GET /usage',
		);
		$cells      = array();
		$mismatches = array();
		foreach ( $routes as $route ) {
			$requests = array();
			$callers  = $this->callers();
			foreach ( $callers as $caller ) {
				$request    = $this->request( $route, $caller );
				$requests[] = array( $this->who[ $caller ][0], $request[0], $request[1], $request[2] ?? array() );
			}
			// Sequential per route (one request each), so cells that share a fixture cannot race each other.
			foreach ( $callers as $i => $caller ) {
				$result   = Http::parallel( array( $requests[ $i ] ) )[0];
				$actual   = array( $result['status'], $result['status'] >= 400 ? ( $result['body']['code'] ?? null ) : null );
				$expected = $this->expected( $route, $caller );
				$cells[ $route ] = ( $cells[ $route ] ?? 0 ) + 1;
				if ( $actual !== $expected ) {
					$mismatches[] = sprintf( '%-32s %-22s expected %d %s, got %d %s', $route, $caller, $expected[0], $expected[1] ?? '-', $actual[0], $actual[1] ?? '-' );
				}
				if ( 'POST /agents/{id}/pause' === $route && 200 === $actual[0] ) {
					$this->rest( $admin, 'POST', '/countersign/v1/agents/' . $this->shared['target'] . '/resume' );
				}
			}
		}
		$this->assertSame( array(), $mismatches, "Security matrix cells that differ:\n" . implode( "\n", $mismatches ) );
		$this->assertSame( count( $routes ) * count( $this->callers() ), array_sum( $cells ) );
		fwrite( STDOUT, sprintf( "\nSecurity matrix: %d routes x %d callers = %d cells asserted\n", count( $routes ), count( $this->callers() ), array_sum( $cells ) ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fwrite
	}

	/**
	 * An agent (here the widest preset on the editor role) writes nothing through core's routes: posts, pages,
	 * media, terms, comments, users (itself included), settings, Application Passwords (minting its own), while
	 * it can still read through them.
	 */
	public function test_core_write_routes_refuse_agents(): void {
		$agent   = $this->agent( array( 'preset' => 'full_access', 'role' => 'editor', 'rate_limit' => 10000 ) );
		$login   = $agent['user_login'] . ':' . $agent['application_password'];
		$post_id = $this->post( array( 'post_status' => 'publish' ) );
		$page_id = $this->post( array( 'post_type' => 'page' ) );
		$cases   = array(
			array( 'POST', '/wp/v2/posts', array( 'title' => 'Direct' ) ),
			array( 'POST', "/wp/v2/posts/{$post_id}", array( 'title' => 'Direct' ) ),
			array( 'DELETE', "/wp/v2/posts/{$post_id}", array() ),
			array( 'POST', '/wp/v2/pages', array( 'title' => 'Direct' ) ),
			array( 'POST', "/wp/v2/pages/{$page_id}", array( 'title' => 'Direct' ) ),
			array( 'POST', '/wp/v2/media', array() ),
			array( 'POST', '/wp/v2/categories', array( 'name' => 'Direct' ) ),
			array( 'POST', '/wp/v2/tags', array( 'name' => 'Direct' ) ),
			array( 'POST', '/wp/v2/comments', array( 'post' => $post_id, 'content' => 'Direct' ) ),
			array( 'POST', '/wp/v2/users', array( 'username' => 'direct', 'email' => 'd@example.test', 'password' => 'x' ) ),
			array( 'POST', '/wp/v2/users/me', array( 'email' => 'changed@example.test' ) ),
			array( 'POST', '/wp/v2/users/me', array( 'password' => 'a-new-password' ) ),
			array( 'POST', '/wp/v2/users/me/application-passwords', array( 'name' => 'minted' ) ),
			array( 'POST', '/wp/v2/settings', array( 'title' => 'Direct' ) ),
			array( 'POST', '/wp/v2/plugins', array( 'slug' => 'hello-dolly' ) ),
		);
		$results = Http::parallel( array_map( fn( array $c ): array => array( $login, $c[0], $c[1], $c[2] ), $cases ) );
		$allowed = array();
		foreach ( $results as $i => $result ) {
			if ( $result['status'] < 400 || 500 <= $result['status'] ) {
				$allowed[] = $cases[ $i ][0] . ' ' . $cases[ $i ][1] . ' ' . wp_json_encode( $cases[ $i ][2] ) . ' => ' . $result['status'];
			}
		}
		$this->assertSame( array(), $allowed, "core writes an agent got through:\n" . implode( "\n", $allowed ) );
		clean_post_cache( $post_id );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
		$this->assertSame( 1, count( \WP_Application_Passwords::get_user_application_passwords( (int) $agent['id'] ) ), 'the agent minted an Application Password' );

		$reads = Http::parallel(
			array(
				array( $login, 'GET', "/wp/v2/posts/{$post_id}" ),
				array( $login, 'GET', '/wp/v2/pages' ),
				array( $login, 'GET', '/wp/v2/users/me' ),
				array( $login, 'GET', '/wp/v2/categories' ),
			)
		);
		$this->assertSame( array( 200, 200, 200, 200 ), array_column( $reads, 'status' ) );
	}

	/**
	 * IDOR beyond the table: another agent cannot supersede the owner's proposal; an author cannot approve a
	 * proposal for someone else's post even through the batch route.
	 */
	public function test_supersede_and_batch_idor(): void {
		$owner    = (int) $this->agent()['id'];
		$other    = (int) $this->agent()['id'];
		$post_id  = $this->post();
		$proposal = (int) $this->propose( $owner, array( 'post' => $post_id, 'changes' => array( 'title' => 'Owner' ) ) )->get_data()['id'];

		$superseding = $this->propose( $other, array( 'post' => $post_id, 'changes' => array( 'title' => 'Hijack' ), 'supersedes' => $proposal ) );
		$this->assertGreaterThanOrEqual( 400, $superseding->get_status() );
		$this->assertLessThan( 500, $superseding->get_status() );
		$this->assertSame( 'cs_pending', $this->plugin()->proposals->find( $proposal )?->state );

		$author = $this->user( 'author' );
		$this->assertSame( 403, $this->rest( $author, 'POST', '/countersign/v1/proposals/batch', array( 'ids' => array( $proposal ), 'action' => 'approve' ) )->get_status() );
		$editor = $this->user( 'editor' );
		$this->assertSame( 200, $this->rest( $editor, 'POST', '/countersign/v1/proposals/batch', array( 'ids' => array( $proposal ), 'action' => 'approve' ) )->get_status() );
		clean_post_cache( $post_id );
		$this->assertSame( 'Owner', get_post( $post_id )->post_title );
	}

	/**
	 * Static check: every countersign route has a real permission callback, none `__return_true`, and every
	 * register_rest_route() call in the source names one.
	 */
	public function test_every_route_has_a_permission_callback(): void {
		$checked = 0;
		foreach ( rest_get_server()->get_routes( 'countersign/v1' ) as $route => $endpoints ) {
			if ( '/countersign/v1' === $route ) {
				continue; // Core's own namespace index: the list of routes, as for every namespace.
			}
			foreach ( $endpoints as $endpoint ) {
				$callback = $endpoint['permission_callback'] ?? null;
				$this->assertNotNull( $callback, "{$route} has no permission_callback" );
				$this->assertNotSame( '__return_true', $callback, "{$route} lets everyone in" );
				$this->assertTrue( is_callable( $callback ), "{$route}: permission_callback is not callable" );
				++$checked;
			}
		}
		$this->assertGreaterThanOrEqual( 25, $checked );
		$files = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( dirname( __DIR__, 3 ) . '/includes' ) );
		foreach ( $files as $file ) {
			if ( ! str_ends_with( (string) $file, '.php' ) ) {
				continue;
			}
			$source = (string) file_get_contents( (string) $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			$this->assertStringNotContainsString( '__return_true', $source, "{$file} uses __return_true" );
			$calls = substr_count( $source, 'register_rest_route(' );
			if ( $calls > 0 ) {
				$this->assertGreaterThanOrEqual( $calls, substr_count( $source, "'permission_callback'" ), "{$file}: a register_rest_route() without permission_callback" );
			}
		}
	}
}
