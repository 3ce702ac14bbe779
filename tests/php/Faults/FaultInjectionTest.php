<?php
/**
 * Faults in the middle of an apply: the database dies, the backup cannot be written, the web server dies.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Faults;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Each fault strikes while an approval has written the post inside its transaction but not committed. Afterwards:
 * the post is untouched, the proposal is pending or failed and a reviewer can approve it again, no backup or
 * approval was half-recorded, and the audit chain verifies.
 */
final class FaultInjectionTest extends TestCase {

	private const OPTION = 'countersign_test_fault';

	/**
	 * Where the armed apply drops its flag.
	 *
	 * @var string
	 */
	private string $flag = '';

	/**
	 * Installs the fault-injection mu-plugin on the test site.
	 */
	protected function setUp(): void {
		parent::setUp();
		wp_mkdir_p( WPMU_PLUGIN_DIR );
		copy( dirname( __DIR__ ) . '/fixtures/fault-injection.php', WPMU_PLUGIN_DIR . '/countersign-fault-injection.php' );
		$this->flag = get_temp_dir() . 'countersign-fault-' . wp_generate_password( 8, false );
	}

	/**
	 * Removes it.
	 */
	protected function tearDown(): void {
		delete_option( self::OPTION );
		wp_delete_file( WPMU_PLUGIN_DIR . '/countersign-fault-injection.php' );
		wp_delete_file( $this->flag );
		parent::tearDown();
	}

	/**
	 * MariaDB is killed (SIGKILL) while the approval's transaction is open, and restarted: InnoDB rolls the
	 * transaction back, and the request cannot carry on over a silent reconnect.
	 */
	public function test_database_killed_mid_apply(): void {
		list( $post_id, $proposal_id, $reviewer ) = $this->staged();

		$this->strike(
			$reviewer,
			$proposal_id,
			function (): void {
				$site = dirname( (string) getenv( 'COUNTERSIGN_WP_DIR' ) );
				$pid  = (int) file_get_contents( $site . '/mysqld.pid' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
				$this->assertGreaterThan( 1, $pid );
				posix_kill( $pid, SIGKILL );
				for ( $i = 0; $i < 100 && posix_kill( $pid, 0 ); $i++ ) {
					usleep( 100000 );
				}
				$this->run_command( array( 'bash', dirname( __DIR__, 3 ) . '/bin/site.sh', 'db', basename( $site ) ) );
			}
		);

		$this->assertNothingHalfDone( $post_id, $proposal_id );
		$this->assertRetryApplies( $post_id, $proposal_id );
	}

	/**
	 * The PHP worker serving the approval is killed mid-request: the database sees the connection drop and
	 * rolls back.
	 */
	public function test_web_server_killed_mid_apply(): void {
		list( $post_id, $proposal_id, $reviewer ) = $this->staged();

		$this->strike(
			$reviewer,
			$proposal_id,
			function (): void {
				$worker = (int) file_get_contents( $this->flag ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
				$this->assertGreaterThan( 1, $worker );
				posix_kill( $worker, SIGKILL );
			}
		);

		$this->assertNothingHalfDone( $post_id, $proposal_id );
		$this->assertRetryApplies( $post_id, $proposal_id );
	}

	/**
	 * The backup cannot be written: the apply stops before touching the post, the proposal is failed with the
	 * reason, and it can be retried once the database accepts backups again.
	 */
	public function test_backup_insert_fails(): void {
		global $wpdb;
		list( $post_id, $proposal_id ) = $this->staged();
		$editor                        = $this->user( 'editor' );
		$table                         = $wpdb->prefix . 'countersign_backups';
		$break                         = static fn( string $sql ): string => str_starts_with( ltrim( $sql ), "INSERT INTO `{$table}`" ) ? 'INSERT INTO countersign_no_such_table VALUES (1)' : $sql;
		add_filter( 'query', $break );
		$suppress = $wpdb->suppress_errors( true );

		$response = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal_id}/approve" );

		$wpdb->suppress_errors( $suppress );
		remove_filter( 'query', $break );
		$this->assertError( $response, 'countersign_apply_failed', 409 );
		$this->assertSame( 'failed', $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$proposal_id}" )->get_data()['status'] );
		$this->assertStringContainsString( 'backup', strtolower( (string) $this->plugin()->proposals->find( $proposal_id )?->decision['reason'] ) );
		$this->assertNothingHalfDone( $post_id, $proposal_id );
		$this->assertRetryApplies( $post_id, $proposal_id );
	}

	/**
	 * A post, an agent's pending proposal on it, and a reviewer's Basic credentials.
	 *
	 * @return array{0: int, 1: int, 2: string}
	 */
	private function staged(): array {
		$agent    = (int) $this->agent()['id'];
		$post_id  = $this->post();
		$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Applied by the agent' ) ) )->get_data();
		return array( $post_id, (int) $proposal['id'], $this->credentials( $this->user( 'editor' ) ) );
	}

	/**
	 * Arms the fault, starts an approval over HTTP in the background, waits until it is inside its transaction
	 * with the post written, runs $fault, then waits for the request to end. Returns its HTTP status (0 when the
	 * connection died).
	 *
	 * @param string   $reviewer    Basic credentials.
	 * @param int      $proposal_id Proposal.
	 * @param callable $fault       The strike.
	 */
	private function strike( string $reviewer, int $proposal_id, callable $fault ): int {
		update_option( self::OPTION, (string) wp_json_encode( array( 'flag' => $this->flag, 'sleep' => 6 ) ), false );
		$url     = Http::servers()[ count( Http::servers() ) - 1 ];
		$command = array( 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '-m', '60', '-u', $reviewer, '-X', 'POST', $url . "/wp-json/countersign/v1/proposals/{$proposal_id}/approve" );
		$process = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );
		for ( $i = 0; $i < 300 && ! file_exists( $this->flag ); $i++ ) {
			usleep( 100000 );
		}
		$this->assertFileExists( $this->flag, 'the approval never reached the point of the fault' );
		$fault();
		$status = (int) stream_get_contents( $pipes[1] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		proc_close( $process );
		delete_option( self::OPTION );
		$this->assertNotSame( 200, $status, 'the approval claimed success although its transaction died' );
		return $status;
	}

	/**
	 * Post untouched, proposal pending or failed, no backup or approval recorded, chain intact.
	 *
	 * @param int $post_id     Post.
	 * @param int $proposal_id Proposal.
	 */
	private function assertNothingHalfDone( int $post_id, int $proposal_id ): void {
		global $wpdb;
		wp_cache_flush();
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
		$this->assertContains( $this->plugin()->proposals->find( $proposal_id )?->state, array( 'cs_pending', 'cs_failed' ) );
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}countersign_backups WHERE proposal_id = %d", $proposal_id ) ) );
		$this->assertCount( 0, $this->plugin()->audit_query->find( array( 'proposal' => $proposal_id, 'action' => 'proposal.approved' ) )['rows'] );
		$verify = $this->plugin()->audit_verifier->verify();
		$this->assertTrue( $verify['ok'], (string) wp_json_encode( $verify ) );
	}

	/**
	 * A reviewer approves again and it applies, once.
	 *
	 * @param int $post_id     Post.
	 * @param int $proposal_id Proposal.
	 */
	private function assertRetryApplies( int $post_id, int $proposal_id ): void {
		$response = $this->rest( $this->user( 'editor' ), 'POST', "/countersign/v1/proposals/{$proposal_id}/approve" );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		clean_post_cache( $post_id );
		$this->assertSame( 'Applied by the agent', get_post( $post_id )->post_title );
	}

	/**
	 * Runs a command and fails the test if it fails.
	 *
	 * @param list<string> $command Command and arguments.
	 */
	private function run_command( array $command ): void {
		$process = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );
		$output = stream_get_contents( $pipes[1] ) . stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$this->assertSame( 0, proc_close( $process ), (string) $output );
	}
}
