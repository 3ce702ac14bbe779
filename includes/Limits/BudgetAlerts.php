<?php
/**
 * Budget thresholds: 80% and 100%, once per budget per period.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Limits;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentRepository;
use Countersign\Proposals\Proposal;
use wpdb;

/**
 * After each stored proposal (and its metering), sees whether the agent's use of any budget (proposals today,
 * proposals this month, tokens this month, spend this month) has reached 80% or 100%, and fires
 * `countersign_budget_threshold` once per agent, budget, threshold and period: the claim is one `INSERT IGNORE` into
 * the counters table whose row count says which request got it, so several web servers crossing a threshold at
 * once send one email, whatever the object cache holds.
 */
final class BudgetAlerts {

	/** Counter keys of claimed alerts: `alert:RULE:THRESHOLD:AGENT`, the period's start as the window. */
	public const PREFIX = 'alert:';

	/** The thresholds, in percent of a budget. */
	public const THRESHOLDS = array( 80, 100 );

	/**
	 * Constructor.
	 *
	 * @param wpdb            $wpdb   Database, with the table names Schema gave it.
	 * @param AgentRepository $agents Agents.
	 * @param Budget          $budget Budget state.
	 */
	public function __construct( private readonly wpdb $wpdb, private readonly AgentRepository $agents, private readonly Budget $budget ) {}

	/**
	 * Runs after the budget's own meter.
	 */
	public function register(): void {
		add_action( 'countersign_proposal_submitted', array( $this, 'check' ), 20 );
	}

	/**
	 * `countersign_proposal_submitted`: fires the thresholds the agent has just reached.
	 *
	 * @param Proposal $proposal The new proposal.
	 * @return list<array{rule: string, threshold: int}> The alerts this request claimed.
	 */
	public function check( Proposal $proposal ): array {
		$agent = $this->agents->find( $proposal->agent_id );
		if ( null === $agent ) {
			return array();
		}
		$now     = time();
		$state   = $this->budget->state( $agent );
		$day     = (int) strtotime( gmdate( 'Y-m-d 00:00:00', $now ) . ' UTC' );
		$month   = TokenMeter::month_start( $now );
		$budgets = array(
			Budget::DAILY_PROPOSALS   => array( $state['used_today'], $state['daily_proposals'], $day ),
			Budget::MONTHLY_PROPOSALS => array( $state['used_this_month'], $state['monthly_proposals'], $month ),
			Budget::MONTHLY_TOKENS    => array( $state['tokens_this_month'], $state['monthly_tokens'], $month ),
			Budget::MONTHLY_SPEND     => array( $state['spend_this_month'], $state['monthly_spend'], $month ),
		);
		$claimed = array();
		foreach ( $budgets as $rule => list( $used, $limit, $period ) ) {
			if ( $limit <= 0 ) {
				continue;
			}
			foreach ( self::THRESHOLDS as $threshold ) {
				if ( $used * 100 < $limit * $threshold || ! $this->claim( $rule, $threshold, $agent->id, $period ) ) {
					continue;
				}
				$claimed[] = array(
					'rule'      => $rule,
					'threshold' => $threshold,
				);
				/**
				 * Fires once when an agent's use of a budget reaches a threshold in a period.
				 *
				 * @param Agent  $agent     The agent.
				 * @param string $rule      The budget (daily_proposal_budget, monthly_spend_budget…).
				 * @param int    $threshold 80 or 100 (percent).
				 * @param int    $used      Its use (proposals, tokens or cents).
				 * @param int    $limit     The budget.
				 * @param string $currency  The currency of spend budgets.
				 */
				do_action( 'countersign_budget_threshold', $agent, $rule, $threshold, $used, $limit, $state['currency'] );
			}
		}
		return $claimed;
	}

	/**
	 * Takes the alert for this period, or learns another request already did.
	 *
	 * @param string $rule      Budget.
	 * @param int    $threshold Percent.
	 * @param int    $agent_id  Agent.
	 * @param int    $period    Period start.
	 */
	private function claim( string $rule, int $threshold, int $agent_id, int $period ): bool {
		$wpdb = $this->wpdb;
		return 1 === (int) $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, 1)", self::PREFIX . "{$rule}:{$threshold}:{$agent_id}", $period ) );
	}
}
