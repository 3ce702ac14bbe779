<?php
/**
 * Races over real HTTP against the test site's PHP workers.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Concurrency;

use Countersign\Tests\TestCase;
use WP_Application_Passwords;

/**
 * Each race is fired with curl_multi at the running test site (several PHP workers, one database) and repeated
 * 20 times, so an ordering that slips through once is caught.
 */
final class RacesTest extends TestCase {

	private const ROUNDS = 20;

	/**
	 * The test site's URL.
	 */
	private function url(): string {
		return rtrim( (string) ( getenv( 'COUNTERSIGN_TEST_URL' ) ? getenv( 'COUNTERSIGN_TEST_URL' ) : 'http://localhost:8889' ), '/' );
	}

	/**
	 * Basic credentials for a user, with a fresh Application Password.
	 *
	 * @param int $user_id User.
	 */
	private function credentials( int $user_id ): string {
		$created = WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'race ' . wp_generate_password( 6, false ) ) );
		$this->assertIsArray( $created );
		return get_userdata( $user_id )->user_login . ':' . $created[0];
	}

	/**
	 * Sends requests at once; returns [status, decoded body] per request, in order.
	 *
	 * @param list<array{0: string, 1: string, 2: array<string, mixed>}> $requests [credentials, path, body].
	 * @return list<array{0: int, 1: mixed}>
	 */
	private function parallel( array $requests ): array {
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( $requests as list( $credentials, $path, $body ) ) {
			$handle = curl_init( $this->url() . '/wp-json' . $path );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_POST           => true,
					CURLOPT_POSTFIELDS     => (string) wp_json_encode( (object) $body ),
					CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json' ),
					CURLOPT_USERPWD        => $credentials,
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_TIMEOUT        => 60,
				)
			);
			curl_multi_add_handle( $multi, $handle );
			$handles[] = $handle;
		}
		do {
			$status = curl_multi_exec( $multi, $running );
			if ( $running ) {
				curl_multi_select( $multi, 1.0 );
			}
		} while ( $running && CURLM_OK === $status );
		$results = array();
		foreach ( $handles as $handle ) {
			$results[] = array( (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ), json_decode( (string) curl_multi_getcontent( $handle ), true ) );
			curl_multi_remove_handle( $multi, $handle );
		}
		curl_multi_close( $multi );
		return $results;
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
