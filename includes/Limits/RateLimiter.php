<?php
/**
 * Per-agent and per-IP request limits.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Limits;

use wpdb;

/**
 * Fixed one-minute windows counted atomically: the persistent object cache's increment when one is present,
 * otherwise one `INSERT … ON DUPLICATE KEY UPDATE` whose LAST_INSERT_ID() returns the new count in the same
 * statement, so concurrent requests on any number of web servers never lose a hit.
 */
final class RateLimiter {

	public const WINDOW = 60;

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database, with the table names Schema gave it.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * Counts one hit against a key and says whether it is within the limit.
	 *
	 * @param string $key   Counter key, e.g. `agent:12` or `ip:127.0.0.1`.
	 * @param int    $limit Hits allowed per window (0 = unlimited).
	 * @param int    $now   Current Unix time.
	 * @return array{allowed: bool, limit: int, remaining: int, reset: int}
	 */
	public function hit( string $key, int $limit, int $now ): array {
		$window = $now - ( $now % self::WINDOW );
		$reset  = $window + self::WINDOW - $now;
		if ( $limit <= 0 ) {
			return array(
				'allowed'   => true,
				'limit'     => 0,
				'remaining' => 0,
				'reset'     => $reset,
			);
		}
		$count = wp_using_ext_object_cache() ? $this->cache_hit( $key, $window ) : $this->db_hit( $key, $window );
		return array(
			'allowed'   => $count <= $limit,
			'limit'     => $limit,
			'remaining' => max( 0, $limit - $count ),
			'reset'     => $reset,
		);
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
		// Old windows are useless; clearing them now and then keeps the table small without a cron job. Meters
		// (`meter:*`, monthly token totals) share the table and are kept.
		if ( 0 === wp_rand( 0, 99 ) ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_counters} WHERE window_start < %d AND counter_key NOT LIKE %s", $window - HOUR_IN_SECONDS, 'meter:%' ) );
		}
		return $count;
	}

	/**
	 * The persistent object cache's atomic increment.
	 *
	 * @param string $key    Key.
	 * @param int    $window Window start.
	 */
	private function cache_hit( string $key, int $window ): int {
		$cache_key = $key . ':' . $window;
		wp_cache_add( $cache_key, 0, 'countersign_rate', 2 * self::WINDOW );
		return (int) wp_cache_incr( $cache_key, 1, 'countersign_rate' );
	}
}
