<?php
/**
 * The guarantees behind a load balancer: two web servers on one database, with or without a shared persistent
 * object cache.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Topology;

use Countersign\Limits\RateLimiter;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Every check goes over real HTTP, spread over the test site's web servers. `npm test` runs it in the main PHPUnit
 * suite (no object cache) and again in the topology suite, where both servers and this process share Redis
 * through the Redis Object Cache drop-in (COUNTERSIGN_TEST_OBJECT_CACHE=redis).
 *
 * @group topology
 * @group replicas
 */
final class TopologyTest extends TestCase {

	/**
	 * The topology suite really runs on the persistent cache; the main suite really runs without.
	 */
	public function test_the_object_cache_is_the_one_the_suite_asked_for(): void {
		$this->assertSame( 'redis' === getenv( 'COUNTERSIGN_TEST_OBJECT_CACHE' ), (bool) wp_using_ext_object_cache() );
		$this->assertGreaterThanOrEqual( 2, count( Http::servers() ) );
	}

	/**
	 * One after another over both servers: a limit of 10 passes 10 of 15, and /me counts exactly; a per-IP limit of
	 * 5 passes 5 of 8 (a minute window may turn mid-run: then the run is repeated).
	 */
	public function test_sequential_requests_are_counted_exactly(): void {
		$agent = $this->agent( array( 'rate_limit' => 10 ) );
		$login = $agent['user_login'] . ':' . $agent['application_password'];
		$this->assertSame( array( 200 => 10, 429 => 5 ), $this->in_one_window( fn(): array => $this->statuses( $login, 15 ) ) );
		$used = Http::send( 0, $login, 'GET', '/countersign/v1/me' )['headers'];
		$this->assertSame( '10', $used['ratelimit-limit'] ?? null );

		// Earlier tests' requests came from this address too: the per-IP count starts from none.
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_counters} WHERE counter_key LIKE %s", 'ip:%' ) );
		$this->settings( array( 'ip_rate_limit' => 5 ) );
		$other = $this->agent();
		$this->assertSame( array( 200 => 5, 429 => 3 ), $this->in_one_window( fn(): array => $this->statuses( $other['user_login'] . ':' . $other['application_password'], 8 ) ) );
	}

	/**
	 * With auto-pause after 3 limit refusals, an agent over its limit is paused, and both servers refuse it as paused.
	 */
	public function test_auto_pause_after_limit_refusals(): void {
		$this->settings( array( 'auto_pause_refusals' => 3 ) );
		$agent = $this->agent( array( 'rate_limit' => 2 ) );
		$login = $agent['user_login'] . ':' . $agent['application_password'];
		$this->assertSame( array( 200 => 2, 403 => 1, 429 => 3 ), $this->in_one_window( fn(): array => $this->statuses( $login, 6 ) ) );
		foreach ( array( 0, 1 ) as $server ) {
			$refused = Http::send( $server, $login, 'GET', '/countersign/v1/me' );
			$this->assertSame( 'countersign_agent_paused', $refused['body']['code'] ?? null, (string) wp_json_encode( $refused['body'] ) );
		}
		$this->assertSame( 'paused', $this->plugin()->agents->find( (int) $agent['id'] )?->status );
	}

	/**
	 * A daily budget of 5 and 20 proposals at once over both servers: exactly 5 are stored.
	 */
	public function test_budget_is_exact_under_parallel_load(): void {
		$agent   = $this->agent( array( 'daily_proposal_budget' => 5 ) );
		$login   = $agent['user_login'] . ':' . $agent['application_password'];
		$post_id = $this->post();
		$results = Http::parallel(
			array_map(
				fn( int $i ): array => array(
					$login,
					'POST',
					'/countersign/v1/proposals',
					array(
						'post'      => $post_id,
						'changes'   => array( 'title' => "Title {$i}" ),
						'rationale' => 'Parallel.',
					),
				),
				range( 1, 20 )
			)
		);
		$counts = array_count_values( array_column( $results, 'status' ) );
		ksort( $counts );
		$this->assertSame( array( 201 => 5, 429 => 15 ), $counts );
		$this->assertSame( 5, $this->plugin()->proposals->count_since( (int) $agent['id'], time() - HOUR_IN_SECONDS ) );
		$budget = Http::send( 1, $login, 'GET', '/countersign/v1/me' )['body']['budget'] ?? array();
		$this->assertSame( array( 5, 0 ), array( $budget['used_today'] ?? null, $budget['remaining_today'] ?? null ) );
	}

	/**
	 * The kill switch turned on through one server while another setting is saved through the other: both stick,
	 * every server stops the agent, and turning it off resumes it everywhere. Four rounds.
	 */
	public function test_kill_switch_and_another_setting_at_once(): void {
		$admin = $this->credentials( $this->user( 'administrator' ) );
		$agent = $this->agent();
		$login = $agent['user_login'] . ':' . $agent['application_password'];
		for ( $round = 1; $round <= 4; $round++ ) {
			$results = Http::parallel(
				array(
					array( $admin, 'PUT', '/countersign/v1/settings', array( 'kill_switch' => true ) ),
					array( $admin, 'PUT', '/countersign/v1/settings', array( 'backup_retention' => 10 + $round ) ),
				)
			);
			$this->assertSame( array( 200, 200 ), array_column( $results, 'status' ) );
			$this->assertTrue( $results[0]['body']['kill_switch'], "round {$round}" );
			foreach ( array( 0, 1 ) as $server ) {
				$settings = Http::send( $server, $admin, 'GET', '/countersign/v1/settings' )['body'];
				$this->assertSame( array( true, 10 + $round ), array( $settings['kill_switch'], $settings['backup_retention'] ), "round {$round}" );
				$this->assertSame( 503, Http::send( $server, $login, 'GET', '/countersign/v1/me' )['status'], "round {$round}" );
			}
			$off = Http::send( 1, $admin, 'PUT', '/countersign/v1/settings', array( 'kill_switch' => false ) );
			$this->assertFalse( $off['body']['kill_switch'] );
			foreach ( array( 0, 1 ) as $server ) {
				$this->assertSame( 200, Http::send( $server, $login, 'GET', '/countersign/v1/me' )['status'], "round {$round}" );
			}
		}
	}

	/**
	 * Two administrators change two different settings at once, 30 times: neither change is ever lost.
	 */
	public function test_two_administrators_change_two_settings_at_once(): void {
		$one = $this->credentials( $this->user( 'administrator' ) );
		$two = $this->credentials( $this->user( 'administrator' ) );
		for ( $round = 1; $round <= 30; $round++ ) {
			Http::parallel(
				array(
					array( $one, 'PUT', '/countersign/v1/settings', array( 'default_rate_limit' => 100 + $round ) ),
					array( $two, 'PUT', '/countersign/v1/settings', array( 'auto_pause_minutes' => 10 + $round ) ),
				)
			);
			$settings = Http::send( $round, $one, 'GET', '/countersign/v1/settings' )['body'];
			$this->assertSame( array( 100 + $round, 10 + $round ), array( $settings['default_rate_limit'], $settings['auto_pause_minutes'] ), "round {$round}" );
		}
	}

	/**
	 * An agent paused while an administrator edits it and the agent's own request notes when it was last seen, 20
	 * times: the pause, the edit and the note all stick.
	 */
	public function test_pause_survives_an_edit_and_the_agents_own_request(): void {
		$admin = $this->credentials( $this->user( 'administrator' ) );
		$agent = $this->agent();
		$id    = (int) $agent['id'];
		$login = $agent['user_login'] . ':' . $agent['application_password'];
		for ( $round = 1; $round <= 20; $round++ ) {
			// An hour ago, so the agent's request writes last_seen_at again.
			$this->plugin()->agents->update_fields( $id, array( 'last_seen_at' => gmdate( 'Y-m-d\TH:i:s', time() - HOUR_IN_SECONDS ) ) );
			$results = Http::parallel(
				array(
					array( $login, 'GET', '/countersign/v1/me' ),
					array( $admin, 'POST', "/countersign/v1/agents/{$id}/pause" ),
					array( $admin, 'PUT', "/countersign/v1/agents/{$id}", array( 'label' => "Renamed {$round}" ) ),
				)
			);
			$this->assertSame( array( 200, 200 ), array( $results[1]['status'], $results[2]['status'] ), (string) wp_json_encode( array_column( $results, 'body' ) ) );
			$record = Http::send( $round, $admin, 'GET', "/countersign/v1/agents/{$id}" )['body'];
			$this->assertSame( array( 'paused', "Renamed {$round}" ), array( $record['status'], $record['label'] ), "round {$round}" );
			if ( 200 === $results[0]['status'] ) {
				$this->assertGreaterThan( time() - MINUTE_IN_SECONDS, (int) strtotime( $record['last_seen_at'] . 'Z' ), "round {$round}" );
			}
			$this->assertSame( 200, Http::send( $round + 1, $admin, 'POST', "/countersign/v1/agents/{$id}/resume" )['status'] );
		}
	}

	/**
	 * Settings saved as an administrator, through the REST API.
	 *
	 * @param array<string, mixed> $values Settings.
	 */
	private function settings( array $values ): void {
		$response = $this->rest( $this->user( 'administrator' ), 'PUT', '/countersign/v1/settings', $values );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
	}

	/**
	 * The statuses of $count GET /me requests sent one after another, alternating servers, counted by status.
	 *
	 * @param string $login Credentials.
	 * @param int    $count Requests.
	 * @return array<int, int>
	 */
	private function statuses( string $login, int $count ): array {
		$codes = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$codes[] = Http::send( $i, $login, 'GET', '/countersign/v1/me' )['status'];
		}
		$counts = array_count_values( $codes );
		ksort( $counts );
		return $counts;
	}

	/**
	 * Runs $run so that it starts and ends in one rate-limit window (waiting for a fresh one when little is left).
	 *
	 * @param callable():array<int, int> $run The run.
	 * @return array<int, int>
	 */
	private function in_one_window( callable $run ): array {
		if ( RateLimiter::WINDOW - time() % RateLimiter::WINDOW < 10 ) {
			sleep( RateLimiter::WINDOW - time() % RateLimiter::WINDOW );
		}
		$window = intdiv( time(), RateLimiter::WINDOW );
		$result = $run();
		$this->assertSame( $window, intdiv( time(), RateLimiter::WINDOW ), 'the run outlasted its rate-limit window' );
		return $result;
	}
}
