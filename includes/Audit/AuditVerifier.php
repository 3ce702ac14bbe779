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
 * Recomputes every row's hash from the one before it and names the first row that does not match; then checks the
 * log still reaches its anchored head (and, when given, a head the site owner exported earlier), so rows deleted
 * from the newest end, or a wiped table, do not pass for a short but intact log.
 */
final class AuditVerifier {

	private const BATCH = 500;

	/**
	 * Constructor.
	 *
	 * @param wpdb      $wpdb Database, with the table names Schema gave it.
	 * @param AuditHead $head The anchored head.
	 */
	public function __construct( private readonly wpdb $wpdb, private readonly AuditHead $head ) {}

	/**
	 * Verifies the whole chain, in batches so memory stays flat however long the log is.
	 *
	 * @param array{id: int, hash: string, time: string, signature: string}|null $kept A head exported earlier, to
	 *                                                                                  check the log still reaches it.
	 * @return array{ok: bool, verified: int, first_bad: int|null, fork: array{id: int, onto: int}|null, head: array{id: int, time: string, signed: bool}|null, truncated: bool, kept: array{id: int, signed: bool, found: bool}|null}
	 */
	public function verify( ?array $kept = null ): array {
		$wpdb = $this->wpdb;
		// Read before the rows: appends meanwhile only add rows after it.
		$head     = $this->head->read();
		$found    = array(
			'head' => false,
			'kept' => false,
		);
		$prev     = $this->start_hash();
		$after    = 0;
		$verified = 0;
		$bad      = null;
		$fork     = null;
		do {
			$rows    = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$wpdb->countersign_audit} WHERE id > %d ORDER BY id ASC LIMIT %d", $after, self::BATCH ), ARRAY_A );
			$fetched = count( $rows );
			foreach ( $rows as $row ) {
				if ( ! hash_equals( (string) $row['prev_hash'], $prev ) || ! hash_equals( AuditLog::hash_row( $row, $prev ), (string) $row['hash'] ) ) {
					$bad  = (int) $row['id'];
					$fork = $this->fork( $row, $prev );
					break 2;
				}
				foreach ( array(
					'head' => $head,
					'kept' => $kept,
				) as $name => $anchor ) {
					if ( null !== $anchor && (int) $row['id'] === $anchor['id'] ) {
						$found[ $name ] = hash_equals( $anchor['hash'], (string) $row['hash'] );
					}
				}
				$prev  = (string) $row['hash'];
				$after = (int) $row['id'];
				++$verified;
			}
		} while ( self::BATCH === $fetched );

		$signed    = null !== $head && AuditHead::is_signed( $head );
		$truncated = null === $bad && ( null === $head ? $verified > 0 : ! $found['head'] );
		return array(
			'ok'        => null === $bad && ( $signed || ( null === $head && 0 === $verified ) ) && ! $truncated && ( null === $kept || ( AuditHead::is_signed( $kept ) && $found['kept'] ) ),
			'verified'  => $verified,
			'first_bad' => $bad,
			'fork'      => $fork,
			'head'      => null === $head ? null : array(
				'id'     => $head['id'],
				'time'   => $head['time'],
				'signed' => $signed,
			),
			'truncated' => $truncated,
			'kept'      => null === $kept ? null : array(
				'id'     => $kept['id'],
				'signed' => AuditHead::is_signed( $kept ),
				'found'  => null === $bad && $found['kept'],
			),
		);
	}

	/**
	 * Whether a row that breaks the chain is a fork: an intact row (its hash matches its own prev_hash) chained onto
	 * an earlier row, or onto genesis, instead of onto its predecessor: two writers read the same tail. Null when the
	 * row was altered instead.
	 *
	 * @param array<string, mixed> $row  The first bad row.
	 * @param string               $prev The hash it should have chained onto.
	 * @return array{id: int, onto: int}|null The row, and the row it chained onto (0: genesis).
	 */
	private function fork( array $row, string $prev ): ?array {
		$onto = (string) $row['prev_hash'];
		if ( hash_equals( $onto, $prev ) || ! hash_equals( AuditLog::hash_row( $row, $onto ), (string) $row['hash'] ) ) {
			return null;
		}
		if ( AuditLog::GENESIS === $onto ) {
			return array(
				'id'   => (int) $row['id'],
				'onto' => 0,
			);
		}
		$wpdb   = $this->wpdb;
		$parent = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$wpdb->countersign_audit} WHERE hash = %s AND id < %d ORDER BY id DESC LIMIT 1", $onto, (int) $row['id'] ) );
		return null === $parent ? null : array(
			'id'   => (int) $row['id'],
			'onto' => (int) $parent,
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
