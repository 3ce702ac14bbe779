<?php
/**
 * Backups and restores.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Tests\TestCase;

/**
 * Backup before apply, restore, and undo of a restore.
 */
final class BackupsControllerTest extends TestCase {

	/**
	 * Approve, restore the backup, then undo the restore: every step is exact.
	 */
	public function test_backup_and_restore_round_trip(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$original = "<!-- wp:paragraph -->\n<p>Ünïcode &amp; \"quotes\" \\ backslash.</p>\n<!-- /wp:paragraph -->";
		$post_id  = $this->post( array( 'post_content' => $original, 'post_excerpt' => 'Old excerpt' ) );
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array(
					'title'   => 'Changed',
					'excerpt' => 'New excerpt',
				),
			)
		)->get_data();
		$applied  = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" )->get_data();
		$this->assertSame( 'Changed', get_post( $post_id )->post_title );

		$list = $this->rest( $editor, 'GET', "/countersign/v1/posts/{$post_id}/backups" );
		$this->assertSame( $applied['backup_id'], $list->get_data()[0]['id'] );
		$this->assertSame( 'before_apply', $list->get_data()[0]['reason'] );

		$restored = $this->rest( $editor, 'POST', "/countersign/v1/backups/{$applied['backup_id']}/restore" );
		$this->assertSame( 200, $restored->get_status(), (string) wp_json_encode( $restored->get_data() ) );
		$post = get_post( $post_id );
		$this->assertSame( 'Original title', $post->post_title );
		$this->assertSame( 'Old excerpt', $post->post_excerpt );
		$this->assertSame( wp_unslash( $original ), $post->post_content );
		$this->assertSame( 'reverted', $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$proposal['id']}" )->get_data()['status'] );

		$undo = $this->rest( $editor, 'POST', '/countersign/v1/backups/' . $restored->get_data()['backup_id'] . '/restore' );
		$this->assertSame( 200, $undo->get_status() );
		$this->assertSame( 'Changed', get_post( $post_id )->post_title );
		$this->assertSame( 'New excerpt', get_post( $post_id )->post_excerpt );
	}

	/**
	 * Agents and people who cannot edit the post may not list or restore its backups.
	 */
	public function test_backups_need_a_reviewer_of_the_post(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$author   = $this->user( 'author' );
		$post_id  = $this->post();
		$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'X' ) ) )->get_data();
		$backup   = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" )->get_data()['backup_id'];

		$this->assertError( $this->rest( $agent, 'GET', "/countersign/v1/posts/{$post_id}/backups" ), 'rest_forbidden', 403 );
		$this->assertError( $this->rest( $author, 'POST', "/countersign/v1/backups/{$backup}/restore" ), 'rest_forbidden', 403 );
		$this->assertSame( 'X', get_post( $post_id )->post_title );
	}

	/**
	 * A trashed post comes back from the trash with its backup.
	 */
	public function test_restoring_a_trashed_post(): void {
		$agent   = (int) $this->agent( array( 'preset' => 'full_access' ) )['id'];
		$editor  = $this->user( 'editor' );
		$post_id = $this->post( array( 'post_title' => 'Keep me' ) );
		$changes = array( 'status' => 'trash' );
		$token   = $this->rest( $agent, 'POST', '/countersign/v1/intents', array( 'post' => $post_id, 'changes' => $changes ) )->get_data()['token'];
		$id      = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes, 'confirm_token' => $token ) )->get_data()['id'];
		$backup  = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$id}/approve" )->get_data()['backup_id'];
		$this->assertSame( 'trash', get_post_status( $post_id ) );

		$restored = $this->rest( $editor, 'POST', "/countersign/v1/backups/{$backup}/restore" );

		$this->assertSame( 200, $restored->get_status(), (string) wp_json_encode( $restored->get_data() ) );
		clean_post_cache( $post_id );
		$this->assertSame( 'draft', get_post_status( $post_id ) );
		$this->assertSame( 'Keep me', get_post( $post_id )->post_title );
		$this->assertSame( '', get_post_meta( $post_id, '_wp_trash_meta_status', true ) );
	}
}
