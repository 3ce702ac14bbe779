<?php
/**
 * `wp countersign …` run for real through WP-CLI against the test site.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Cli;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Each command is a separate `bin/wp` process on the test site's database; its effects are checked in the
 * database and over HTTP with the agent's own credentials.
 */
final class CliTest extends TestCase {

	/**
	 * Runs bin/wp; returns [exit code, stdout, stderr].
	 *
	 * @param string ...$args Arguments after `wp`.
	 * @return array{0: int, 1: string, 2: string}
	 */
	private function wp( string ...$args ): array {
		$command = array_merge( array( 'bash', dirname( __DIR__, 3 ) . '/bin/wp' ), $args );
		$process = proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, array( 'COUNTERSIGN_WP_DIR' => (string) getenv( 'COUNTERSIGN_WP_DIR' ) ) + getenv() );
		$this->assertIsResource( $process );
		$out = (string) stream_get_contents( $pipes[1] );
		$err = (string) stream_get_contents( $pipes[2] );
		fclose( $pipes[1] );
		fclose( $pipes[2] );
		$code = proc_close( $process );
		wp_cache_flush();
		return array( $code, $out, $err );
	}

	/**
	 * Status of GET /countersign/v1/me with Basic credentials, over HTTP.
	 *
	 * @param string $credentials login:password.
	 */
	private function me( string $credentials ): int {
		return Http::parallel( array( array( $credentials, 'GET', '/countersign/v1/me' ) ) )[0]['status'];
	}

	/**
	 * A login of a fresh user with a role.
	 *
	 * @param string $role Role.
	 */
	private function login( string $role ): string {
		return get_userdata( $this->user( $role ) )->user_login;
	}

	/**
	 * Agents: create (password printed once and working), list in three formats, pause/resume, widen the preset
	 * (credentials rotated), revoke.
	 */
	public function test_agent_commands(): void {
		$admin = '--user=' . $this->login( 'administrator' );

		list( $code, $out ) = $this->wp( 'countersign', 'agent', 'create', '--label=CLI bot', '--role=author', '--preset=draft_only', '--format=json', $admin );
		$this->assertSame( 0, $code, $out );
		$agent = json_decode( $out, true );
		$this->assertIsArray( $agent );
		$credentials = $agent['user_login'] . ':' . $agent['application_password'];
		$this->assertSame( 200, $this->me( $credentials ) );

		list( , $json ) = $this->wp( 'countersign', 'agent', 'list', '--format=json', $admin );
		$this->assertContains( $agent['id'], array_column( (array) json_decode( $json, true ), 'id' ) );
		list( , $csv ) = $this->wp( 'countersign', 'agent', 'list', '--format=csv', $admin );
		$this->assertStringStartsWith( 'id,label,user_login,role,preset,status', $csv );
		$this->assertStringContainsString( $agent['id'] . ',"CLI bot",' . $agent['user_login'], $csv );

		list( $code, $out ) = $this->wp( 'countersign', 'agent', 'pause', (string) $agent['id'], $admin );
		$this->assertSame( 0, $code );
		$this->assertStringContainsString( 'CLI bot is paused', $out );
		$this->assertSame( 403, $this->me( $credentials ) );
		$this->wp( 'countersign', 'agent', 'resume', (string) $agent['id'], $admin );
		$this->assertSame( 200, $this->me( $credentials ) );

		list( $code, $out ) = $this->wp( 'countersign', 'agent', 'preset', (string) $agent['id'], 'content_manager', $admin );
		$this->assertSame( 0, $code, $out );
		$this->assertSame( 1, preg_match( '/Application Password \(shown once\): (.+)$/m', $out, $match ), $out );
		$this->assertSame( 401, $this->me( $credentials ), 'widening the preset must revoke the old password' );
		$credentials = $agent['user_login'] . ':' . trim( $match[1] );
		$this->assertSame( 200, $this->me( $credentials ) );

		list( $code ) = $this->wp( 'countersign', 'agent', 'revoke', (string) $agent['id'], '--yes', $admin );
		$this->assertSame( 0, $code );
		$this->assertSame( 401, $this->me( $credentials ) );
	}

	/**
	 * Proposals: list, show, approve and reject as a reviewer through the same routes; nobody or a subscriber is
	 * refused with the route's error code and a non-zero exit.
	 */
	public function test_proposal_commands_go_through_the_same_checks(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$first   = (int) $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Approved from the CLI' ) ) )->get_data()['id'];
		$second  = (int) $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'excerpt' => 'Rejected from the CLI' ) ) )->get_data()['id'];
		$editor  = '--user=' . $this->login( 'editor' );

		list( $code, $json ) = $this->wp( 'countersign', 'proposal', 'list', '--post=' . $post_id, '--format=json', $editor );
		$this->assertSame( 0, $code );
		$this->assertEqualsCanonicalizing( array( $first, $second ), array_column( (array) json_decode( $json, true ), 'id' ) );

		list( , $shown ) = $this->wp( 'countersign', 'proposal', 'show', (string) $first, '--format=json', $editor );
		$this->assertSame( 'Approved from the CLI', json_decode( $shown, true )['fields']['title']['proposed'] );

		list( $code, , $err ) = $this->wp( 'countersign', 'proposal', 'approve', (string) $first );
		$this->assertSame( 1, $code );
		$this->assertStringContainsString( '--user', $err );
		list( $code, , $err ) = $this->wp( 'countersign', 'proposal', 'approve', (string) $first, '--user=' . $this->login( 'subscriber' ) );
		$this->assertSame( 1, $code );
		$this->assertStringContainsString( 'rest_forbidden', $err );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );

		list( $code, $out ) = $this->wp( 'countersign', 'proposal', 'approve', (string) $first, '--note=Looks right', $editor );
		$this->assertSame( 0, $code, $out );
		$this->assertStringContainsString( "Proposal {$first} is applied", $out );
		$this->assertSame( 'Approved from the CLI', get_post( $post_id )->post_title );
		$this->assertCount( 1, $this->plugin()->audit_query->find( array( 'proposal' => $first, 'action' => 'proposal.approved' ) )['rows'] );

		list( $code ) = $this->wp( 'countersign', 'proposal', 'reject', (string) $second, '--reason=Not needed', $editor );
		$this->assertSame( 0, $code );
		$this->assertSame( 'cs_rejected', $this->plugin()->proposals->find( $second )?->state );
	}

	/**
	 * A library upload approved with `wp countersign proposal approve`: the same Applier makes the attachment.
	 */
	public function test_media_proposal_approved_from_the_cli(): void {
		$agent = (int) $this->agent( array( 'preset' => 'media_manager' ) )['id'];
		$image = imagecreatetruecolor( 5, 5 );
		ob_start();
		imagepng( $image );
		$title  = 'From the CLI ' . wp_generate_password( 6, false );
		$staged = $this->rest(
			$agent,
			'POST',
			'/countersign/v1/media',
			array(
				'filename' => 'cli.png',
				'data'     => base64_encode( (string) ob_get_clean() ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- what agents send.
			)
		)->get_data();
		$id     = (int) $this->propose(
			$agent,
			array(
				'post'    => 0,
				'changes' => array(
					'media' => array(
						array(
							'ref'   => $staged['ref'],
							'title' => $title,
						),
					),
				),
			)
		)->get_data()['id'];

		list( $code, $out ) = $this->wp( 'countersign', 'proposal', 'approve', (string) $id, '--user=' . $this->login( 'editor' ) );
		$this->assertSame( 0, $code, $out );
		$this->assertStringContainsString( "Proposal {$id} is applied", $out );
		$created = get_posts(
			array(
				'post_type'   => 'attachment',
				'post_status' => 'inherit',
				'title'       => $title,
				'fields'      => 'ids',
			)
		);
		$this->assertCount( 1, $created );
		$this->assertFileExists( (string) get_attached_file( (int) $created[0] ) );
	}

	/**
	 * Audit verify and streamed export; the kill switch; usage totals.
	 */
	public function test_audit_kill_switch_and_usage(): void {
		$admin = '--user=' . $this->login( 'administrator' );
		$agent = $this->agent();

		list( $code, $out ) = $this->wp( 'countersign', 'audit', 'verify', '--format=json', $admin );
		$this->assertSame( 0, $code, $out );
		$this->assertTrue( json_decode( $out, true )[0]['ok'] );
		// The signed head, kept in a file, verifies against the log.
		list( $code, $head ) = $this->wp( 'countersign', 'audit', 'head', $admin );
		$this->assertSame( 0, $code, $head );
		$file = (string) tempnam( get_temp_dir(), 'countersign-head' );
		file_put_contents( $file, $head ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
		list( $code, $out ) = $this->wp( 'countersign', 'audit', 'verify', '--head=' . $file, '--format=json', $admin );
		wp_delete_file( $file );
		$this->assertSame( 0, $code, $out );
		$this->assertTrue( json_decode( $out, true )[0]['kept']['found'] );

		list( $code, $csv ) = $this->wp( 'countersign', 'audit', 'export', '--action=agent.created', $admin );
		$this->assertSame( 0, $code );
		$lines = array_values( array_filter( explode( "\n", $csv ) ) );
		$this->assertGreaterThan( 1, count( $lines ) );
		$this->assertStringContainsString( 'agent.created', end( $lines ) );
		list( $code, , $err ) = $this->wp( 'countersign', 'audit', 'export', '--user=' . $this->login( 'editor' ) );
		$this->assertSame( 1, $code );
		$this->assertStringContainsString( 'countersign_audit', $err );

		$credentials = $agent['user_login'] . ':' . $agent['application_password'];
		$this->assertSame( 0, $this->wp( 'countersign', 'kill-switch', 'on', $admin )[0] );
		$this->assertSame( "on\n", $this->wp( 'countersign', 'kill-switch', 'status', $admin )[1] );
		$this->assertSame( 503, $this->me( $credentials ) );
		$this->wp( 'countersign', 'kill-switch', 'off', $admin );
		$this->assertSame( "off\n", $this->wp( 'countersign', 'kill-switch', 'status', $admin )[1] );
		$this->assertSame( 200, $this->me( $credentials ) );

		list( $code, $json ) = $this->wp( 'countersign', 'usage', 'summary', '--format=json', $admin );
		$this->assertSame( 0, $code, $json );
		$rows = array_column( (array) json_decode( $json, true ), null, 'agent_id' );
		$this->assertGreaterThanOrEqual( 2, $rows[ $agent['id'] ]['requests'] ?? 0 );
	}
}
