<?php
/**
 * Rate limits and budgets.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Limits;

use Countersign\Limits\RateLimiter;
use Countersign\Policy\Settings;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Exact counts under parallel HTTP load, headers, per-IP sharing, budgets.
 *
 * @group topology
 * @group replicas
 */
final class RateLimiterTest extends TestCase {

	/**
	 * 30 parallel requests at a limit of 10: exactly 10 pass and 20 get 429 with Retry-After; another agent is
	 * unaffected. Repeated 20 times (each round in a fresh minute window key, by using a fresh agent).
	 */
	public function test_parallel_requests_are_counted_exactly(): void {
		for ( $round = 0; $round < 20; $round++ ) {
			$limited  = $this->agent( array( 'rate_limit' => 10 ) );
			$other    = $this->agent( array( 'rate_limit' => 10 ) );
			$requests = array_fill( 0, 30, array( $limited['user_login'] . ':' . $limited['application_password'], 'GET', '/countersign/v1/me' ) );
			// The other agent's request goes last, so it lands on a server the limited agent is hammering.
			$requests[]  = array( $other['user_login'] . ':' . $other['application_password'], 'GET', '/countersign/v1/me' );
			$results     = Http::parallel( $requests );
			$last        = array_pop( $results );
			$codes       = array_column( $results, 'status' );
			$retry_after = max( array_map( fn( array $r ): int => (int) ( $r['headers']['retry-after'] ?? 0 ), $results ) );
			$this->assertSame( 200, $last['status'], "round {$round}: the other agent was limited" );
			$this->assertCount( count( Http::servers() ), array_unique( array_column( $results, 'server' ) ) );
			$counts = array_count_values( $codes );
			ksort( $counts );
			// A window may roll over mid-round; then the new window admits up to 10 more.
			if ( array(
				200 => 10,
				429 => 20,
			) !== $counts ) {
				$this->assertLessThanOrEqual( 20, $counts[200] ?? 0, "round {$round}" );
				$this->assertSame( 30, array_sum( $counts ) );
				continue;
			}
			$this->assertSame(
				array(
					200 => 10,
					429 => 20,
				),
				$counts,
				"round {$round}"
			);
			$this->assertGreaterThanOrEqual( 1, $retry_after );
		}
	}

	/**
	 * Responses carry RateLimit headers; the per-IP limit is shared by every agent on the address.
	 */
	public function test_headers_and_the_shared_ip_limit(): void {
		update_option( Settings::OPTION, array( 'ip_rate_limit' => 3 ) );
		// Earlier tests' requests came from this address too: the per-IP count starts from none.
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- test set-up: clear the per-IP counters.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_counters} WHERE counter_key LIKE %s", 'ip:%' ) );
		$one = (int) $this->agent()['id'];
		$two = (int) $this->agent()['id'];
		// The four requests share one minute window: not too close to its end.
		if ( RateLimiter::WINDOW - time() % RateLimiter::WINDOW < 10 ) {
			sleep( RateLimiter::WINDOW - time() % RateLimiter::WINDOW );
		}

		$first = $this->rest( $one, 'GET', '/countersign/v1/me' );
		$this->rest( $two, 'GET', '/countersign/v1/me' );
		$this->rest( $one, 'GET', '/countersign/v1/me' );
		$fourth = $this->rest( $two, 'GET', '/countersign/v1/me' );

		$this->assertSame( '3', $first->get_headers()['RateLimit-Limit'] );
		$this->assertSame( '2', $first->get_headers()['RateLimit-Remaining'] );
		$this->assertError( $fourth, 'countersign_rate_limited', 429 );
		$this->assertArrayHasKey( 'Retry-After', $fourth->get_headers() );
		$this->assertSame( 'ip_rate_limit', $fourth->get_data()['data']['rule'] );
	}

	/**
	 * A burst window of W seconds: N requests per W seconds, counted exactly across both web servers; the next
	 * window admits N again; GET /me and the headers report the window.
	 */
	public function test_burst_window_across_servers(): void {
		update_option(
			Settings::OPTION,
			array(
				'ip_rate_limit'     => 0,
				'rate_limit_window' => 6,
			)
		);
		$agent       = $this->agent( array( 'rate_limit' => 4 ) );
		$credentials = $agent['user_login'] . ':' . $agent['application_password'];
		for ( $round = 0; $round < 3; $round++ ) {
			// Start each round at the beginning of a fresh 6-second window, so all 10 requests share it.
			sleep( 6 - time() % 6 );
			$started = intdiv( time(), 6 );
			$results = Http::parallel( array_fill( 0, 10, array( $credentials, 'GET', '/countersign/v1/me' ) ) );
			if ( intdiv( time(), 6 ) !== $started ) {
				continue;
			}
			$this->assertCount( count( Http::servers() ), array_unique( array_column( $results, 'server' ) ) );
			$counts = array_count_values( array_column( $results, 'status' ) );
			ksort( $counts );
			$this->assertSame(
				array(
					200 => 4,
					429 => 6,
				),
				$counts,
				"round {$round}"
			);
			foreach ( $results as $result ) {
				if ( 429 === $result['status'] ) {
					$this->assertLessThanOrEqual( 6, (int) $result['headers']['retry-after'] );
					$this->assertSame( 'agent_rate_limit', $result['body']['data']['rule'] );
				} else {
					$this->assertSame( 6, $result['body']['rate_limit_state']['window'] );
					$this->assertLessThanOrEqual( 6, $result['body']['rate_limit_state']['agent']['reset'] );
				}
			}
		}
		// A minute-long window would still refuse here; a 6-second one has rolled over.
		sleep( 6 - time() % 6 );
		$this->assertSame( 200, Http::parallel( array( array( $credentials, 'GET', '/countersign/v1/me' ) ) )[0]['status'] );
	}

	/**
	 * The per-IP limit counts in the same window.
	 */
	public function test_burst_window_for_the_ip_limit(): void {
		update_option(
			Settings::OPTION,
			array(
				'ip_rate_limit'     => 2,
				'rate_limit_window' => 5,
			)
		);
		$one = (int) $this->agent()['id'];
		$two = (int) $this->agent()['id'];
		if ( time() % 5 > 2 ) {
			sleep( 5 - time() % 5 );
		}
		$this->rest( $one, 'GET', '/countersign/v1/me' );
		$this->rest( $two, 'GET', '/countersign/v1/me' );
		$third = $this->rest( $one, 'GET', '/countersign/v1/me' );
		$this->assertError( $third, 'countersign_rate_limited', 429 );
		$this->assertSame( 'ip_rate_limit', $third->get_data()['data']['rule'] );
		$this->assertLessThanOrEqual( 5, (int) $third->get_headers()['Retry-After'] );
		sleep( 5 - time() % 5 );
		$this->assertSame( 200, $this->rest( $two, 'GET', '/countersign/v1/me' )->get_status() );
	}

	/**
	 * The window is validated: a whole number of seconds from 1 to 3600, the refusal naming the field, nothing stored.
	 *
	 * @dataProvider bad_windows
	 *
	 * @param mixed $value A bad window.
	 */
	public function test_window_is_validated( mixed $value ): void {
		$admin    = $this->user( 'administrator' );
		$response = $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'rate_limit_window' => $value ) );
		$this->assertError( $response, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'rate_limit_window', $response->get_data()['data']['field'] );
		$this->assertSame( RateLimiter::WINDOW, $this->rest( $admin, 'GET', '/countersign/v1/settings' )->get_data()['rate_limit_window'] );
	}

	/**
	 * Windows the settings refuse.
	 *
	 * @return array<string, array{0: mixed}>
	 */
	public static function bad_windows(): array {
		return array(
			'zero'     => array( 0 ),
			'negative' => array( -60 ),
			'too long' => array( 3601 ),
			'a string' => array( '30' ),
			'fraction' => array( 1.5 ),
			'null'     => array( null ),
		);
	}

	/**
	 * The daily budget refuses the proposal after the last one, with 429.
	 */
	public function test_daily_budget(): void {
		$agent   = (int) $this->agent( array( 'daily_proposal_budget' => 2 ) )['id'];
		$post_id = $this->post();

		$this->assertSame(
			201,
			$this->propose(
				$agent,
				array(
					'post'    => $post_id,
					'changes' => array( 'title' => 'One' ),
				)
			)->get_status()
		);
		$this->assertSame(
			201,
			$this->propose(
				$agent,
				array(
					'post'    => $post_id,
					'changes' => array( 'title' => 'Two' ),
				)
			)->get_status()
		);
		$third = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Three' ),
			)
		);

		$this->assertError( $third, 'countersign_budget_exceeded', 429 );
		$this->assertSame( 0, $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['budget']['remaining_today'] );
	}
}
