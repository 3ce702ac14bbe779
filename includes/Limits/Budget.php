<?php
/**
 * Proposal and token budgets.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Limits;

use Countersign\Agents\Agent;
use Countersign\Policy\Settings;
use Countersign\Proposals\Proposal;
use Countersign\Proposals\ProposalRepository;
use Countersign\Support\Database;
use WP_Error;
use wpdb;

/**
 * Proposals an agent may submit per UTC day and per UTC month, and tokens (as it reports them in `source`) per
 * UTC month. A budget of 0 for the monthly ones means no limit. Spent budgets refuse the next proposal with 429
 * `countersign_budget_exceeded`, naming the budget in `rule`.
 *
 * Proposal budgets are reserved before the proposal is stored, in the counters table (`budget:day:ID` and
 * `budget:month:ID`, one row per window): one conditional `UPDATE … SET hits = hits + 1 WHERE … AND hits < budget`
 * whose row count says whether the slot was taken, so parallel submissions on any number of web servers never
 * exceed a budget. The first reservation of a window inserts its row, seeded from the proposals already stored
 * (`INSERT … ON DUPLICATE KEY UPDATE hits = IF(hits < budget, hits + 1, hits)`, the same test in the same
 * statement). A reservation whose proposal is not stored is released.
 */
final class Budget {

	public const DAILY_PROPOSALS   = 'daily_proposal_budget';
	public const MONTHLY_PROPOSALS = 'monthly_proposal_budget';
	public const MONTHLY_TOKENS    = 'monthly_token_budget';
	public const MONTHLY_SPEND     = 'monthly_spend_budget';

	/** Counter keys of the proposal budgets; the agent's id follows. */
	private const DAY_KEY   = 'budget:day:';
	private const MONTH_KEY = 'budget:month:';

	/**
	 * Constructor.
	 *
	 * @param wpdb               $wpdb      Database, with the table names Schema gave it.
	 * @param ProposalRepository $proposals Proposals (counted by their indexed author and date columns).
	 * @param TokenMeter         $tokens    Monthly token and spend totals.
	 * @param Settings           $settings  Model prices.
	 */
	public function __construct( private readonly wpdb $wpdb, private readonly ProposalRepository $proposals, private readonly TokenMeter $tokens, private readonly Settings $settings ) {}

	/**
	 * Meters the tokens of each new proposal.
	 */
	public function register(): void {
		add_action( 'countersign_proposal_submitted', array( $this, 'meter' ) );
	}

	/**
	 * `countersign_proposal_submitted`: adds the proposal's reported tokens to its agent's month.
	 *
	 * @param Proposal $proposal The new proposal.
	 */
	public function meter( Proposal $proposal ): void {
		$now = time();
		$this->tokens->add( $proposal->agent_id, TokenMeter::tokens_in_source( $proposal->source ), $now );
		$this->tokens->add_spend( $proposal->agent_id, TokenMeter::cost_in_source( $proposal->source, (array) $this->settings->get( 'model_prices' ) ), $now );
	}

	/**
	 * The agent's budgets and their use (0 budget on a monthly line = unlimited, remaining then null), and which
	 * budget, if any, is spent (`exhausted`: the rule a new proposal would be refused with, or null).
	 *
	 * @param Agent $agent Agent.
	 * @return array{daily_proposals: int, used_today: int, remaining_today: int, resets_at: string, monthly_proposals: int, used_this_month: int, remaining_this_month: int|null, monthly_tokens: int, tokens_this_month: int, tokens_remaining: int|null, monthly_spend: int, spend_this_month: int, spend_remaining: int|null, currency: string, month_resets_at: string, exhausted: string|null}
	 */
	public function state( Agent $agent ): array {
		// Counters a replica may not have caught up with decide the refusal.
		Database::reads_to_primary( $this->wpdb );
		$now         = time();
		$today       = self::day_start( $now );
		$month       = TokenMeter::month_start( $now );
		$used        = $this->used( self::DAY_KEY, $agent->id, $today );
		$month_used  = $this->used( self::MONTH_KEY, $agent->id, $month );
		$tokens_used = $this->tokens->used( $agent->id, $now );
		// Money in cents, rounded up: a budget is spent once the meter reaches it.
		$spent_cents = (int) ceil( $this->tokens->spent( $agent->id, $now ) / TokenMeter::MICROS_PER_CENT );
		$state       = array(
			'daily_proposals'      => $agent->daily_proposal_budget,
			'used_today'           => $used,
			'remaining_today'      => max( 0, $agent->daily_proposal_budget - $used ),
			'resets_at'            => gmdate( 'Y-m-d\TH:i:s', $today + DAY_IN_SECONDS ),
			'monthly_proposals'    => $agent->monthly_proposal_budget,
			'used_this_month'      => $month_used,
			'remaining_this_month' => $agent->monthly_proposal_budget > 0 ? max( 0, $agent->monthly_proposal_budget - $month_used ) : null,
			'monthly_tokens'       => $agent->monthly_token_budget,
			'tokens_this_month'    => $tokens_used,
			'tokens_remaining'     => $agent->monthly_token_budget > 0 ? max( 0, $agent->monthly_token_budget - $tokens_used ) : null,
			'monthly_spend'        => $agent->monthly_spend_budget,
			'spend_this_month'     => $spent_cents,
			'spend_remaining'      => $agent->monthly_spend_budget > 0 ? max( 0, $agent->monthly_spend_budget - $spent_cents ) : null,
			'currency'             => (string) $this->settings->get( 'currency' ),
			'month_resets_at'      => gmdate( 'Y-m-d\TH:i:s', (int) strtotime( '+1 month', $month ) ),
		);

		$state['exhausted'] = match ( true ) {
			$state['remaining_today'] <= 0 => self::DAILY_PROPOSALS,
			0 === $state['remaining_this_month'] => self::MONTHLY_PROPOSALS,
			0 === $state['tokens_remaining'] => self::MONTHLY_TOKENS,
			0 === $state['spend_remaining'] => self::MONTHLY_SPEND,
			default => null,
		};
		return $state;
	}

	/**
	 * Refuses a new proposal once any budget is spent, naming the first one that is.
	 *
	 * @param Agent $agent Agent.
	 */
	public function check( Agent $agent ): true|WP_Error {
		$state = $this->state( $agent );
		return match ( $state['exhausted'] ) {
			self::DAILY_PROPOSALS   => $this->exceeded( self::DAILY_PROPOSALS, __( 'This agent has used its proposal budget for today.', 'countersign' ), $state['resets_at'] ),
			self::MONTHLY_PROPOSALS => $this->exceeded( self::MONTHLY_PROPOSALS, __( 'This agent has used its proposal budget for this month.', 'countersign' ), $state['month_resets_at'] ),
			self::MONTHLY_TOKENS    => $this->exceeded( self::MONTHLY_TOKENS, __( 'This agent has used its token budget for this month.', 'countersign' ), $state['month_resets_at'] ),
			self::MONTHLY_SPEND     => $this->exceeded( self::MONTHLY_SPEND, __( 'This agent has used its spend budget for this month.', 'countersign' ), $state['month_resets_at'] ),
			default                 => true,
		};
	}

	/**
	 * Takes one proposal from the agent's daily and monthly budgets, or refuses with the 429 of the one that is
	 * spent (nothing is taken then). Call release() with the returned time if the proposal is not stored after all.
	 *
	 * @param Agent $agent Agent.
	 * @return int|WP_Error The time the reservation was made in (its windows), or the refusal.
	 */
	public function reserve( Agent $agent ): int|WP_Error {
		Database::reads_to_primary( $this->wpdb );
		$now   = time();
		$today = self::day_start( $now );
		if ( ! $this->take( self::DAY_KEY, $agent->id, $today, $agent->daily_proposal_budget ) ) {
			return $this->exceeded( self::DAILY_PROPOSALS, __( 'This agent has used its proposal budget for today.', 'countersign' ), gmdate( 'Y-m-d\TH:i:s', $today + DAY_IN_SECONDS ) );
		}
		$month = TokenMeter::month_start( $now );
		if ( $agent->monthly_proposal_budget > 0 && ! $this->take( self::MONTH_KEY, $agent->id, $month, $agent->monthly_proposal_budget ) ) {
			$this->give_back( self::DAY_KEY, $agent->id, $today );
			return $this->exceeded( self::MONTHLY_PROPOSALS, __( 'This agent has used its proposal budget for this month.', 'countersign' ), gmdate( 'Y-m-d\TH:i:s', (int) strtotime( '+1 month', $month ) ) );
		}
		if ( $agent->monthly_proposal_budget <= 0 ) {
			// Unlimited months are still counted, so /me reports the month's use.
			$this->count( self::MONTH_KEY, $agent->id, $month );
		}
		return $now;
	}

	/**
	 * Gives back a reservation whose proposal was not stored.
	 *
	 * @param Agent $agent       Agent.
	 * @param int   $reserved_at What reserve() returned.
	 */
	public function release( Agent $agent, int $reserved_at ): void {
		$this->give_back( self::DAY_KEY, $agent->id, self::day_start( $reserved_at ) );
		$this->give_back( self::MONTH_KEY, $agent->id, TokenMeter::month_start( $reserved_at ) );
	}

	/**
	 * A window's use: its counter, or the proposals stored in it while it has none yet.
	 *
	 * @param string $prefix   Counter key prefix.
	 * @param int    $agent_id Agent.
	 * @param int    $window   Window start.
	 */
	private function used( string $prefix, int $agent_id, int $window ): int {
		$wpdb = $this->wpdb;
		$hits = $wpdb->get_var( $wpdb->prepare( "SELECT hits FROM {$wpdb->countersign_counters} WHERE counter_key = %s AND window_start = %d", $prefix . $agent_id, $window ) );
		return null === $hits ? $this->proposals->count_since( $agent_id, $window ) : (int) $hits;
	}

	/**
	 * Takes one slot of a window if one is left; returns whether it did.
	 *
	 * @param string $prefix   Counter key prefix.
	 * @param int    $agent_id Agent.
	 * @param int    $window   Window start.
	 * @param int    $budget   Slots in the window.
	 */
	private function take( string $prefix, int $agent_id, int $window, int $budget ): bool {
		if ( $budget <= 0 ) {
			return false;
		}
		$wpdb = $this->wpdb;
		$key  = $prefix . $agent_id;
		if ( 1 === (int) $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->countersign_counters} SET hits = hits + 1 WHERE counter_key = %s AND window_start = %d AND hits < %d", $key, $window, $budget ) ) ) {
			return true;
		}
		// No slot, or no row yet: the window's first reservation seeds it from the proposals already stored.
		$seed = $this->proposals->count_since( $agent_id, $window );
		if ( $seed >= $budget ) {
			return false;
		}
		return (int) $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, %d) ON DUPLICATE KEY UPDATE hits = IF(hits < %d, hits + 1, hits)", $key, $window, $seed + 1, $budget ) ) > 0;
	}

	/**
	 * Counts one use of a window without a limit.
	 *
	 * @param string $prefix   Counter key prefix.
	 * @param int    $agent_id Agent.
	 * @param int    $window   Window start.
	 */
	private function count( string $prefix, int $agent_id, int $window ): void {
		$wpdb = $this->wpdb;
		$key  = $prefix . $agent_id;
		if ( 1 === (int) $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->countersign_counters} SET hits = hits + 1 WHERE counter_key = %s AND window_start = %d", $key, $window ) ) ) {
			return;
		}
		$seed = $this->proposals->count_since( $agent_id, $window );
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, %d) ON DUPLICATE KEY UPDATE hits = hits + 1", $key, $window, $seed + 1 ) );
	}

	/**
	 * Gives one slot back.
	 *
	 * @param string $prefix   Counter key prefix.
	 * @param int    $agent_id Agent.
	 * @param int    $window   Window start.
	 */
	private function give_back( string $prefix, int $agent_id, int $window ): void {
		$wpdb = $this->wpdb;
		$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->countersign_counters} SET hits = hits - 1 WHERE counter_key = %s AND window_start = %d AND hits > 0", $prefix . $agent_id, $window ) );
	}

	/**
	 * The start of the UTC day.
	 *
	 * @param int $now Unix time.
	 */
	private static function day_start( int $now ): int {
		return (int) strtotime( gmdate( 'Y-m-d 00:00:00', $now ) . ' UTC' );
	}

	/**
	 * The 429.
	 *
	 * @param string $rule      Which budget.
	 * @param string $message   Message.
	 * @param string $resets_at When it refills (ISO 8601, UTC).
	 */
	private function exceeded( string $rule, string $message, string $resets_at ): WP_Error {
		return new WP_Error(
			'countersign_budget_exceeded',
			$message,
			array(
				'status'      => 429,
				'rule'        => $rule,
				'budget'      => $rule,
				'resets_at'   => $resets_at,
				'retry_after' => max( 1, (int) strtotime( $resets_at . 'Z' ) - time() ),
			)
		);
	}
}
