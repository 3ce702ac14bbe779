<?php
/**
 * The audit log's anchored head.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Audit;

use Countersign\Support\Database;
use RuntimeException;
use wpdb;

/**
 * The id and hash of the newest audit row, signed with the audit key and kept outside the audit table (an option),
 * rolled forward by every append in the same transaction as the row. A wiped table (TRUNCATE skips the triggers)
 * or a log cut short from its newest end no longer reaches its anchored head, and verification says so. The site
 * owner can also export the head and verify the log against that copy later, beyond the reach of the database.
 *
 * Read and written with plain SQL rather than get_option(): the value must never come from a cache that a
 * rolled-back transaction or another web server left behind.
 */
final class AuditHead {

	public const OPTION = 'countersign_audit_head';

	/**
	 * The connection.
	 *
	 * @var wpdb
	 */
	private readonly wpdb $wpdb;

	/**
	 * Constructor.
	 *
	 * @param Database $db Database (the locking read of appends runs on the primary).
	 */
	public function __construct( private readonly Database $db ) {
		$this->wpdb = $db->wpdb();
	}

	/**
	 * The stored head, or null when none was ever written.
	 *
	 * @return array{id: int, hash: string, time: string, signature: string}|null
	 */
	public function read(): ?array {
		$wpdb = $this->wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a value no cache may answer.
		return self::decode( $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::OPTION ) ) );
	}

	/**
	 * Locks the head's row until the transaction ends, then reads it: the lock every append takes first, so appends
	 * from any PHP worker or web server run one after another. A locking read on the primary sees the newest
	 * committed head even inside an older REPEATABLE READ snapshot; a refused read throws (see Database::locked_row).
	 *
	 * A missing row (a log that never had a head, a deleted option) is created empty first and then locked: the
	 * upsert takes the row's exclusive lock whether it inserts or finds one. A row an older version autoloaded stops
	 * being autoloaded here, and `alloptions` is dropped, so no cached copy outlives the direct writes of write().
	 *
	 * @return array{id: int, hash: string, time: string, signature: string}|null Null when there is no head yet.
	 * @throws RuntimeException When the database refuses the lock or the row.
	 */
	public function lock(): ?array {
		$wpdb = $this->wpdb;
		$sql  = $wpdb->prepare( "SELECT option_value, autoload FROM {$wpdb->options} WHERE option_name = %s FOR UPDATE", self::OPTION );
		$row  = $this->db->locked_row( $sql );
		if ( null === $row ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the row the lock lives on; no cached copy to update (notoptions is dropped below).
			$created = $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, '', 'off') ON DUPLICATE KEY UPDATE option_name = option_name", self::OPTION ) );
			if ( false === $created ) {
				throw new RuntimeException( 'Could not create the audit head: ' . $wpdb->last_error );
			}
			wp_cache_delete( 'notoptions', 'options' );
			$row = $this->db->locked_row( $sql );
		}
		if ( null !== $row && ! in_array( $row['autoload'], array( 'off', 'no' ), true ) ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- once per row an older version autoloaded; alloptions is dropped below.
			$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET autoload = 'off' WHERE option_name = %s", self::OPTION ) );
			wp_cache_delete( 'alloptions', 'options' );
		}
		return self::decode( $row['option_value'] ?? null );
	}

	/**
	 * A head from the option's stored value.
	 *
	 * @param mixed $raw The option_value column.
	 * @return array{id: int, hash: string, time: string, signature: string}|null
	 */
	private static function decode( mixed $raw ): ?array {
		$head = is_string( $raw ) ? json_decode( $raw, true ) : null;
		if ( ! is_array( $head ) ) {
			return null;
		}
		return array(
			'id'        => (int) ( $head['id'] ?? 0 ),
			'hash'      => (string) ( $head['hash'] ?? '' ),
			'time'      => (string) ( $head['time'] ?? '' ),
			'signature' => (string) ( $head['signature'] ?? '' ),
		);
	}

	/**
	 * Rolls the head forward to a row just appended (under lock(), in the append's transaction).
	 *
	 * @param int    $id   Row id.
	 * @param string $hash Row hash.
	 * @throws RuntimeException When the database refuses it (the append fails with it).
	 */
	public function write( int $id, string $hash ): void {
		$wpdb  = $this->wpdb;
		$time  = gmdate( 'Y-m-d\TH:i:s\Z' );
		$value = (string) wp_json_encode(
			array(
				'id'        => $id,
				'hash'      => $hash,
				'time'      => $time,
				'signature' => self::sign( $id, $hash, $time ),
			)
		);
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one upsert inside the append's transaction; update_option() would cache a value a rollback can undo.
		$done = $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)", self::OPTION, $value ) );
		if ( false === $done ) {
			throw new RuntimeException( 'Could not anchor the audit head: ' . $wpdb->last_error );
		}
		wp_cache_delete( self::OPTION, 'options' );
	}

	/**
	 * Writes the head from the table's newest row when there is none yet (a log kept before heads were anchored).
	 */
	public function seed(): void {
		if ( null !== $this->read() ) {
			return;
		}
		$wpdb = $this->wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the newest row, once, at install or upgrade.
		$tail = $wpdb->get_row( "SELECT id, hash FROM {$wpdb->countersign_audit} ORDER BY id DESC LIMIT 1", ARRAY_A );
		if ( is_array( $tail ) ) {
			$this->write( (int) $tail['id'], (string) $tail['hash'] );
		}
	}

	/**
	 * Whether a head carries a valid signature.
	 *
	 * @param array{id: int, hash: string, time: string, signature: string} $head Head.
	 */
	public static function is_signed( array $head ): bool {
		return '' !== $head['signature'] && hash_equals( self::sign( $head['id'], $head['hash'], $head['time'] ), $head['signature'] );
	}

	/**
	 * A head from an exported copy (JSON), or null when it is not one.
	 *
	 * @param mixed $value Decoded JSON.
	 * @return array{id: int, hash: string, time: string, signature: string}|null
	 */
	public static function from_export( mixed $value ): ?array {
		if ( ! is_array( $value ) || ! is_int( $value['id'] ?? null ) || ! is_string( $value['hash'] ?? null ) || ! is_string( $value['time'] ?? null ) || ! is_string( $value['signature'] ?? null ) ) {
			return null;
		}
		return array(
			'id'        => $value['id'],
			'hash'      => $value['hash'],
			'time'      => $value['time'],
			'signature' => $value['signature'],
		);
	}

	/**
	 * HMAC of a head with the audit key.
	 *
	 * @param int    $id   Row id.
	 * @param string $hash Row hash.
	 * @param string $time When it was anchored.
	 */
	private static function sign( int $id, string $hash, string $time ): string {
		return hash_hmac( 'sha256', "countersign-audit-head|{$id}|{$hash}|{$time}", AuditLog::key() );
	}
}
