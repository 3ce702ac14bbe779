<?php
/**
 * Proposal budgets.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Limits;

use Countersign\Agents\Agent;
use Countersign\Proposals\ProposalRepository;
use WP_Error;

/**
 * Proposals an agent may submit per UTC day.
 */
final class Budget {

	/**
	 * Constructor.
	 *
	 * @param ProposalRepository $proposals Proposals (counted by their indexed author and date columns).
	 */
	public function __construct( private readonly ProposalRepository $proposals ) {}

	/**
	 * Today's use.
	 *
	 * @param Agent $agent Agent.
	 * @return array{daily_proposals: int, used_today: int, remaining_today: int, resets_at: string}
	 */
	public function state( Agent $agent ): array {
		$today = (int) strtotime( gmdate( 'Y-m-d 00:00:00' ) . ' UTC' );
		$used  = $this->proposals->count_since( $agent->id, $today );
		return array(
			'daily_proposals' => $agent->daily_proposal_budget,
			'used_today'      => $used,
			'remaining_today' => max( 0, $agent->daily_proposal_budget - $used ),
			'resets_at'       => gmdate( 'Y-m-d\TH:i:s', $today + DAY_IN_SECONDS ),
		);
	}

	/**
	 * Refuses a new proposal once the day's budget is spent.
	 *
	 * @param Agent $agent Agent.
	 */
	public function check( Agent $agent ): true|WP_Error {
		$state = $this->state( $agent );
		if ( $state['remaining_today'] > 0 ) {
			return true;
		}
		return new WP_Error(
			'countersign_budget_exceeded',
			__( 'This agent has used its proposal budget for today.', 'countersign' ),
			array(
				'status'    => 429,
				'rule'      => 'daily_proposal_budget',
				'resets_at' => $state['resets_at'],
			)
		);
	}
}
