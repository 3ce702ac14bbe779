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
 * Sums `tokens_in + tokens_out` from each proposal's `source` per agent per UTC month, and their cost at the
 * administrator's price for the reported `source.model` (in millionths of the site's currency), in the counters table with
 * one atomic `INSERT … ON DUPLICATE KEY UPDATE`, so concurrent submissions never lose tokens and checking a budget is
 * one primary-key read. (The audit log keeps each proposal's figures too; GET /usage reports from there.)
 */
final class TokenMeter {

	/** Counter keys with this prefix are meters: RateLimiter's cleanup of old windows leaves them alone. */
	public const PREFIX = 'meter:tokens:';

	/** The spend meter's counter keys: millionths of the currency, per agent per month. */
	public const SPEND_PREFIX = 'meter:spend:';

	/** Millionths of the currency in a cent (budgets in money are set in cents). */
	public const MICROS_PER_CENT = 10000;

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
	 * What a proposal's tokens cost, in millionths of the currency: tokens × the price per million tokens of the model
	 * its `source.model` names (0 for a model without a price).
	 *
	 * @param array<string, mixed> $source Proposal source.
	 * @param array<string, float> $prices Model => price per million tokens.
	 */
	public static function cost_in_source( array $source, array $prices ): int {
		$model = $source['model'] ?? null;
		$price = is_string( $model ) ? (float) ( $prices[ $model ] ?? 0 ) : 0.0;
		return (int) round( self::tokens_in_source( $source ) * $price );
	}

	/**
	 * Adds tokens to the agent's month.
	 *
	 * @param int $agent_id Agent.
	 * @param int $tokens   Tokens.
	 * @param int $now      Unix time.
	 */
	public function add( int $agent_id, int $tokens, int $now ): void {
		$this->add_to( self::PREFIX, $agent_id, $tokens, $now );
	}

	/**
	 * Adds spend (millionths of the currency) to the agent's month.
	 *
	 * @param int $agent_id Agent.
	 * @param int $micros   Cost.
	 * @param int $now      Unix time.
	 */
	public function add_spend( int $agent_id, int $micros, int $now ): void {
		$this->add_to( self::SPEND_PREFIX, $agent_id, $micros, $now );
	}

	/**
	 * Tokens used in the agent's current month.
	 *
	 * @param int $agent_id Agent.
	 * @param int $now      Unix time.
	 */
	public function used( int $agent_id, int $now ): int {
		return $this->read( self::PREFIX, $agent_id, $now );
	}

	/**
	 * Spend in the agent's current month, in millionths of the currency.
	 *
	 * @param int $agent_id Agent.
	 * @param int $now      Unix time.
	 */
	public function spent( int $agent_id, int $now ): int {
		return $this->read( self::SPEND_PREFIX, $agent_id, $now );
	}

	/**
	 * One atomic addition to a meter's month.
	 *
	 * @param string $prefix   Meter.
	 * @param int    $agent_id Agent.
	 * @param int    $amount   Amount.
	 * @param int    $now      Unix time.
	 */
	private function add_to( string $prefix, int $agent_id, int $amount, int $now ): void {
		if ( $amount <= 0 ) {
			return;
		}
		$wpdb = $this->wpdb;
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, %d) ON DUPLICATE KEY UPDATE hits = hits + VALUES(hits)", $prefix . $agent_id, self::month_start( $now ), $amount ) );
	}

	/**
	 * A meter's month.
	 *
	 * @param string $prefix   Meter.
	 * @param int    $agent_id Agent.
	 * @param int    $now      Unix time.
	 */
	private function read( string $prefix, int $agent_id, int $now ): int {
		$wpdb = $this->wpdb;
		Database::reads_to_primary( $wpdb );
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT hits FROM {$wpdb->countersign_counters} WHERE counter_key = %s AND window_start = %d", $prefix . $agent_id, self::month_start( $now ) ) );
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
