<?php
/**
 * Decisions that do not apply anything: reject and withdraw.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use Countersign\Audit\AuditLog;
use Countersign\Policy\Capabilities;
use Countersign\Support\Database;
use WP_Error;

/**
 * Rejects (a reviewer) and withdraws (the proposing agent), each a compare-and-swap plus its audit row in one
 * transaction.
 */
final class Decisions {

	/**
	 * Constructor.
	 *
	 * @param Database           $db        Database.
	 * @param ProposalRepository $proposals Proposals.
	 * @param StateMachine       $states    States.
	 * @param AuditLog           $audit     Audit.
	 */
	public function __construct(
		private readonly Database $db,
		private readonly ProposalRepository $proposals,
		private readonly StateMachine $states,
		private readonly AuditLog $audit
	) {}

	/**
	 * Rejects a proposal.
	 *
	 * @param int    $proposal_id Proposal.
	 * @param int    $user_id     Reviewer.
	 * @param string $reason      Why.
	 * @return Proposal|WP_Error
	 */
	public function reject( int $proposal_id, int $user_id, string $reason ): Proposal|WP_Error {
		if ( ! user_can( $user_id, Capabilities::REVIEW_PROPOSAL, $proposal_id ) ) {
			return new WP_Error( 'rest_forbidden', __( 'You may not decide this proposal.', 'countersign' ), array( 'status' => 403 ) );
		}
		return $this->decide( $proposal_id, $user_id, StateMachine::REJECTED, 'reject', $reason, 'proposal.rejected' );
	}

	/**
	 * Withdraws a proposal on behalf of its agent.
	 *
	 * @param int $proposal_id Proposal.
	 * @param int $agent_id    The agent asking.
	 * @return Proposal|WP_Error
	 */
	public function withdraw( int $proposal_id, int $agent_id ): Proposal|WP_Error {
		$proposal = $this->proposals->find( $proposal_id );
		if ( null === $proposal || $proposal->agent_id !== $agent_id ) {
			return new WP_Error( 'rest_forbidden', __( 'Only the agent that made a proposal may withdraw it.', 'countersign' ), array( 'status' => 403 ) );
		}
		return $this->decide( $proposal_id, $agent_id, StateMachine::WITHDRAWN, 'withdraw', '', 'proposal.withdrawn' );
	}

	/**
	 * The shared compare-and-swap, decision record and audit row.
	 *
	 * @param int    $proposal_id Proposal.
	 * @param int    $user_id     Who.
	 * @param string $to          New state.
	 * @param string $action      Decision action.
	 * @param string $reason      Reason.
	 * @param string $audit       Audit action.
	 * @return Proposal|WP_Error
	 */
	private function decide( int $proposal_id, int $user_id, string $to, string $action, string $reason, string $audit ): Proposal|WP_Error {
		return $this->db->transaction(
			function () use ( $proposal_id, $user_id, $to, $action, $reason, $audit ) {
				$proposal = $this->proposals->find( $proposal_id );
				if ( null === $proposal || ! $this->states->transition( $proposal_id, $proposal->state, $to ) ) {
					return new WP_Error( 'countersign_invalid_state', __( 'This proposal has already been decided.', 'countersign' ), array( 'status' => 409 ) );
				}
				$this->proposals->set_decision(
					$proposal_id,
					array(
						'user'   => $user_id,
						'time'   => gmdate( 'Y-m-d\TH:i:s' ),
						'action' => $action,
						'reason' => $reason,
						'edited' => false,
					)
				);
				$this->audit->append(
					$audit,
					array(
						'object_type' => $proposal->post_type,
						'object_id'   => $proposal->post,
						'proposal_id' => $proposal_id,
						'agent_id'    => $proposal->agent_id,
						'details'     => array( 'reason' => $reason ),
					)
				);
				return $this->proposals->find( $proposal_id ) ?? $proposal;
			}
		);
	}
}
