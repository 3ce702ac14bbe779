<?php
/**
 * Races over real HTTP against the test site's PHP workers.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Concurrency;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Each race is fired with curl_multi at the running test site's web servers (`npm test` runs two PHP servers, each
 * with several workers, on one MariaDB) and repeated 20 times, so an ordering that slips through once is caught.
 *
 * @group topology
 * @group replicas
 */
final class RacesTest extends TestCase {

	private const ROUNDS = 20;

	/**
	 * Which web server answered each request of this test.
	 *
	 * @var list<string>
	 */
	private array $servers = array();

	/**
	 * POSTs at once, spread over the site's web servers; returns [status, decoded body] per request, in order.
	 *
	 * @param list<array{0: string, 1: string, 2: array<string, mixed>}> $requests [credentials, path, body].
	 * @return list<array{0: int, 1: mixed}>
	 */
	private function parallel( array $requests ): array {
		$results       = Http::parallel( array_map( fn( array $r ): array => array( $r[0], 'POST', $r[1], $r[2] ), $requests ) );
		$this->servers = array_merge( $this->servers, array_column( $results, 'server' ) );
		return array_map( fn( array $r ): array => array( $r['status'], $r['body'] ), $results );
	}

	/**
	 * Every race ran on every web server of the site.
	 */
	protected function assertPostConditions(): void {
		$this->assertSame( Http::servers(), array_values( array_unique( $this->servers ) ), 'the requests did not reach every web server' );
	}

	/**
	 * Eight parallel approvals of one proposal: exactly one applies, seven get 409, one backup, one audit row.
	 */
	public function test_parallel_approvals_apply_exactly_once(): void {
		global $wpdb;
		$agent     = (int) $this->agent()['id'];
		$reviewers = array();
		for ( $i = 0; $i < 8; $i++ ) {
			$reviewers[] = $this->credentials( $this->user( 'editor' ) );
		}
		for ( $round = 0; $round < self::ROUNDS; $round++ ) {
			$post_id  = $this->post();
			$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => "Round {$round}" ) ) )->get_data();
			$results  = $this->parallel( array_map( fn( string $who ) => array( $who, "/countersign/v1/proposals/{$proposal['id']}/approve", array() ), $reviewers ) );

			$statuses = array_count_values( array_map( fn( array $r ) => $r[0], $results ) );
			ksort( $statuses );
			$this->assertSame( array( 200 => 1, 409 => 7 ), $statuses, "round {$round}: " . wp_json_encode( $results ) );
			$this->assertSame( 1, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}countersign_backups WHERE proposal_id = %d", $proposal['id'] ) ) );
			$this->assertCount( 1, $this->plugin()->audit_query->find( array( 'proposal' => (int) $proposal['id'], 'action' => 'proposal.approved' ) )['rows'] );
		}
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * Approve racing reject: exactly one wins, and the post matches the winner.
	 */
	public function test_approve_racing_reject_has_one_winner(): void {
		$agent    = (int) $this->agent()['id'];
		$approver = $this->credentials( $this->user( 'editor' ) );
		$rejecter = $this->credentials( $this->user( 'editor' ) );
		for ( $round = 0; $round < self::ROUNDS; $round++ ) {
			$post_id  = $this->post();
			$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => "Contested {$round}" ) ) )->get_data();
			list( $approve, $reject ) = $this->parallel(
				array(
					array( $approver, "/countersign/v1/proposals/{$proposal['id']}/approve", array() ),
					array( $rejecter, "/countersign/v1/proposals/{$proposal['id']}/reject", array( 'reason' => 'race' ) ),
				)
			);

			$this->assertSame( array( 200, 409 ), array_values( array_intersect( array( 200, 409 ), array( min( $approve[0], $reject[0] ), max( $approve[0], $reject[0] ) ) ) ), "round {$round}" );
			clean_post_cache( $post_id );
			if ( 200 === $approve[0] ) {
				$this->assertSame( "Contested {$round}", get_post( $post_id )->post_title );
				$this->assertSame( 'applied', $approve[1]['status'] );
			} else {
				$this->assertSame( 'Original title', get_post( $post_id )->post_title );
				$this->assertSame( 'rejected', $reject[1]['status'] );
			}
		}
	}

	/**
	 * Approve racing a human's save of another block: the human's words always survive; the agent's change is
	 * merged in or the proposal conflicts, never silently dropped.
	 */
	public function test_approve_racing_a_human_save_never_loses_the_human(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$reviewer = $this->credentials( $editor );
		$human    = $this->credentials( $this->user( 'editor' ) );
		$block    = static fn( string $text ): string => "<!-- wp:paragraph -->\n<p>{$text}</p>\n<!-- /wp:paragraph -->";
		for ( $round = 0; $round < self::ROUNDS; $round++ ) {
			$post_id  = $this->post( array( 'post_content' => $block( 'Alpha' ) . "\n\n" . $block( 'Beta' ) ) );
			$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'content' => $block( "Alpha by the agent {$round}" ) . "\n\n" . $block( 'Beta' ) ) ) )->get_data();
			list( $approve, $save ) = $this->parallel(
				array(
					array( $reviewer, "/countersign/v1/proposals/{$proposal['id']}/approve", array() ),
					array( $human, "/wp/v2/posts/{$post_id}", array( 'content' => $block( 'Alpha' ) . "\n\n" . $block( "Beta by a human {$round}" ) ) ),
				)
			);

			$this->assertSame( 200, $save[0], "round {$round}: " . wp_json_encode( $save[1] ) );
			clean_post_cache( $post_id );
			$content = get_post( $post_id )->post_content;
			$this->assertStringContainsString( "Beta by a human {$round}", $content, "round {$round}: the human's save was lost" );
			$this->assertContains( $approve[0], array( 200, 409 ), "round {$round}: " . wp_json_encode( $approve[1] ) );
			$status = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$proposal['id']}" )->get_data()['status'];
			$this->assertContains( $status, array( 'applied', 'conflict' ), "round {$round}" );
		}
	}
}
