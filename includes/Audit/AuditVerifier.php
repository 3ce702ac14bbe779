<?php
/**
 * Walks the audit chain.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Audit;

use wpdb;

/**
 * Recomputes every row's hash from the one before it and names the first row that does not match.
 */
final class AuditVerifier {

	private const BATCH = 500;

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database, with the table names Schema gave it.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * Verifies the whole chain, in batches so memory stays flat however long the log is.
	 *
	 * @return array{ok: bool, verified: int, first_bad: int|null}
	 */
	public function verify(): array {
		$wpdb     = $this->wpdb;
		$prev     = $this->start_hash();
		$after    = 0;
		$verified = 0;
		do {
			$rows    = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$wpdb->countersign_audit} WHERE id > %d ORDER BY id ASC LIMIT %d", $after, self::BATCH ), ARRAY_A );
			$fetched = count( $rows );
			foreach ( $rows as $row ) {
				if ( ! hash_equals( (string) $row['prev_hash'], $prev ) || ! hash_equals( AuditLog::hash_row( $row, $prev ), (string) $row['hash'] ) ) {
					return array(
						'ok'        => false,
						'verified'  => $verified,
						'first_bad' => (int) $row['id'],
					);
				}
				$prev  = (string) $row['hash'];
				$after = (int) $row['id'];
				++$verified;
			}
		} while ( self::BATCH === $fetched );

		return array(
			'ok'        => true,
			'verified'  => $verified,
			'first_bad' => null,
		);
	}

	/**
	 * Where the chain starts: the genesis hash, or, once retention purged the oldest rows, the last purged hash as
	 * sealed in the newest checkpoint row (itself a signed row of the chain, so it cannot be forged without the key).
	 */
	private function start_hash(): string {
		$wpdb  = $this->wpdb;
		$first = $wpdb->get_row( "SELECT id, prev_hash FROM {$wpdb->countersign_audit} ORDER BY id ASC LIMIT 1", ARRAY_A );
		if ( ! is_array( $first ) || AuditLog::GENESIS === $first['prev_hash'] ) {
			return AuditLog::GENESIS;
		}
		$checkpoints = $wpdb->get_col( $wpdb->prepare( "SELECT details FROM {$wpdb->countersign_audit} WHERE action = %s ORDER BY id DESC", AuditRetention::CHECKPOINT ) );
		foreach ( $checkpoints as $json ) {
			$details = json_decode( (string) $json, true );
			if ( is_array( $details ) && (int) ( $details['last_id'] ?? 0 ) < (int) $first['id'] ) {
				return (string) ( $details['last_hash'] ?? AuditLog::GENESIS );
			}
		}
		// No checkpoint vouches for the missing rows: verification fails at the first row.
		return AuditLog::GENESIS;
	}
}
