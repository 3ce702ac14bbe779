<?php
/**
 * Proposal and token budgets.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Limits;

use Countersign\Agents\Agent;
use Countersign\Proposals\Proposal;
use Countersign\Proposals\ProposalRepository;
use WP_Error;

/**
 * Proposals an agent may submit per UTC day and per UTC month, and tokens (as it reports them in `source`) per
 * UTC month. A budget of 0 for the monthly ones means no limit. Spent budgets refuse the next proposal with 429
 * `countersign_budget_exceeded`, naming the budget in `rule`.
 */
final class Budget {

	public const DAILY_PROPOSALS   = 'daily_proposal_budget';
	public const MONTHLY_PROPOSALS = 'monthly_proposal_budget';
	public const MONTHLY_TOKENS    = 'monthly_token_budget';

	/**
	 * Constructor.
	 *
	 * @param ProposalRepository $proposals Proposals (counted by their indexed author and date columns).
	 * @param TokenMeter         $tokens    Monthly token totals.
	 */
	public function __construct( private readonly ProposalRepository $proposals, private readonly TokenMeter $tokens ) {}

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
		$this->tokens->add( $proposal->agent_id, TokenMeter::tokens_in_source( $proposal->source ), time() );
	}

	/**
	 * The agent's budgets and their use (0 budget on a monthly line = unlimited, remaining then null), and which
	 * budget, if any, is spent (`exhausted`: the rule a new proposal would be refused with, or null).
	 *
	 * @param Agent $agent Agent.
	 * @return array{daily_proposals: int, used_today: int, remaining_today: int, resets_at: string, monthly_proposals: int, used_this_month: int, remaining_this_month: int|null, monthly_tokens: int, tokens_this_month: int, tokens_remaining: int|null, month_resets_at: string, exhausted: string|null}
	 */
	public function state( Agent $agent ): array {
		$now         = time();
		$today       = (int) strtotime( gmdate( 'Y-m-d 00:00:00', $now ) . ' UTC' );
		$month       = TokenMeter::month_start( $now );
		$used        = $this->proposals->count_since( $agent->id, $today );
		$month_used  = $this->proposals->count_since( $agent->id, $month );
		$tokens_used = $this->tokens->used( $agent->id, $now );
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
			'month_resets_at'      => gmdate( 'Y-m-d\TH:i:s', (int) strtotime( '+1 month', $month ) ),
		);

		$state['exhausted'] = match ( true ) {
			$state['remaining_today'] <= 0 => self::DAILY_PROPOSALS,
			0 === $state['remaining_this_month'] => self::MONTHLY_PROPOSALS,
			0 === $state['tokens_remaining'] => self::MONTHLY_TOKENS,
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
			default                 => true,
		};
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
