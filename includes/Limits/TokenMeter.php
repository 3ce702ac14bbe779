<?php
/**
 * Tokens an agent reports it spent.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Limits;

use Countersign\Support\Database;
use wpdb;

/**
 * Sums `tokens_in + tokens_out` from each proposal's `source` per agent per UTC month, in the counters table with
 * one atomic `INSERT … ON DUPLICATE KEY UPDATE`, so concurrent submissions never lose tokens and checking a budget is
 * one primary-key read. (The audit log keeps each proposal's figures too; GET /usage reports from there.)
 */
final class TokenMeter {

	/** Counter keys with this prefix are meters: RateLimiter's cleanup of old windows leaves them alone. */
	public const PREFIX = 'meter:tokens:';

	/** The most one proposal may report, so one bad figure cannot overflow a month. */
	public const MAX_PER_PROPOSAL = 100000000;

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database, with the table names Schema gave it.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * The tokens a `source` object reports (non-negative integers; anything else counts as 0).
	 *
	 * @param array<string, mixed> $source Proposal source.
	 */
	public static function tokens_in_source( array $source ): int {
		$total = 0;
		foreach ( array( 'tokens_in', 'tokens_out' ) as $key ) {
			$value = $source[ $key ] ?? 0;
			if ( is_int( $value ) || ( is_string( $value ) && ctype_digit( $value ) ) || ( is_float( $value ) && $value >= 0 ) ) {
				$total += min( self::MAX_PER_PROPOSAL, max( 0, (int) $value ) );
			}
		}
		return $total;
	}

	/**
	 * Adds tokens to the agent's month.
	 *
	 * @param int $agent_id Agent.
	 * @param int $tokens   Tokens.
	 * @param int $now      Unix time.
	 */
	public function add( int $agent_id, int $tokens, int $now ): void {
		if ( $tokens <= 0 ) {
			return;
		}
		$wpdb = $this->wpdb;
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, %d) ON DUPLICATE KEY UPDATE hits = hits + VALUES(hits)", self::PREFIX . $agent_id, self::month_start( $now ), $tokens ) );
	}

	/**
	 * Tokens used in the agent's current month.
	 *
	 * @param int $agent_id Agent.
	 * @param int $now      Unix time.
	 */
	public function used( int $agent_id, int $now ): int {
		$wpdb = $this->wpdb;
		Database::reads_to_primary( $wpdb );
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT hits FROM {$wpdb->countersign_counters} WHERE counter_key = %s AND window_start = %d", self::PREFIX . $agent_id, self::month_start( $now ) ) );
	}

	/**
	 * The start of the UTC month.
	 *
	 * @param int $now Unix time.
	 */
	public static function month_start( int $now ): int {
		return (int) strtotime( gmdate( 'Y-m-01 00:00:00', $now ) . ' UTC' );
	}
}
