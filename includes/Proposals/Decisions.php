<?php
/**
 * Decisions that do not apply anything: reject, withdraw and expire.
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
		$this->db->primary();
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
		$this->db->primary();
		$proposal = $this->proposals->find( $proposal_id );
		if ( null === $proposal || $proposal->agent_id !== $agent_id ) {
			return new WP_Error( 'rest_forbidden', __( 'Only the agent that made a proposal may withdraw it.', 'countersign' ), array( 'status' => 403 ) );
		}
		return $this->decide( $proposal_id, $agent_id, StateMachine::WITHDRAWN, 'withdraw', '', 'proposal.withdrawn' );
	}

	/**
	 * Expires pending proposals nobody decided within `$days` days (the daily housekeeping): each is a
	 * compare-and-swap, so one decided meanwhile stays decided, with its decision record and audit row.
	 *
	 * @param int $days  Age in days; 0 expires nothing.
	 * @param int $limit Most proposals handled in one run (the next run takes the rest).
	 * @return int How many expired.
	 */
	public function expire_stale( int $days, int $limit = 500 ): int {
		if ( $days <= 0 ) {
			return 0;
		}
		$ids    = get_posts(
			array(
				'post_type'        => ProposalPostType::SLUG,
				'post_status'      => StateMachine::PENDING,
				'date_query'       => array(
					array(
						'column' => 'post_date_gmt',
						'before' => gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS ),
					),
				),
				'orderby'          => 'ID',
				'order'            => 'ASC',
				'posts_per_page'   => $limit,
				'fields'           => 'ids',
				'suppress_filters' => true,
				'no_found_rows'    => true,
			)
		);
		$reason = sprintf(
			/* translators: %d: number of days. */
			_n( 'No decision within %d day.', 'No decision within %d days.', $days, 'countersign' ),
			$days
		);
		$expired = 0;
		foreach ( $ids as $id ) {
			$expired += $this->decide( (int) $id, 0, StateMachine::EXPIRED, 'expire', $reason, 'proposal.expired' ) instanceof Proposal ? 1 : 0;
		}
		return $expired;
	}

	/**
	 * Replaces an agent's own open proposal with a revised one, atomically: the old one is withdrawn (a
	 * compare-and-swap, so a proposal decided meanwhile is not replaced) and the new one created in one transaction.
	 * Approvals recorded on the old one do not carry over. A rejected proposal is revised once: it stays rejected and
	 * names its revision.
	 *
	 * @param int                 $old_id   The proposal being revised.
	 * @param int                 $agent_id The agent asking.
	 * @param int                 $target   The new proposal's target post.
	 * @param callable():Proposal $create   Creates the new proposal.
	 * @return Proposal|WP_Error
	 */
	public function supersede( int $old_id, int $agent_id, int $target, callable $create ): Proposal|WP_Error {
		$this->db->primary();
		$old = $this->proposals->find( $old_id );
		if ( null === $old || $old->agent_id !== $agent_id || $old->post !== $target ) {
			return new WP_Error(
				'countersign_invalid_payload',
				__( 'supersedes must name one of your own proposals for the same post.', 'countersign' ),
				array(
					'status' => 400,
					'field'  => 'supersedes',
				)
			);
		}
		if ( StateMachine::REJECTED === $old->state ) {
			return $this->revise_rejected( $old, $create );
		}
		return $this->db->transaction(
			function () use ( $old, $agent_id, $create ) {
				if ( ! in_array( $old->state, StateMachine::DECIDABLE, true ) || ! $this->states->transition( $old->id, $old->state, StateMachine::WITHDRAWN ) ) {
					return new WP_Error(
						'countersign_invalid_state',
						__( 'The proposal to supersede has already been decided.', 'countersign' ),
						array(
							'status' => 409,
							'field'  => 'supersedes',
						)
					);
				}
				$new = $create();
				$this->proposals->set_decision(
					$old->id,
					array(
						'user'          => $agent_id,
						'time'          => gmdate( 'Y-m-d\TH:i:s' ),
						'action'        => 'withdraw',
						'reason'        => 'superseded',
						'edited'        => false,
						'superseded_by' => $new->id,
					)
				);
				$this->audit->append(
					'proposal.superseded',
					array(
						'object_type' => $old->post_type,
						'object_id'   => $old->post,
						'proposal_id' => $old->id,
						'details'     => array( 'superseded_by' => $new->id ),
					)
				);
				return $new;
			}
		);
	}

	/**
	 * A revision of a rejected proposal: the rejection stands (its reason stays on record) and names the revision
	 * that answers it, so the reviewer sees the history.
	 *
	 * @param Proposal            $old    The rejected proposal.
	 * @param callable():Proposal $create Creates the new proposal.
	 */
	private function revise_rejected( Proposal $old, callable $create ): Proposal|WP_Error {
		$lock = 'countersign_revise_' . $old->id;
		// One revision per rejection, also when two arrive at once: the second reads the first's mark.
		if ( ! $this->db->lock( $lock ) ) {
			return $this->already_revised();
		}
		try {
			wp_cache_delete( $old->id, 'post_meta' );
			$old = $this->proposals->find( $old->id );
			if ( null === $old || isset( $old->decision['superseded_by'] ) ) {
				return $this->already_revised();
			}
			return $this->create_revision( $old, $create );
		} finally {
			$this->db->unlock( $lock );
		}
	}

	/**
	 * The refusal of a second revision of one rejection.
	 */
	private function already_revised(): WP_Error {
		return new WP_Error(
			'countersign_invalid_state',
			__( 'This rejected proposal has already been revised.', 'countersign' ),
			array(
				'status' => 409,
				'field'  => 'supersedes',
			)
		);
	}

	/**
	 * Creates the revision and marks the rejection with it, in one transaction.
	 *
	 * @param Proposal            $old    The rejected proposal.
	 * @param callable():Proposal $create Creates the new proposal.
	 */
	private function create_revision( Proposal $old, callable $create ): Proposal {
		return $this->db->transaction(
			function () use ( $old, $create ) {
				$new = $create();
				$this->proposals->set_decision( $old->id, array( 'superseded_by' => $new->id ) + (array) $old->decision );
				$this->audit->append(
					'proposal.superseded',
					array(
						'object_type' => $old->post_type,
						'object_id'   => $old->post,
						'proposal_id' => $old->id,
						'details'     => array(
							'superseded_by' => $new->id,
							'state'         => StateMachine::public_name( $old->state ),
						),
					)
				);
				return $new;
			}
		);
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
