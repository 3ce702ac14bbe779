<?php
/**
 * Values out of range are refused, not bent into something else.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * `post: -1` once became a new-post proposal, `date: @99999999999999` an applied post nobody could reach, a page
 * past the end answered page 1, and `/me` a role the agent no longer had. Over HTTP on the test site's servers.
 */
final class InputBoundsTest extends TestCase {

	/**
	 * Negative post ids: 400 naming `post`, nothing stored.
	 */
	public function test_a_negative_post_is_refused(): void {
		global $wpdb;
		$agent = (int) $this->agent()['id'];
		$creds = $this->credentials( $agent );
		foreach ( array( -1, '-1', -PHP_INT_MAX ) as $post ) {
			$answer = Http::one( $creds, 'POST', '/countersign/v1/proposals', array( 'post' => $post, 'changes' => array( 'title' => 'New?' ), 'rationale' => 'Bounds.' ) );
			$this->assertSame( 400, $answer['status'], wp_json_encode( $post ) . ' ' . (string) wp_json_encode( $answer['body'] ) );
			$this->assertSame( 'post', $answer['body']['data']['field'] ?? null );
		}
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'countersign_proposal' AND post_author = %d", $agent ) ) );
	}

	/**
	 * Dates must be real ISO 8601 dates between the years 1000 and 9999.
	 *
	 * @dataProvider dates
	 *
	 * @param string      $date     Proposed date.
	 * @param string|null $expected The stored UTC date, or null for a 400.
	 */
	public function test_dates_are_real_and_in_range( string $date, ?string $expected ): void {
		$agent  = (int) $this->agent()['id'];
		$answer = Http::one( $this->credentials( $agent ), 'POST', '/countersign/v1/proposals', array( 'post' => $this->post(), 'changes' => array( 'date' => $date ), 'rationale' => 'Bounds.' ) );
		if ( null === $expected ) {
			$this->assertSame( 400, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
			$this->assertSame( 'changes.date', $answer['body']['data']['field'] ?? null );
			return;
		}
		$this->assertSame( 201, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( $expected, $answer['body']['changes']['date'] );
	}

	/**
	 * Named dates.
	 *
	 * @return array<string, array{0: string, 1: string|null}>
	 */
	public static function dates(): array {
		return array(
			'a far timestamp'      => array( '@99999999999999', null ),
			'a timestamp'          => array( '@1700000000', null ),
			'relative'             => array( 'next monday', null ),
			'31 February'          => array( '2025-02-31T10:00:00', null ),
			'hour 24'              => array( '2025-02-01T24:00:00', null ),
			'year 99999'           => array( '99999-01-01T00:00:00', null ),
			'year 0999'            => array( '0999-12-31T00:00:00', null ),
			'UTC'                  => array( '2025-05-01T10:00:00', '2025-05-01 10:00:00' ),
			'Z'                    => array( '2025-05-01T10:00:00Z', '2025-05-01 10:00:00' ),
			'an offset'            => array( '2025-05-01T12:30:00+02:00', '2025-05-01 10:30:00' ),
			'a day'                => array( '2025-05-01', '2025-05-01 00:00:00' ),
		);
	}

	/**
	 * A page past the end is an empty page, with the real totals, for agents and reviewers.
	 */
	public function test_a_page_past_the_end_is_empty(): void {
		$agent = (int) $this->agent()['id'];
		for ( $i = 0; $i < 3; $i++ ) {
			$this->assertSame( 201, $this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => "Page {$i}" ) ) )->get_status() );
		}
		$admin = $this->credentials( $this->user( 'administrator' ) );
		$agent_creds = $this->credentials( $agent );
		foreach ( array( array( $agent_creds, '/countersign/v1/proposals?per_page=2&page=' ), array( $admin, "/countersign/v1/proposals?agent={$agent}&per_page=2&page=" ), array( $admin, '/countersign/v1/audit?per_page=2&page=' ) ) as list( $creds, $path ) ) {
			foreach ( array( '1000000', '99999999999999999999', '9223372036854775807' ) as $page ) {
				$answer = Http::one( $creds, 'GET', $path . $page );
				$this->assertSame( 200, $answer['status'], $path . $page . ' ' . (string) wp_json_encode( $answer['body'] ) );
				$this->assertSame( array(), $answer['body'], $path . $page );
				$this->assertGreaterThanOrEqual( 3, (int) ( $answer['headers']['x-wp-total'] ?? 0 ), $path . $page );
			}
		}
	}

	/**
	 * `/me` reports the role core gives the agent now.
	 */
	public function test_me_reports_the_current_role(): void {
		$agent = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$creds = $this->credentials( $agent );
		$this->assertSame( 'editor', Http::one( $creds, 'GET', '/countersign/v1/me' )['body']['role'] ?? null );
		foreach ( array( 'author', 'contributor', 'subscriber' ) as $role ) {
			( new \WP_User( $agent ) )->set_role( $role );
			clean_user_cache( $agent );
			foreach ( Http::parallel( array( array( $creds, 'GET', '/countersign/v1/me' ), array( $creds, 'GET', '/countersign/v1/me' ) ) ) as $answer ) {
				$this->assertSame( $role, $answer['body']['role'] ?? null, "{$role} on {$answer['server']}" );
			}
		}
	}
}
