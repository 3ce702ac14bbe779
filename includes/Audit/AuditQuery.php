<?php
/**
 * Reads the audit log.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Audit;

use wpdb;

/**
 * Filtered, paginated reads of the audit table, newest first.
 */
final class AuditQuery {

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database, with the table names Schema gave it.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * Rows matching the filters.
	 *
	 * @param array{agent?: int, actor?: int, action?: string, outcome?: string, proposal?: int, object_id?: int, from?: string, to?: string} $filters Filters.
	 * @param int                                                                                                                             $page     Page, from 1.
	 * @param int                                                                                                                             $per_page Rows a page.
	 * @return array{rows: list<array<string, mixed>>, total: int}
	 */
	public function find( array $filters, int $page = 1, int $per_page = 50 ): array {
		$wpdb                     = $this->wpdb;
		list( $where_sql, $args ) = self::where( $filters );
		$offset                   = max( 0, ( $page - 1 ) * $per_page );

		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQLPlaceholders -- fixed clauses from where(); values are placeholders.
		$total = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->countersign_audit} WHERE {$where_sql}", $args ) );
		$rows  = $wpdb->get_results(
			$wpdb->prepare( "SELECT * FROM {$wpdb->countersign_audit} WHERE {$where_sql} ORDER BY id DESC LIMIT %d OFFSET %d", array_merge( $args, array( $per_page, $offset ) ) ),
			ARRAY_A
		);
		// phpcs:enable

		return array(
			'rows'  => array_map( array( $this, 'shape' ), $rows ),
			'total' => $total,
		);
	}

	/**
	 * How many of an agent's requests were refused with one of some error codes since a time.
	 *
	 * @param int          $agent_id Agent.
	 * @param list<string> $codes    Error codes, e.g. countersign_rate_limited.
	 * @param string       $since    'Y-m-d H:i:s', UTC.
	 */
	public function count_refusals( int $agent_id, array $codes, string $since ): int {
		if ( array() === $codes ) {
			return 0;
		}
		$wpdb = $this->wpdb;
		$in   = implode( ', ', array_fill( 0, count( $codes ), '%s' ) );
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared,WordPress.DB.PreparedSQLPlaceholders -- table name and placeholders.
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->countersign_audit} WHERE agent_id = %d AND created_at >= %s AND action = 'request' AND outcome = 'refused' AND JSON_VALUE(details, '$.code') IN ({$in})", array_merge( array( $agent_id, $since ), $codes ) ) );
	}

	/**
	 * The WHERE clause (with placeholders) and its arguments for a set of filters.
	 *
	 * @param array<string, int|string> $filters Filters.
	 * @return array{0: string, 1: list<int|string>}
	 */
	public static function where( array $filters ): array {
		// Always one placeholder, so the statement is always prepared.
		$where = array( 'id > %d' );
		$args  = array( 0 );
		$map   = array(
			'agent'     => array( 'agent_id = %d', 'int' ),
			'actor'     => array( 'actor_id = %d', 'int' ),
			'action'    => array( 'action = %s', 'string' ),
			'outcome'   => array( 'outcome = %s', 'string' ),
			'proposal'  => array( 'proposal_id = %d', 'int' ),
			'object_id' => array( 'object_id = %d', 'int' ),
			'from'      => array( 'created_at >= %s', 'string' ),
			'to'        => array( 'created_at < DATE_ADD(%s, INTERVAL 1 SECOND)', 'string' ),
		);
		foreach ( $map as $key => list( $clause, $type ) ) {
			if ( isset( $filters[ $key ] ) && '' !== $filters[ $key ] ) {
				$where[] = $clause;
				$args[]  = 'int' === $type ? (int) $filters[ $key ] : (string) $filters[ $key ];
			}
		}
		return array( implode( ' AND ', $where ), $args );
	}

	/**
	 * A row as the API shows it.
	 *
	 * @param array<string, mixed> $row Raw row.
	 * @return array<string, mixed>
	 */
	private function shape( array $row ): array {
		$details = json_decode( (string) $row['details'], true );
		return array(
			'id'          => (int) $row['id'],
			'created_at'  => (string) $row['created_at'],
			'actor_type'  => (string) $row['actor_type'],
			'actor_id'    => (int) $row['actor_id'],
			'agent_id'    => (int) $row['agent_id'],
			'action'      => (string) $row['action'],
			'object_type' => (string) $row['object_type'],
			'object_id'   => (int) $row['object_id'],
			'proposal_id' => (int) $row['proposal_id'],
			'outcome'     => (string) $row['outcome'],
			'ip'          => (string) $row['ip'],
			'request_id'  => (string) $row['request_id'],
			'details'     => is_array( $details ) ? $details : array(),
			'prev_hash'   => (string) $row['prev_hash'],
			'hash'        => (string) $row['hash'],
		);
	}
}
