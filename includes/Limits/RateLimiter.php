<?php
/**
 * Per-agent and per-IP request limits.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Limits;

use Countersign\Support\Database;
use wpdb;

/**
 * Fixed windows of W seconds (the `rate_limit_window` setting, one minute by default) counted in the database with one `INSERT … ON DUPLICATE KEY UPDATE` whose
 * LAST_INSERT_ID() returns the new count in the same statement, so concurrent requests on any number of web servers
 * never lose a hit. Never in the object cache, even a persistent one: its increment need not be atomic nor return the
 * count (Redis Object Cache's reads then writes, returns `true` and drops the expiry).
 */
final class RateLimiter {

	/** The default window, in seconds. */
	public const WINDOW = 60;

	/** The bounds of the `rate_limit_window` setting, in seconds. */
	public const WINDOW_BOUNDS = array( 1, 3600 );

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database, with the table names Schema gave it.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * Counts one hit against a key and says whether it is within the limit.
	 *
	 * @param string $key    Counter key, e.g. `agent:12` or `ip:127.0.0.1`.
	 * @param int    $limit  Hits allowed per window (0 = unlimited).
	 * @param int    $now    Current Unix time.
	 * @param int    $length Window length in seconds.
	 * @return array{allowed: bool, limit: int, remaining: int, reset: int}
	 */
	public function hit( string $key, int $limit, int $now, int $length = self::WINDOW ): array {
		Database::reads_to_primary( $this->wpdb );
		$length = self::length( $length );
		$window = $now - ( $now % $length );
		$reset  = $window + $length - $now;
		if ( $limit <= 0 ) {
			return array(
				'allowed'   => true,
				'limit'     => 0,
				'remaining' => 0,
				'reset'     => $reset,
			);
		}
		$count = $this->db_hit( self::windowed( $key, $length ), $window );
		return array(
			'allowed'   => $count <= $limit,
			'limit'     => $limit,
			'remaining' => max( 0, $limit - $count ),
			'reset'     => $reset,
		);
	}

	/**
	 * A key's state in the current window without counting a hit: what GET /me reports.
	 *
	 * @param string $key    Counter key.
	 * @param int    $limit  Hits allowed per window (0 = unlimited).
	 * @param int    $now    Current Unix time.
	 * @param int    $length Window length in seconds.
	 * @return array{limit: int, used: int, remaining: int|null, reset: int, resets_at: string}
	 */
	public function peek( string $key, int $limit, int $now, int $length = self::WINDOW ): array {
		Database::reads_to_primary( $this->wpdb );
		$length = self::length( $length );
		$window = $now - ( $now % $length );
		$used   = 0;
		if ( $limit > 0 ) {
			$wpdb = $this->wpdb;
			$used = (int) $wpdb->get_var( $wpdb->prepare( "SELECT hits FROM {$wpdb->countersign_counters} WHERE counter_key = %s AND window_start = %d", self::windowed( $key, $length ), $window ) );
		}
		return array(
			'limit'     => max( 0, $limit ),
			'used'      => $used,
			'remaining' => $limit > 0 ? max( 0, $limit - $used ) : null,
			'reset'     => $window + $length - $now,
			'resets_at' => gmdate( 'Y-m-d\TH:i:s', $window + $length ),
		);
	}

	/**
	 * The counter key of an agent's own limit.
	 *
	 * @param int $agent_id Agent.
	 */
	public static function agent_key( int $agent_id ): string {
		return 'agent:' . $agent_id;
	}

	/**
	 * The counter key of an agent's MCP session requests (handshakes, tool lists), apart from its work.
	 *
	 * @param int $agent_id Agent.
	 */
	public static function session_key( int $agent_id ): string {
		return 'session:' . $agent_id;
	}

	/**
	 * The counter key of the limit every agent on one IP address shares.
	 *
	 * @param string $ip IP address.
	 */
	public static function ip_key( string $ip ): string {
		return 'ip:' . $ip;
	}

	/**
	 * The address this request comes from, as the per-IP limit counts it.
	 */
	public static function client_ip(): string {
		return isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
	}

	/**
	 * A window length within the setting's bounds.
	 *
	 * @param int $length Seconds.
	 */
	private static function length( int $length ): int {
		return min( self::WINDOW_BOUNDS[1], max( self::WINDOW_BOUNDS[0], $length ) );
	}

	/**
	 * The stored key of a counter in windows of this length. Window starts of different lengths coincide (every
	 * minute starts a 10-second window too), so a changed setting must not continue the count of the old windows.
	 *
	 * @param string $key    Counter key.
	 * @param int    $length Window length in seconds.
	 */
	private static function windowed( string $key, int $length ): string {
		return $key . '@' . $length;
	}

	/**
	 * The atomic database increment.
	 *
	 * @param string $key    Key.
	 * @param int    $window Window start.
	 */
	private function db_hit( string $key, int $window ): int {
		$wpdb = $this->wpdb;
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)", $key, $window ) );
		$count = (int) $wpdb->insert_id;
		// Old windows are useless; clearing them now and then keeps the table small without a cron job. Only rate
		// windows: meters, budgets and apply fences share the table.
		if ( 0 === wp_rand( 0, 99 ) ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_counters} WHERE window_start < %d AND ( counter_key LIKE %s OR counter_key LIKE %s )", $window - HOUR_IN_SECONDS, 'agent:%', 'ip:%' ) );
		}
		return $count;
	}
}
