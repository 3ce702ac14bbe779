<?php
/**
 * Streams the audit log as CSV or JSON.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Audit;

use wpdb;

/**
 * Writes rows in id order, a batch at a time (keyset pagination), straight to the output, so memory stays flat
 * however long the log is.
 */
final class AuditExport {

	public const COLUMNS = array( 'id', 'created_at', 'actor_type', 'actor_id', 'agent_id', 'action', 'object_type', 'object_id', 'proposal_id', 'outcome', 'ip', 'request_id', 'details', 'prev_hash', 'hash' );

	private const BATCH = 1000;

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database, with the table names Schema gave it.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * A value as a CSV cell a spreadsheet will not run: a leading =, +, - or @ (a formula) is prefixed with a quote.
	 *
	 * @param mixed $value Value.
	 */
	public static function csv_cell( mixed $value ): mixed {
		return is_scalar( $value ) && preg_match( '/^[=+\-@\t\r]/', (string) $value ) ? "'" . $value : $value;
	}

	/**
	 * Streams every matching row.
	 *
	 * @param array<string, int|string> $filters Same filters as AuditQuery (agent, actor, action, outcome, from, to).
	 * @param string                    $format  csv or json.
	 * @param resource                  $out     Output stream.
	 * @return int Rows written.
	 */
	public function stream( array $filters, string $format, $out ): int {
		// phpcs:disable WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- $out is a stream (the HTTP response, STDOUT, a pipe); WP_Filesystem writes whole files.
		list( $where, $args ) = AuditQuery::where( $filters );
		$wpdb                 = $this->wpdb;
		$columns              = implode( ', ', self::COLUMNS );
		$after                = 0;
		$written              = 0;
		if ( 'csv' === $format ) {
			fputcsv( $out, self::COLUMNS );
		} else {
			fwrite( $out, '[' );
		}
		do {
			// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQLPlaceholders -- table, columns and fixed clauses; values are placeholders.
			$rows    = $wpdb->get_results( $wpdb->prepare( "SELECT {$columns} FROM {$wpdb->countersign_audit} WHERE {$where} AND id > %d ORDER BY id ASC LIMIT %d", array_merge( $args, array( $after, self::BATCH ) ) ), ARRAY_A );
			$fetched = count( $rows );
			foreach ( $rows as $row ) {
				if ( 'csv' === $format ) {
					fputcsv( $out, array_map( array( self::class, 'csv_cell' ), $row ) );
				} else {
					$row['details'] = json_decode( (string) $row['details'], true );
					fwrite( $out, ( $written > 0 ? ",\n" : "\n" ) . wp_json_encode( $row, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
				}
				$after = (int) $row['id'];
				++$written;
			}
			$wpdb->flush();
			fflush( $out );
		} while ( self::BATCH === $fetched );
		if ( 'json' === $format ) {
			fwrite( $out, "\n]\n" );
		}
		// phpcs:enable
		return $written;
	}
}
