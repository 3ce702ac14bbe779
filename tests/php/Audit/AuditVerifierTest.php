<?php
/**
 * The audit chain.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Audit;

use Countersign\Install\Schema;
use Countersign\Tests\TestCase;

/**
 * Appends chain; verify names the first tampered row; the audit routes are closed to agents.
 */
final class AuditVerifierTest extends TestCase {

	/**
	 * The chain verifies after real activity, and a row changed by SQL is named.
	 */
	public function test_verify_names_the_first_tampered_row(): void {
		global $wpdb;
		$agent   = (int) $this->agent()['id'];
		$admin   = $this->user( 'administrator' );
		$post_id = $this->post();
		$this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Audited' ) ) );

		$ok = $this->rest( $admin, 'GET', '/countersign/v1/audit/verify' )->get_data();
		$this->assertTrue( $ok['ok'] );
		$this->assertNull( $ok['first_bad'] );
		$this->assertGreaterThan( 2, $ok['verified'] );

		$table  = $this->plugin()->schema->table( Schema::AUDIT );
		$row    = $wpdb->get_row( "SELECT id, details FROM {$table} WHERE action = 'proposal.submitted' ORDER BY id DESC LIMIT 1", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$target = (int) $row['id'];
		$wpdb->update( $table, array( 'details' => '{"forged":true}' ), array( 'id' => $target ) );
		try {
			$bad = $this->rest( $admin, 'GET', '/countersign/v1/audit/verify' )->get_data();
		} finally {
			$wpdb->update( $table, array( 'details' => $row['details'] ), array( 'id' => $target ) );
		}

		$this->assertFalse( $bad['ok'] );
		$this->assertSame( $target, $bad['first_bad'] );
		$this->assertTrue( $this->rest( $admin, 'GET', '/countersign/v1/audit/verify' )->get_data()['ok'] );
	}

	/**
	 * Every agent request is recorded, refused ones included, and filterable by agent.
	 */
	public function test_agent_requests_are_recorded(): void {
		$agent   = (int) $this->agent()['id'];
		$admin   = $this->user( 'administrator' );
		$post_id = $this->post();
		$this->rest( $agent, 'POST', '/wp/v2/posts/' . $post_id, array( 'title' => 'nope' ) );
		$this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'yes' ) ) );

		$rows    = $this->rest( $admin, 'GET', '/countersign/v1/audit', array( 'agent' => $agent, 'action' => 'request' ) )->get_data();
		$refused = array_values( array_filter( $rows, fn( $r ) => 'refused' === $r['outcome'] ) );

		$this->assertCount( 2, $rows );
		$this->assertCount( 1, $refused );
		$this->assertSame( '/wp/v2/posts/' . $post_id, $refused[0]['details']['route'] );
	}

	/**
	 * Agents, even editor agents, cannot read the audit log.
	 */
	public function test_agents_cannot_read_the_audit_log(): void {
		$agent = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$this->assertError( $this->rest( $agent, 'GET', '/countersign/v1/audit' ), 'rest_forbidden', 403 );
		$this->assertError( $this->rest( $agent, 'GET', '/countersign/v1/audit/verify' ), 'rest_forbidden', 403 );
	}

	/**
	 * Sixteen concurrent writers (agent requests on the site's PHP workers): the chain stays linear, no row shares
	 * a predecessor with another.
	 */
	public function test_chain_stays_linear_under_concurrent_writers(): void {
		global $wpdb;
		$agent = $this->agent( array( 'rate_limit' => 1000 ) );
		$url   = rtrim( (string) ( getenv( 'COUNTERSIGN_TEST_URL' ) ? getenv( 'COUNTERSIGN_TEST_URL' ) : 'http://localhost:8889' ), '/' );
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$first = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		for ( $round = 0; $round < 5; $round++ ) {
			$multi = curl_multi_init();
			for ( $i = 0; $i < 16; $i++ ) {
				$handle = curl_init( $url . '/wp-json/countersign/v1/me' );
				curl_setopt_array(
					$handle,
					array(
						CURLOPT_USERPWD        => $agent['user_login'] . ':' . $agent['application_password'],
						CURLOPT_RETURNTRANSFER => true,
						CURLOPT_TIMEOUT        => 60,
					)
				);
				curl_multi_add_handle( $multi, $handle );
			}
			do {
				curl_multi_exec( $multi, $running );
				if ( $running ) {
					curl_multi_select( $multi, 1.0 );
				}
			} while ( $running );
			curl_multi_close( $multi );
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$links = $wpdb->get_col( $wpdb->prepare( "SELECT prev_hash FROM {$table} WHERE id > %d", $first ) );

		$this->assertGreaterThanOrEqual( 80, count( $links ) );
		$this->assertSame( count( $links ), count( array_unique( $links ) ), 'two rows chained onto the same predecessor' );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}
}
