<?php
/**
 * Countersign behind a database drop-in that sends reads to a lagging replica (HyperDB).
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Topology;

use Countersign\Audit\AuditLog;
use Countersign\Support\Database;
use Countersign\Support\PrimaryReads;
use Countersign\Tests\Browser;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;
use mysqli;

/**
 * Issue 19's table, over real HTTP against both web servers. `npm test` runs it in the main PHPUnit suite (one
 * database, no drop-in), and the replicas suite runs it again (with the races, tokens and limits tests) with HyperDB
 * as the site's drop-in: writes to the site's MariaDB, reads to a read-only replica the suite started, first with no
 * delay, then `MASTER_DELAY` 2 seconds (COUNTERSIGN_TEST_REPLICA_LAG).
 *
 * This process is the observer: it reads the primary (the bootstrap sends its reads there), so what it checks is
 * what is true, whatever a replica says.
 *
 * @group topology
 * @group replicas
 */
final class ReplicasTest extends TestCase {

	/**
	 * The lag the suite asked for, or null when it runs without a replica.
	 */
	private static function lag(): ?int {
		$lag = getenv( 'COUNTERSIGN_TEST_REPLICA_LAG' );
		return false === $lag || '' === $lag ? null : (int) $lag;
	}

	/**
	 * The suite really runs behind HyperDB with the replica as far behind as it asked, or really without.
	 */
	public function test_the_database_topology_is_the_one_the_suite_asked_for(): void {
		global $wpdb;
		$lag = self::lag();
		$this->assertSame( null !== $lag, Database::has_replicas( $wpdb ) );
		if ( null === $lag ) {
			return;
		}
		$this->assertSame( 'hyperdb', get_class( $wpdb ) );
		$status = $this->on_replica( 'SHOW SLAVE STATUS' );
		$this->assertSame( array( 'Yes', 'Yes', (string) $lag ), array( $status['Slave_IO_Running'], $status['Slave_SQL_Running'], (string) $status['SQL_Delay'] ) );

		// Ordinary reads really go to the replica: a post published a moment ago is not there yet when it lags.
		$post_id = $this->post( array( 'post_status' => 'publish' ) );
		$read    = Http::one( '', 'GET', "/wp/v2/posts/{$post_id}" );
		$this->assertSame( $lag > 0 ? 404 : 200, $lag > 0 ? $read['status'] : $this->eventually( fn(): int => Http::one( '', 'GET', "/wp/v2/posts/{$post_id}" )['status'], 200 ) );
	}

	/**
	 * A burst of activity over both servers (proposals, reads, approvals, rejections, refusals at once): the audit
	 * chain verifies, and no row but the log's first chains onto genesis.
	 */
	public function test_the_audit_chain_holds_after_a_burst(): void {
		global $wpdb;
		$agent    = $this->agent( array( 'preset' => 'content_manager' ) );
		$login    = $agent['user_login'] . ':' . $agent['application_password'];
		$reviewer = $this->credentials( $this->user( 'editor' ) );
		$rounds   = array_map( fn(): array => array_map( fn(): int => $this->post(), range( 1, 6 ) ), range( 0, 2 ) );
		$this->settled();
		$first = (int) $wpdb->get_var( "SELECT MIN(id) FROM {$wpdb->countersign_audit}" );
		foreach ( $rounds as $round => $posts ) {
			$proposed = Http::parallel(
				array_merge(
					array_map(
						fn( int $post ): array => array(
							$login,
							'POST',
							'/countersign/v1/proposals',
							array(
								'post'      => $post,
								'changes'   => array( 'title' => "Burst {$round}" ),
								'rationale' => 'Burst.',
							),
						),
						$posts
					),
					array_fill( 0, 6, array( $login, 'GET', '/countersign/v1/me' ) ),
					array_fill(
						0,
						2,
						array(
							$login,
							'POST',
							'/countersign/v1/proposals',
							array(
								'post'    => -1,
								'changes' => array( 'title' => 'x' ),
							),
						)
					)
				)
			);
			$ids      = array_column( array_column( array_slice( $proposed, 0, 6 ), 'body' ), 'id' );
			$this->assertCount( 6, $ids, (string) wp_json_encode( array_column( array_column( $proposed, 'body' ), 'code' ) ) );
			Http::parallel(
				array_map(
					fn( int $i, int $id ): array => array( $reviewer, 'POST', "/countersign/v1/proposals/{$id}/" . ( 0 === $i % 2 ? 'approve' : 'reject' ), 0 === $i % 2 ? array() : array( 'reason' => 'No.' ) ),
					array_keys( $ids ),
					$ids
				)
			);
		}
		$verified = $this->plugin()->audit_verifier->verify();
		$this->assertTrue( $verified['ok'], (string) wp_json_encode( $verified ) );
		$this->assertNull( $verified['fork'] );
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->countersign_audit} WHERE prev_hash = %s AND id > %d", AuditLog::GENESIS, $first ) ) );
	}

	/**
	 * An agent proposes, and reviewers on both servers approve it the moment it is stored, five times: it is found
	 * (never a 404 from a replica that has not seen it) and applied exactly once.
	 */
	public function test_propose_then_approve_at_once(): void {
		$agent     = $this->agent();
		$login     = $agent['user_login'] . ':' . $agent['application_password'];
		$reviewers = array( $this->credentials( $this->user( 'editor' ) ), $this->credentials( $this->user( 'editor' ) ) );
		$posts     = array_map( fn(): int => $this->post(), range( 0, 4 ) );
		$this->settled();
		foreach ( $posts as $round => $post_id ) {
			$proposed = Http::send(
				$round,
				$login,
				'POST',
				'/countersign/v1/proposals',
				array(
					'post'      => $post_id,
					'changes'   => array( 'title' => "At once {$round}" ),
					'rationale' => 'Now.',
				)
			);
			$this->assertSame( 201, $proposed['status'], (string) wp_json_encode( $proposed['body'] ) );
			$results = Http::parallel( array_map( fn( string $who ): array => array( $who, 'POST', "/countersign/v1/proposals/{$proposed['body']['id']}/approve", array() ), $reviewers ), 60.0, $round + 1 );
			$counts  = array_count_values( array_column( $results, 'status' ) );
			ksort( $counts );
			$this->assertSame(
				array(
					200 => 1,
					409 => 1,
				),
				$counts,
				"round {$round}: " . wp_json_encode( array_column( $results, 'body' ) )
			);
			clean_post_cache( $post_id );
			$this->assertSame( "At once {$round}", get_post( $post_id )->post_title );
		}
	}

	/**
	 * The kill switch turned on through one server stops the agent's very next request on the other, a read and a
	 * proposal alike; turned off, the next request passes.
	 */
	public function test_the_kill_switch_holds_at_once(): void {
		$admin   = $this->credentials( $this->user( 'administrator' ) );
		$agent   = $this->agent();
		$login   = $agent['user_login'] . ':' . $agent['application_password'];
		$post_id = $this->post();
		$this->settled();
		for ( $round = 0; $round < 3; $round++ ) {
			$this->assertSame( 200, Http::send( $round, $admin, 'PUT', '/countersign/v1/settings', array( 'kill_switch' => true ) )['status'] );
			$me       = Http::send( $round + 1, $login, 'GET', '/countersign/v1/me' );
			$proposal = Http::send(
				$round + 1,
				$login,
				'POST',
				'/countersign/v1/proposals',
				array(
					'post'      => $post_id,
					'changes'   => array( 'title' => 'Stopped?' ),
					'rationale' => 'Try.',
				)
			);
			$this->assertSame( array( 503, 503 ), array( $me['status'], $proposal['status'] ), "round {$round}" );
			$this->assertSame( 'countersign_kill_switch', $proposal['body']['code'] ?? null );
			$this->assertSame( 200, Http::send( $round, $admin, 'PUT', '/countersign/v1/settings', array( 'kill_switch' => false ) )['status'] );
			$this->assertSame( 200, Http::send( $round + 1, $login, 'GET', '/countersign/v1/me' )['status'], "round {$round}" );
		}
	}

	/**
	 * A confirmation token issued through one server is used at once, twice at the same time over both servers:
	 * exactly one use is accepted (never none, from a replica that has not seen the token yet).
	 */
	public function test_a_token_is_used_at_once(): void {
		$agent = $this->agent();
		$login = $agent['user_login'] . ':' . $agent['application_password'];
		$posts = array_map( fn(): int => $this->post(), range( 0, 2 ) );
		$this->settled();
		foreach ( $posts as $round => $post_id ) {
			$changes = array( 'status' => 'publish' );
			$token   = Http::send(
				$round,
				$login,
				'POST',
				'/countersign/v1/intents',
				array(
					'post'    => $post_id,
					'changes' => $changes,
				)
			);
			$this->assertSame( 201, $token['status'], (string) wp_json_encode( $token['body'] ) );
			$body = array(
				'post'          => $post_id,
				'changes'       => $changes,
				'rationale'     => 'Confirmed.',
				'confirm_token' => $token['body']['token'],
			);
			$uses = Http::parallel( array_fill( 0, 2, array( $login, 'POST', '/countersign/v1/proposals', $body ) ), 60.0, $round + 1 );
			$this->assertSame( array( 201, 403 ), array( min( array_column( $uses, 'status' ) ), max( array_column( $uses, 'status' ) ) ), "round {$round}: " . wp_json_encode( array_column( $uses, 'body' ) ) );
			$this->assertContains( 'countersign_invalid_token', array_map( fn( array $use ): ?string => $use['body']['code'] ?? null, $uses ), "round {$round}" );
		}
	}

	/**
	 * A reviewer signed in with a browser's cookies approves, then reads the proposal and the queue at once, three
	 * times: the answer to the approval is the approved proposal, and the reads say approved, never pending, because
	 * the approval marked the browser to read the primary for a while. Without that mark, a lagging replica still
	 * does not have the approval.
	 */
	public function test_the_reviewer_who_decided_reads_the_decision(): void {
		$agent    = $this->agent();
		$login    = $agent['user_login'] . ':' . $agent['application_password'];
		$reviewer = $this->user( 'editor' );
		wp_set_password( 'reviewer-password', $reviewer );
		$browser = new Browser();
		$posts   = array_map( fn(): int => $this->post(), range( 0, 2 ) );
		$this->settled();
		$this->assertTrue( $browser->log_in( get_userdata( $reviewer )->user_login, 'reviewer-password' ) );
		// A session started a moment ago reaches a lagging replica later: the reviewer has been signed in a while.
		$this->assertTrue( $this->eventually( fn(): bool => $browser->nonce(), true ) );

		foreach ( $posts as $round => $post_id ) {
			$proposed = Http::send(
				$round,
				$login,
				'POST',
				'/countersign/v1/proposals',
				array(
					'post'      => $post_id,
					'changes'   => array( 'title' => "Seen {$round}" ),
					'rationale' => 'Read.',
				)
			);
			$id       = (int) $proposed['body']['id'];
			$approved = $browser->request( $round + 1, 'POST', "/countersign/v1/proposals/{$id}/approve", array() );
			$this->assertSame( array( 200, 'applied' ), array( $approved['status'], $approved['body']['status'] ?? null ), (string) wp_json_encode( $approved['body'] ) );
			$this->assertSame( null !== self::lag(), $browser->has( PrimaryReads::COOKIE ), 'the approval marks the browser only behind replicas' );

			$read  = $browser->request( $round, 'GET', "/countersign/v1/proposals/{$id}" );
			$queue = $browser->request( $round + 1, 'GET', '/countersign/v1/proposals?status=pending&per_page=100' );
			$this->assertSame( array( 200, 'applied' ), array( $read['status'], $read['body']['status'] ?? null ), "round {$round}" );
			$this->assertNotContains( $id, array_column( (array) $queue['body'], 'id' ), "round {$round}" );
			if ( (int) self::lag() > 0 ) {
				$unmarked = $browser->request( $round, 'GET', "/countersign/v1/proposals/{$id}", null, array( PrimaryReads::COOKIE ) );
				$this->assertNotSame( 'applied', $unmarked['body']['status'] ?? null, 'without the mark the lagging replica answered: the check above proves something' );
			}
		}
	}

	/**
	 * Polls $probe until it returns $want (at most 15 s: a replica 2 s behind catches up well before), then returns
	 * the last answer.
	 *
	 * @param callable():mixed $probe Probe.
	 * @param mixed            $want  Wanted answer.
	 */
	private function eventually( callable $probe, mixed $want ): mixed {
		$deadline = microtime( true ) + 15;
		do {
			$got = $probe();
			if ( $got === $want ) {
				return $got;
			}
			usleep( 200000 );
		} while ( microtime( true ) < $deadline );
		return $got;
	}

	/**
	 * Waits until the replica has everything written so far (the people and agents a test just made: on a real site
	 * they exist long before they act), so each check measures the request under test, not its fixture's lag.
	 */
	private function settled(): void {
		if ( null === self::lag() ) {
			return;
		}
		global $wpdb;
		$sql    = "SELECT CONCAT( ( SELECT MAX(umeta_id) FROM {$wpdb->usermeta} ), '/', ( SELECT MAX(meta_id) FROM {$wpdb->postmeta} ), '/', ( SELECT MAX(ID) FROM {$wpdb->posts} ) ) AS n";
		$newest = (string) $wpdb->get_var( $sql ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- no input.
		$this->assertSame( $newest, $this->eventually( fn(): string => (string) $this->on_replica( $sql )['n'], $newest ), 'the replica did not catch up' );
	}

	/**
	 * One row from the replica, as root over its socket (beside the test site's database).
	 *
	 * @param string $sql Query.
	 * @return array<string, mixed>
	 */
	private function on_replica( string $sql ): array {
		static $replica = null;
		if ( ! $replica instanceof mysqli ) {
			$socket  = dirname( (string) ( getenv( 'COUNTERSIGN_WP_DIR' ) ? getenv( 'COUNTERSIGN_WP_DIR' ) : ABSPATH ) ) . '/replica/mysqld.sock';
			$replica = new mysqli( 'localhost', 'root', '', DB_NAME, 0, $socket );
		}
		$result = $replica->query( $sql );
		$this->assertInstanceOf( \mysqli_result::class, $result, "the replica refused {$sql}: {$replica->error}" );
		return (array) $result->fetch_assoc();
	}
}
