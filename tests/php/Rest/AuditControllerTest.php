<?php
/**
 * REST: the audit log as the Audit screen reads it.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Tests\TestCase;

/**
 * GET /audit names the actor and the agent of each row and carries both hashes; filters narrow on the server.
 */
final class AuditControllerTest extends TestCase {

	/**
	 * Rows for one agent, newest first, named and chained; the date and outcome filters narrow them.
	 */
	public function test_rows_carry_names_and_hashes(): void {
		$created = $this->agent();
		$agent   = (int) $created['id'];
		$admin   = $this->user( 'administrator' );
		$post_id = $this->post();
		$this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Named' ) ) );
		$this->rest( $agent, 'POST', '/wp/v2/posts/' . $post_id, array( 'title' => 'refused' ) );

		$response = $this->rest( $admin, 'GET', '/countersign/v1/audit', array( 'agent' => $agent ) );
		$rows     = $response->get_data();

		$this->assertSame( 200, $response->get_status() );
		$this->assertGreaterThanOrEqual( 4, count( $rows ) );
		$this->assertSame( (string) count( $rows ), (string) $response->get_headers()['X-WP-Total'] );
		$submitted = array_values( array_filter( $rows, fn( $row ) => 'proposal.submitted' === $row['action'] ) )[0];
		$this->assertSame( $created['label'], $submitted['agent']['label'] );
		$this->assertSame( 'agent', $submitted['actor']['type'] );
		$this->assertSame( $created['label'], $submitted['actor']['name'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $submitted['prev_hash'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $submitted['hash'] );
		$this->assertGreaterThan( $rows[1]['id'], $rows[0]['id'] );

		$refused = $this->rest(
			$admin,
			'GET',
			'/countersign/v1/audit',
			array(
				'agent'   => $agent,
				'outcome' => 'refused',
				'from'    => gmdate( 'Y-m-d 00:00:00' ),
				'to'      => gmdate( 'Y-m-d 23:59:59' ),
			)
		)->get_data();
		$this->assertCount( 1, $refused );
		$this->assertSame( 403, $refused[0]['details']['status'] );
		$this->assertSame( array(), $this->rest( $admin, 'GET', '/countersign/v1/audit', array( 'agent' => $agent, 'to' => '2000-01-01' ) )->get_data() );

		$created_row = array_values( array_filter( $rows, fn( $row ) => 'agent.created' === $row['action'] ) )[0];
		$this->assertSame( 'user', $created_row['actor']['type'] );
		$this->assertNotSame( '', $created_row['actor']['name'] );
		$this->assertError( $this->rest( $this->user( 'editor' ), 'GET', '/countersign/v1/audit' ), 'rest_forbidden', 403 );
	}

	/**
	 * The verify answer the status badge shows.
	 */
	public function test_verify_reports_hardening(): void {
		$data = $this->rest( $this->user( 'administrator' ), 'GET', '/countersign/v1/audit/verify' )->get_data();
		// Other tests tamper with the chain and repair it; only the shape is this test's business.
		$this->assertIsBool( $data['ok'] );
		$this->assertSame( $data['ok'], null === $data['first_bad'] );
		$this->assertIsInt( $data['verified'] );
		$this->assertIsBool( $data['hardened'] );
	}
}
