<?php
/**
 * Backup retention.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Backups;

use Countersign\Tests\TestCase;

/**
 * The `backup_retention` setting keeps the newest N backups of each post; the backup taken before the post's latest
 * applied proposal is kept beyond N, so that change can always be undone. Other posts' backups are not touched.
 */
final class BackupRetentionTest extends TestCase {

	/**
	 * Five applies with a retention of 3 leave the newest three; four restores afterwards push the latest apply's
	 * backup out of the newest three, and it is kept all the same, intact enough to restore.
	 */
	public function test_only_the_newest_n_remain_and_the_latest_applied_backup_is_kept(): void {
		$agent  = (int) $this->agent( array( 'autonomy' => 'autonomous' ) )['id'];
		$editor = $this->user( 'editor' );
		$post   = $this->post( array( 'post_title' => 'Title 0' ) );
		$other  = $this->post();
		$admin  = $this->user( 'administrator' );
		$this->assertSame( 3, $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'backup_retention' => 3 ) )->get_data()['backup_retention'] );

		$other_backup = $this->apply( $agent, $other, 'Other post' );
		$applies      = array();
		for ( $i = 1; $i <= 5; $i++ ) {
			$applies[ $i ] = $this->apply( $agent, $post, "Title {$i}" );
		}

		$this->assertSame( array( $applies[5], $applies[4], $applies[3] ), $this->backups( $editor, $post ) );
		$this->assertSame( array( $other_backup ), $this->backups( $editor, $other ) );
		$this->assertError( $this->rest( $editor, 'POST', "/countersign/v1/backups/{$applies[2]}/restore" ), 'countersign_not_found', 404 );

		// Restore the third apply's backup, then undo each restore: every restore adds a before_restore backup.
		$restores = array();
		$restore  = $applies[3];
		for ( $i = 0; $i < 4; $i++ ) {
			$response = $this->rest( $editor, 'POST', "/countersign/v1/backups/{$restore}/restore" );
			$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
			$restore    = (int) $response->get_data()['backup_id'];
			$restores[] = $restore;
		}

		$this->assertSame( array( $restores[3], $restores[2], $restores[1], $applies[5] ), $this->backups( $editor, $post ) );
		$this->assertSame( array( $other_backup ), $this->backups( $editor, $other ) );

		$undo = $this->rest( $editor, 'POST', "/countersign/v1/backups/{$applies[5]}/restore" );
		$this->assertSame( 200, $undo->get_status(), (string) wp_json_encode( $undo->get_data() ) );
		clean_post_cache( $post );
		$this->assertSame( 'Title 4', get_post( $post )->post_title );
	}

	/**
	 * An autonomous agent's title change, applied at once; returns its backup id.
	 *
	 * @param int    $agent   Agent.
	 * @param int    $post_id Post.
	 * @param string $title   Title.
	 */
	private function apply( int $agent, int $post_id, string $title ): int {
		$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => $title ) ) );
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( 'applied', $response->get_data()['status'] );
		$this->assertIsInt( $response->get_data()['backup_id'] );
		return $response->get_data()['backup_id'];
	}

	/**
	 * A post's backup ids as GET /posts/{id}/backups lists them (newest first), checked against X-WP-Total.
	 *
	 * @param int $reviewer Reviewer.
	 * @param int $post_id  Post.
	 * @return list<int>
	 */
	private function backups( int $reviewer, int $post_id ): array {
		$response = $this->rest( $reviewer, 'GET', "/countersign/v1/posts/{$post_id}/backups", array( 'per_page' => 100 ) );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$ids = array_map( fn( array $backup ): int => $backup['id'], $response->get_data() );
		$this->assertSame( count( $ids ), (int) $response->get_headers()['X-WP-Total'] );
		return $ids;
	}
}
