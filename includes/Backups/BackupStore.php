<?php
/**
 * Backups of posts taken before every apply and restore.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Backups;

use Countersign\Proposals\SiteSettings;
use Countersign\Policy\Settings;
use RuntimeException;
use WP_Post;
use wpdb;

/**
 * Keeps snapshots in the database, so every web server sharing it sees them.
 */
final class BackupStore {

	/**
	 * Constructor.
	 *
	 * @param wpdb     $wpdb     Database, with the table names Schema gave it.
	 * @param Settings $settings Retention setting.
	 */
	public function __construct( private readonly wpdb $wpdb, private readonly Settings $settings ) {}

	/**
	 * Takes a snapshot of the post.
	 *
	 * @param WP_Post   $post        Post.
	 * @param int       $proposal_id Proposal being applied (0 for a restore).
	 * @param int       $user_id     Who triggered it.
	 * @param string    $reason      before_apply, before_restore...
	 * @param list<int> $attachments Attachments whose descriptions the change touches, kept in the same snapshot.
	 * @return int Backup id.
	 * @throws RuntimeException When it cannot be written.
	 */
	public function snapshot( WP_Post $post, int $proposal_id, int $user_id, string $reason, array $attachments = array() ): int {
		return $this->write( $post->ID, Snapshot::of( $post, $attachments ), $proposal_id, $user_id, $reason );
	}

	/**
	 * Takes a snapshot of site settings (post 0: the site, not a post) before a site-settings change or a restore.
	 *
	 * @param array<string, mixed> $values      Setting (REST name) => value as it is now.
	 * @param int                  $proposal_id Proposal being applied (0 for a restore).
	 * @param int                  $user_id     Who triggered it.
	 * @param string               $reason      before_apply, before_restore.
	 * @return int Backup id.
	 * @throws RuntimeException When it cannot be written.
	 */
	public function snapshot_settings( array $values, int $proposal_id, int $user_id, string $reason ): int {
		return $this->write( 0, array( SiteSettings::FIELD => $values ), $proposal_id, $user_id, $reason );
	}

	/**
	 * Writes one backup row (its snapshot as JSON with its SHA-256), then trims that post's old backups.
	 *
	 * @param int                  $post_id     Post (0: the site's settings).
	 * @param array<string, mixed> $snapshot    What to keep.
	 * @param int                  $proposal_id Proposal being applied (0 for a restore).
	 * @param int                  $user_id     Who triggered it.
	 * @param string               $reason      before_apply, before_restore.
	 * @return int Backup id.
	 * @throws RuntimeException When it cannot be written.
	 */
	private function write( int $post_id, array $snapshot, int $proposal_id, int $user_id, string $reason ): int {
		$json = (string) wp_json_encode( $snapshot, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		$ok   = $this->wpdb->insert(
			$this->wpdb->countersign_backups,
			array(
				'post_id'     => $post_id,
				'proposal_id' => $proposal_id,
				'created_at'  => gmdate( 'Y-m-d H:i:s' ),
				'created_by'  => $user_id,
				'reason'      => $reason,
				'snapshot'    => $json,
				'sha256'      => hash( 'sha256', $json ),
			),
			array( '%d', '%d', '%s', '%d', '%s', '%s', '%s' )
		);
		if ( false === $ok ) {
			throw new RuntimeException( 'Could not write the backup: ' . $this->wpdb->last_error );
		}
		$id = (int) $this->wpdb->insert_id;
		$this->purge( $post_id );
		return $id;
	}

	/**
	 * One backup with its snapshot, or null. A snapshot whose hash no longer matches is refused.
	 *
	 * @param int $id Backup id.
	 * @return array{id: int, post_id: int, proposal_id: int, created_at: string, created_by: int, reason: string, snapshot: array<string, mixed>}|null
	 */
	public function find( int $id ): ?array {
		$wpdb = $this->wpdb;
		$row  = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$wpdb->countersign_backups} WHERE id = %d", $id ), ARRAY_A );
		if ( ! is_array( $row ) || ! hash_equals( (string) $row['sha256'], hash( 'sha256', (string) $row['snapshot'] ) ) ) {
			return null;
		}
		$snapshot = json_decode( (string) $row['snapshot'], true );
		return $this->shape( $row ) + array( 'snapshot' => is_array( $snapshot ) ? $snapshot : array() );
	}

	/**
	 * A post's backups, newest first, without their snapshots.
	 *
	 * @param int $post_id  Post.
	 * @param int $page     Page.
	 * @param int $per_page Per page.
	 * @return array{items: list<array<string, mixed>>, total: int}
	 */
	public function for_post( int $post_id, int $page = 1, int $per_page = 20 ): array {
		$wpdb  = $this->wpdb;
		$total = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->countersign_backups} WHERE post_id = %d", $post_id ) );
		$rows  = $wpdb->get_results(
			$wpdb->prepare( "SELECT id, post_id, proposal_id, created_at, created_by, reason FROM {$wpdb->countersign_backups} WHERE post_id = %d ORDER BY id DESC LIMIT %d OFFSET %d", $post_id, $per_page, ( $page - 1 ) * $per_page ),
			ARRAY_A
		);
		return array(
			'items' => array_map( array( $this, 'shape' ), $rows ),
			'total' => $total,
		);
	}

	/**
	 * Keeps the newest N backups of a post, and always the one taken before its latest applied proposal.
	 *
	 * @param int $post_id Post.
	 */
	private function purge( int $post_id ): void {
		$keep   = max( 1, (int) $this->settings->get( 'backup_retention' ) );
		$wpdb   = $this->wpdb;
		$cutoff = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$wpdb->countersign_backups} WHERE post_id = %d ORDER BY id DESC LIMIT 1 OFFSET %d", $post_id, $keep - 1 ) );
		if ( null === $cutoff ) {
			return;
		}
		$protected = (int) $wpdb->get_var( $wpdb->prepare( "SELECT MAX(id) FROM {$wpdb->countersign_backups} WHERE post_id = %d AND reason = 'before_apply'", $post_id ) );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_backups} WHERE post_id = %d AND id < %d AND id <> %d", $post_id, (int) $cutoff, $protected ) );
	}

	/**
	 * A row as the API shows it.
	 *
	 * @param array<string, mixed> $row Row.
	 * @return array{id: int, post_id: int, proposal_id: int, created_at: string, created_by: int, reason: string}
	 */
	private function shape( array $row ): array {
		return array(
			'id'          => (int) $row['id'],
			'post_id'     => (int) $row['post_id'],
			'proposal_id' => (int) $row['proposal_id'],
			'created_at'  => mysql_to_rfc3339( (string) $row['created_at'] ),
			'created_by'  => (int) $row['created_by'],
			'reason'      => (string) $row['reason'],
		);
	}
}
