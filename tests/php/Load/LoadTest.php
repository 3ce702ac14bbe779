<?php
/**
 * Load: many agents submitting at once while reviewers decide.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Load;

use Countersign\Install\Schema;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * 20 agents × 50 proposals submitted concurrently over both web servers while two reviewers approve and reject
 * the proposals already in. Every proposal is accounted for: each 201 is one stored proposal with one
 * `proposal.submitted` audit row, each decision that succeeded has its audit row, nothing answers 5xx or hangs,
 * and the chain verifies. Latency percentiles are printed and written to artifacts/load.json.
 */
final class LoadTest extends TestCase {

	private const AGENTS    = 20;
	private const PROPOSALS = 50;

	/**
	 * The whole run.
	 */
	public function test_twenty_agents_fifty_proposals_each_while_two_reviewers_decide(): void {
		global $wpdb;
		$agents = array();
		for ( $i = 0; $i < self::AGENTS; $i++ ) {
			$agent    = $this->agent( array( 'rate_limit' => 10000, 'daily_proposal_budget' => 10000 ) );
			$agents[] = array(
				'id'          => (int) $agent['id'],
				'credentials' => $agent['user_login'] . ':' . $agent['application_password'],
				'post'        => $this->post( array( 'post_title' => 'Load target ' . $i ) ),
			);
		}
		$reviewers = array( $this->credentials( $this->user( 'editor' ) ), $this->credentials( $this->user( 'editor' ) ) );

		$submitted = array();
		$decided   = array(
			'approve'  => array(),
			'reject'   => array(),
			'conflict' => array(),
		);
		$latency   = array(
			'submit'  => array(),
			'approve' => array(),
			'reject'  => array(),
		);
		$waiting   = array();
		$statuses  = array();
		for ( $round = 0; $round < self::PROPOSALS; $round++ ) {
			$requests = array();
			$kinds    = array();
			foreach ( $agents as $n => $agent ) {
				// Each agent edits its own post's excerpt, so approvals of different agents do not conflict.
				$requests[] = array(
					$agent['credentials'],
					'POST',
					'/countersign/v1/proposals',
					array(
						'post'      => $agent['post'],
						'changes'   => array( 'excerpt' => "Excerpt {$round} by agent {$n}" ),
						'rationale' => 'Load test.',
					),
				);
				$kinds[]    = array( 'submit', 0 );
			}
			// Two reviewers decide up to ten proposals already in: one approves, the other rejects.
			foreach ( array_splice( $waiting, 0, 10 ) as $k => $proposal_id ) {
				$action     = 0 === $k % 2 ? 'approve' : 'reject';
				$requests[] = array( $reviewers[ $k % 2 ], 'POST', "/countersign/v1/proposals/{$proposal_id}/{$action}", 'reject' === $action ? array( 'reason' => 'Load test.' ) : array() );
				$kinds[]    = array( $action, $proposal_id );
			}
			foreach ( Http::parallel( $requests, 30.0 ) as $i => $result ) {
				list( $kind, $proposal_id ) = $kinds[ $i ];
				$statuses[]                 = $result['status'];
				$latency[ $kind ][]         = $result['seconds'];
				$this->assertLessThan( 500, $result['status'], "round {$round} {$kind}: " . wp_json_encode( $result['body'] ) );
				$this->assertNotSame( 0, $result['status'], "round {$round} {$kind}: no answer within 30 s (deadlock?)" );
				if ( 'submit' === $kind ) {
					$this->assertSame( 201, $result['status'], "round {$round}: " . wp_json_encode( $result['body'] ) );
					$submitted[] = (int) $result['body']['id'];
					$waiting[]   = (int) $result['body']['id'];
				} elseif ( 200 === $result['status'] ) {
					$decided[ $kind ][] = $proposal_id;
				} else {
					// An approval may meet a newer applied excerpt on the same post: that is a conflict, recorded.
					$this->assertSame( array( 'approve', 409, 'countersign_conflict' ), array( $kind, $result['status'], $result['body']['code'] ?? '' ), "round {$round}: " . wp_json_encode( $result['body'] ) );
					$decided['conflict'][] = $proposal_id;
				}
			}
		}

		$this->assertCount( self::AGENTS * self::PROPOSALS, $submitted );
		$this->assertCount( count( $submitted ), array_unique( $submitted ) );
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$ids   = implode( ',', array_map( 'intval', $submitted ) );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- integers only.
		$rows    = $wpdb->get_results( "SELECT action, COUNT(*) AS n, COUNT(DISTINCT proposal_id) AS d FROM {$table} WHERE proposal_id IN ({$ids}) GROUP BY action", OBJECT_K );
		$stored  = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = %s AND ID IN ({$ids})", 'countersign_proposal' ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$summary = array_map( fn( object $row ): int => (int) $row->n, $rows );
		$this->assertSame( count( $submitted ), $stored, 'stored proposals' );
		$this->assertSame( count( $submitted ), $summary['proposal.submitted'] ?? 0, 'proposal.submitted audit rows' );
		$this->assertSame( count( $submitted ), (int) $rows['proposal.submitted']->d );
		$this->assertSame( count( $decided['approve'] ), $summary['proposal.approved'] ?? 0, 'proposal.approved audit rows' );
		$this->assertSame( count( $decided['reject'] ), $summary['proposal.rejected'] ?? 0, 'proposal.rejected audit rows' );
		$this->assertSame( count( $decided['conflict'] ), $summary['proposal.conflict'] ?? 0, 'proposal.conflict audit rows' );
		$this->assertGreaterThan( 0, count( $decided['approve'] ) );
		$this->assertGreaterThan( 0, count( $decided['reject'] ) );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );

		$report = array();
		foreach ( $latency as $kind => $seconds ) {
			sort( $seconds );
			$report[ $kind ] = array(
				'requests' => count( $seconds ),
				'p50_ms'   => round( 1000 * $seconds[ (int) floor( 0.50 * ( count( $seconds ) - 1 ) ) ], 1 ),
				'p95_ms'   => round( 1000 * $seconds[ (int) floor( 0.95 * ( count( $seconds ) - 1 ) ) ], 1 ),
				'max_ms'   => round( 1000 * end( $seconds ), 1 ),
			);
		}
		$report['servers']  = Http::servers();
		$report['statuses'] = array_count_values( $statuses );
		$artifacts          = dirname( __DIR__, 3 ) . '/artifacts';
		wp_mkdir_p( $artifacts );
		file_put_contents( $artifacts . '/load.json', (string) wp_json_encode( $report, JSON_PRETTY_PRINT ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
		fwrite( STDOUT, "\nLoad: " . wp_json_encode( $report ) . "\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fwrite
	}
}
