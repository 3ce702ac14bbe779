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
			if ( array( 200 => 10, 429 => 20 ) !== $counts ) {
				$this->assertLessThanOrEqual( 20, $counts[200] ?? 0, "round {$round}" );
				$this->assertSame( 30, array_sum( $counts ) );
				continue;
			}
			$this->assertSame( array( 200 => 10, 429 => 20 ), $counts, "round {$round}" );
			$this->assertGreaterThanOrEqual( 1, $retry_after );
		}
	}

	/**
	 * Responses carry RateLimit headers; the per-IP limit is shared by every agent on the address.
	 */
	public function test_headers_and_the_shared_ip_limit(): void {
		update_option( Settings::OPTION, array( 'ip_rate_limit' => 3 ) );
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
	 * The daily budget refuses the proposal after the last one, with 429.
	 */
	public function test_daily_budget(): void {
		$agent   = (int) $this->agent( array( 'daily_proposal_budget' => 2 ) )['id'];
		$post_id = $this->post();

		$this->assertSame( 201, $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'One' ) ) )->get_status() );
		$this->assertSame( 201, $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Two' ) ) )->get_status() );
		$third = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Three' ) ) );

		$this->assertError( $third, 'countersign_budget_exceeded', 429 );
		$this->assertSame( 0, $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['budget']['remaining_today'] );
	}
}
