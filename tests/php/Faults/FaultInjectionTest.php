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
 * Each fault strikes while an approval or a restore has written the post inside its transaction but not committed,
 * on the site's last web server. Every read after it goes through the other server, without flushing any cache (with
 * a persistent object cache, what one server cached every server serves): while the transaction is open the post is
 * unchanged there (core REST, the front end, the proposal's `fields.current`); after the fault the post is
 * untouched, the proposal is pending or failed, no backup or approval was half-recorded, the audit chain verifies,
 * and a reject, a person's partial save or a retry then behaves as if the fault never happened.
 *
 * @group topology
 */
final class FaultInjectionTest extends TestCase {

	private const OPTION = 'countersign_test_fault';

	private const ORIGINAL = 'Original title';
	private const PROPOSED = 'Applied by the agent';

	/**
	 * Where the armed apply drops its flag.
	 *
	 * @var string
	 */
	private string $flag = '';

	/**
	 * A reviewer's Basic credentials for HTTP.
	 *
	 * @var string
	 */
	private string $reviewer = '';

	/**
	 * Installs the fault-injection mu-plugin on the test site.
	 */
	protected function setUp(): void {
		parent::setUp();
		wp_mkdir_p( WPMU_PLUGIN_DIR );
		copy( dirname( __DIR__ ) . '/fixtures/fault-injection.php', WPMU_PLUGIN_DIR . '/countersign-fault-injection.php' );
		$this->flag     = get_temp_dir() . 'countersign-fault-' . wp_generate_password( 8, false );
		$this->reviewer = $this->credentials( $this->user( 'editor' ) );
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
	 * MariaDB is killed (SIGKILL) mid-approval and restarted: InnoDB rolls the transaction back, the request cannot
	 * carry on over a silent reconnect, and rejecting the proposal afterwards leaves the post as it was.
	 */
	public function test_database_killed_mid_apply(): void {
		list( $post_id, $proposal_id ) = $this->staged();

		$this->strike( $post_id, self::ORIGINAL, "/countersign/v1/proposals/{$proposal_id}/approve", fn() => $this->kill_database() );

		$this->assertNothingHalfDone( $post_id, $proposal_id );
		$reject = Http::send( 0, $this->reviewer, 'POST', "/countersign/v1/proposals/{$proposal_id}/reject", array( 'reason' => 'Not now.' ) );
		$this->assertSame( 200, $reject['status'], (string) wp_json_encode( $reject['body'] ) );
		$this->assertServed( $post_id, self::ORIGINAL );
	}

	/**
	 * The PHP worker serving the approval is killed mid-request: the database sees the connection drop and rolls
	 * back. A person then saving only the body on the other server keeps the original title; a retry applies once.
	 */
	public function test_web_server_killed_mid_apply(): void {
		list( $post_id, $proposal_id ) = $this->staged();

		$this->strike( $post_id, self::ORIGINAL, "/countersign/v1/proposals/{$proposal_id}/approve", fn() => $this->kill_worker() );

		$this->assertNothingHalfDone( $post_id, $proposal_id );
		$save = Http::send( 0, $this->reviewer, 'POST', "/wp/v2/posts/{$post_id}", array( 'content' => 'A person edited the body.' ) );
		$this->assertSame( 200, $save['status'], (string) wp_json_encode( $save['body'] ) );
		$this->assertSame( array( self::ORIGINAL, 'A person edited the body.' ), $this->stored( $post_id ) );
		$this->assertCount( 0, $this->plugin()->audit_query->find( array( 'proposal' => $proposal_id, 'action' => 'proposal.approved' ) )['rows'] );

		$retry = Http::send( 0, $this->reviewer, 'POST', "/countersign/v1/proposals/{$proposal_id}/approve" );
		$this->assertSame( 200, $retry['status'], (string) wp_json_encode( $retry['body'] ) );
		$this->assertServed( $post_id, self::PROPOSED );
	}

	/**
	 * The worker is killed mid-restore: the post keeps its applied state everywhere, and the restore can be retried.
	 */
	public function test_web_server_killed_mid_restore(): void {
		list( $post_id, $backup_id ) = $this->applied();

		$this->strike( $post_id, self::PROPOSED, "/countersign/v1/backups/{$backup_id}/restore", fn() => $this->kill_worker() );

		$this->assertServed( $post_id, self::PROPOSED );
		$retry = Http::send( 0, $this->reviewer, 'POST', "/countersign/v1/backups/{$backup_id}/restore" );
		$this->assertSame( 200, $retry['status'], (string) wp_json_encode( $retry['body'] ) );
		$this->assertServed( $post_id, self::ORIGINAL );
	}

	/**
	 * MariaDB is killed mid-restore: the post keeps its applied state everywhere.
	 */
	public function test_database_killed_mid_restore(): void {
		list( $post_id, $backup_id ) = $this->applied();

		$this->strike( $post_id, self::PROPOSED, "/countersign/v1/backups/{$backup_id}/restore", fn() => $this->kill_database() );

		$this->assertServed( $post_id, self::PROPOSED );
		$this->assertSame( 1, (int) $this->count_backups( $post_id ) );
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
		$retry = Http::send( 0, $this->reviewer, 'POST', "/countersign/v1/proposals/{$proposal_id}/approve" );
		$this->assertSame( 200, $retry['status'], (string) wp_json_encode( $retry['body'] ) );
		$this->assertServed( $post_id, self::PROPOSED );
	}

	/**
	 * A published post and an agent's pending proposal of a new title for it.
	 *
	 * @return array{0: int, 1: int}
	 */
	private function staged(): array {
		$agent    = (int) $this->agent()['id'];
		$post_id  = $this->post( array( 'post_status' => 'publish' ) );
		$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => self::PROPOSED ) ) )->get_data();
		$this->assertServed( $post_id, self::ORIGINAL );
		return array( $post_id, (int) $proposal['id'] );
	}

	/**
	 * The same, approved: the post and the backup taken before the apply.
	 *
	 * @return array{0: int, 1: int}
	 */
	private function applied(): array {
		list( $post_id, $proposal_id ) = $this->staged();
		$approved                      = Http::send( 0, $this->reviewer, 'POST', "/countersign/v1/proposals/{$proposal_id}/approve" );
		$this->assertSame( 200, $approved['status'], (string) wp_json_encode( $approved['body'] ) );
		$this->assertServed( $post_id, self::PROPOSED );
		return array( $post_id, (int) $approved['body']['backup_id'] );
	}

	/**
	 * Arms the fault, starts the decision over HTTP on the last web server in the background, waits until it is
	 * inside its transaction with the post written, checks the other server still serves $before, runs $fault,
	 * then waits for the request to end, which must not claim success.
	 *
	 * @param int      $post_id Post.
	 * @param string   $before  Its title before the decision.
	 * @param string   $path    The decision's route.
	 * @param callable $fault   The strike.
	 */
	private function strike( int $post_id, string $before, string $path, callable $fault ): void {
		update_option( self::OPTION, (string) wp_json_encode( array( 'flag' => $this->flag, 'sleep' => 6 ) ), false );
		$url     = Http::servers()[ count( Http::servers() ) - 1 ];
		$command = array( 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '-m', '60', '-u', $this->reviewer, '-X', 'POST', $url . '/wp-json' . $path );
		$process = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$this->assertIsResource( $process );
		for ( $i = 0; $i < 300 && ! file_exists( $this->flag ); $i++ ) {
			usleep( 100000 );
		}
		$this->assertFileExists( $this->flag, 'the decision never reached the point of the fault' );
		// The write is done but not committed: no other server may serve it.
		$this->assertServed( $post_id, $before );
		$fault();
		$status = (int) stream_get_contents( $pipes[1] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		proc_close( $process );
		delete_option( self::OPTION );
		$this->assertNotSame( 200, $status, 'the decision claimed success although its transaction died' );
	}

	/**
	 * Kills MariaDB and starts it again.
	 */
	private function kill_database(): void {
		$site = dirname( (string) getenv( 'COUNTERSIGN_WP_DIR' ) );
		$pid  = (int) file_get_contents( $site . '/mysqld.pid' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		$this->assertGreaterThan( 1, $pid );
		posix_kill( $pid, SIGKILL );
		for ( $i = 0; $i < 100 && posix_kill( $pid, 0 ); $i++ ) {
			usleep( 100000 );
		}
		$this->run_command( array( 'bash', dirname( __DIR__, 3 ) . '/bin/site.sh', 'db', basename( $site ) ) );
	}

	/**
	 * Kills the PHP worker that is inside the transaction, then restarts its web server: PHP's built-in server does
	 * not replace a dead worker, and the suites after this one need every server at full strength.
	 */
	private function kill_worker(): void {
		$worker = (int) file_get_contents( $this->flag ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		$this->assertGreaterThan( 1, $worker );
		posix_kill( $worker, SIGKILL );
		for ( $i = 0; $i < 100 && posix_kill( $worker, 0 ); $i++ ) {
			usleep( 100000 );
		}
		$site = dirname( (string) getenv( 'COUNTERSIGN_WP_DIR' ) );
		$port = (string) wp_parse_url( Http::servers()[ count( Http::servers() ) - 1 ], PHP_URL_PORT );
		$this->run_command( array( 'bash', dirname( __DIR__, 3 ) . '/bin/site.sh', 'restart', basename( $site ), $port ) );
	}

	/**
	 * What the first web server serves for the post, by core's REST API, on the front end and in the proposal
	 * fields of its pending proposals: all must show $title.
	 *
	 * @param int    $post_id Post.
	 * @param string $title   Title.
	 */
	private function assertServed( int $post_id, string $title ): void {
		$rest = Http::send( 0, $this->reviewer, 'GET', "/wp/v2/posts/{$post_id}?context=edit" );
		$this->assertSame( $title, $rest['body']['title']['raw'] ?? null, 'core REST on the other server' );
		$front = wp_remote_get( Http::servers()[0] . '/?p=' . $post_id, array( 'timeout' => 30 ) );
		$this->assertStringContainsString( '<title>' . $title, (string) wp_remote_retrieve_body( $front ), 'the front end on the other server' );
		$pending = Http::send( 0, $this->reviewer, 'GET', '/countersign/v1/proposals?status=pending&post=' . $post_id );
		foreach ( (array) $pending['body'] as $proposal ) {
			$fields = Http::send( 0, $this->reviewer, 'GET', '/countersign/v1/proposals/' . (int) $proposal['id'] )['body']['fields'] ?? array();
			$this->assertSame( $title, $fields['title']['current'] ?? null, 'fields.current on the other server' );
		}
	}

	/**
	 * The post's title and content in the database.
	 *
	 * @param int $post_id Post.
	 * @return array{0: string, 1: string}
	 */
	private function stored( int $post_id ): array {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT post_title, post_content FROM {$wpdb->posts} WHERE ID = %d", $post_id ), ARRAY_A );
		return array( (string) ( $row['post_title'] ?? '' ), (string) ( $row['post_content'] ?? '' ) );
	}

	/**
	 * Backups of a post.
	 *
	 * @param int $post_id Post.
	 */
	private function count_backups( int $post_id ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}countersign_backups WHERE post_id = %d", $post_id ) );
	}

	/**
	 * Post untouched in the database and everywhere it is served, proposal pending or failed, no backup or approval
	 * recorded, chain intact.
	 *
	 * @param int $post_id     Post.
	 * @param int $proposal_id Proposal.
	 */
	private function assertNothingHalfDone( int $post_id, int $proposal_id ): void {
		global $wpdb;
		$this->assertSame( self::ORIGINAL, $this->stored( $post_id )[0] );
		$this->assertServed( $post_id, self::ORIGINAL );
		$state = $wpdb->get_var( $wpdb->prepare( "SELECT post_status FROM {$wpdb->posts} WHERE ID = %d", $proposal_id ) );
		$this->assertContains( $state, array( 'cs_pending', 'cs_failed' ) );
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}countersign_backups WHERE proposal_id = %d", $proposal_id ) ) );
		$this->assertCount( 0, $this->plugin()->audit_query->find( array( 'proposal' => $proposal_id, 'action' => 'proposal.approved' ) )['rows'] );
		$verify = $this->plugin()->audit_verifier->verify();
		$this->assertTrue( $verify['ok'], (string) wp_json_encode( $verify ) );
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
