<?php
/**
 * Audit retention and database-level hardening.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Audit;

use Countersign\Support\Database;

/**
 * Purges only from the oldest end, and only after sealing what it removes into a signed checkpoint row appended to
 * the chain (how many rows, the last id and the last hash), so verification continues from the checkpoint. Where
 * the database user may create triggers, UPDATE and DELETE on the audit table are refused by the database itself;
 * a purge opens the door for its own statement only.
 */
final class AuditRetention {

	public const CHECKPOINT = 'audit.checkpoint';

	/**
	 * Constructor.
	 *
	 * @param Database $db    Database.
	 * @param AuditLog $audit The log (checkpoints are appended like any row).
	 */
	public function __construct( private readonly Database $db, private readonly AuditLog $audit ) {}

	/**
	 * Seals and purges every row older than the cutoff, keeping at least the newest $keep rows.
	 *
	 * @param string $before UTC 'Y-m-d H:i:s': rows created before it go.
	 * @param int    $keep   Rows always kept.
	 * @return int How many rows were purged.
	 */
	public function purge( string $before, int $keep = 1000 ): int {
		$wpdb  = $this->db->wpdb();
		$floor = (int) $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$wpdb->countersign_audit} ORDER BY id DESC LIMIT 1 OFFSET %d", max( 0, $keep ) ) );
		$last  = $wpdb->get_row( $wpdb->prepare( "SELECT id, hash FROM {$wpdb->countersign_audit} WHERE created_at < %s AND id <= %d AND action <> %s ORDER BY id DESC LIMIT 1", $before, $floor, self::CHECKPOINT ), ARRAY_A );
		if ( ! is_array( $last ) ) {
			return 0;
		}
		$count = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->countersign_audit} WHERE id <= %d", (int) $last['id'] ) );
		$this->audit->append(
			self::CHECKPOINT,
			array(
				'actor_type'  => 'system',
				'actor_id'    => 0,
				'object_type' => 'audit',
				'details'     => array(
					'purged'    => $count,
					'last_id'   => (int) $last['id'],
					'last_hash' => (string) $last['hash'],
				),
			)
		);
		$wpdb->query( 'SET @countersign_audit_purge = 1' );
		$deleted = $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_audit} WHERE id <= %d", (int) $last['id'] ) );
		$wpdb->query( 'SET @countersign_audit_purge = NULL' );
		return (int) $deleted;
	}

	/**
	 * Installs triggers refusing UPDATE always and DELETE outside a purge. Returns whether they are in place (the
	 * database user may lack the TRIGGER privilege, or binary logging may forbid it).
	 */
	public function harden(): bool {
		$wpdb  = $this->db->wpdb();
		$table = $wpdb->countersign_audit;
		$names = $this->trigger_names();
		$wpdb->suppress_errors( true );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.DirectDatabaseQuery.SchemaChange -- identifiers only; triggers cannot be prepared.
		$wpdb->query( "DROP TRIGGER IF EXISTS `{$names['update']}`" );
		$wpdb->query( "DROP TRIGGER IF EXISTS `{$names['delete']}`" );
		$update = $wpdb->query( "CREATE TRIGGER `{$names['update']}` BEFORE UPDATE ON `{$table}` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'countersign audit rows are append-only'" );
		$delete = $wpdb->query( "CREATE TRIGGER `{$names['delete']}` BEFORE DELETE ON `{$table}` FOR EACH ROW BEGIN IF @countersign_audit_purge IS NULL THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'countersign audit rows are append-only'; END IF; END" );
		// phpcs:enable
		$wpdb->suppress_errors( false );
		return false !== $update && false !== $delete && $this->hardened();
	}

	/**
	 * Whether both triggers exist.
	 */
	public function hardened(): bool {
		$wpdb  = $this->db->wpdb();
		$names = $this->trigger_names();
		$found = $wpdb->get_col( $wpdb->prepare( 'SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME IN (%s, %s)', $names['update'], $names['delete'] ) );
		return 2 === count( $found );
	}

	/**
	 * Trigger names for this site's table.
	 *
	 * @return array{update: string, delete: string}
	 */
	private function trigger_names(): array {
		$table = $this->db->wpdb()->countersign_audit;
		return array(
			'update' => substr( $table, 0, 50 ) . '_no_update',
			'delete' => substr( $table, 0, 50 ) . '_no_delete',
		);
	}
}
