<?php
/**
 * Changes to agents: edit, pause, resume, revoke, rotate credentials.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Agents;

use Countersign\Audit\AuditLog;
use Countersign\Proposals\ProposalRepository;
use Countersign\Proposals\StateMachine;
use WP_Error;

/**
 * Every administrative change to an agent, each audited with before and after. REST and WP-CLI both call here.
 */
final class AgentManager {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository    $agents      Agents.
	 * @param Presets            $presets     Presets.
	 * @param Credentials        $credentials Application Passwords.
	 * @param ProposalRepository $proposals   Proposals (withdrawn on revoke).
	 * @param StateMachine       $states      States.
	 * @param AuditLog           $audit       Audit.
	 */
	public function __construct(
		private readonly AgentRepository $agents,
		private readonly Presets $presets,
		private readonly Credentials $credentials,
		private readonly ProposalRepository $proposals,
		private readonly StateMachine $states,
		private readonly AuditLog $audit
	) {}

	/**
	 * Updates an agent's fields. Narrowing its groups takes effect on its next request; widening them rotates its
	 * credentials (every old Application Password revoked, a new one returned once).
	 *
	 * @param Agent                $agent  Agent.
	 * @param array<string, mixed> $fields Validated fields (label, description, color, preset, groups, autonomy,
	 *                                     rate_limit, daily_proposal_budget, monthly_proposal_budget,
	 *                                     monthly_token_budget, role).
	 * @return array{agent: Agent, application_password: string|null}|WP_Error
	 */
	public function update( Agent $agent, array $fields ): array|WP_Error {
		$preset = (string) ( $fields['preset'] ?? $agent->preset );
		$custom = (array) ( $fields['groups'] ?? $agent->groups );
		if ( isset( $fields['preset'] ) || isset( $fields['groups'] ) ) {
			$fields['groups'] = $this->presets->groups( $preset, array_map( 'strval', $custom ) );
		}
		$role = (string) ( $fields['role'] ?? $agent->role );
		unset( $fields['role'] );
		$updated = $agent->with( $fields + array( 'role' => $role ) );
		$widened = array_diff( $this->effective( $updated->groups ), $this->effective( $agent->groups ) ) !== array()
			|| $this->role_rank( $role ) > $this->role_rank( $agent->role )
			|| ( 'autonomous' === $updated->autonomy && 'supervised' === $agent->autonomy );

		if ( $role !== $agent->role ) {
			$user = get_userdata( $agent->id );
			$user?->set_role( $role );
		}
		// Only the fields given: a pause or the agent's own request landing meanwhile keeps its change.
		$this->agents->update_fields( $agent->id, array_intersect_key( $updated->meta(), $fields ) );
		$password = null;
		if ( $widened && Agent::STATUS_REVOKED !== $agent->status ) {
			$this->credentials->revoke_all( $agent );
			$issued = $this->credentials->issue( $updated );
			if ( is_wp_error( $issued ) ) {
				return $issued;
			}
			$password = $issued;
		}
		$this->audit->append(
			'agent.updated',
			array(
				'object_type' => 'agent',
				'object_id'   => $agent->id,
				'agent_id'    => $agent->id,
				'details'     => array(
					'before'              => $agent->meta() + array( 'role' => $agent->role ),
					'after'               => $updated->meta() + array( 'role' => $updated->role ),
					'widened'             => $widened,
					'credentials_rotated' => null !== $password,
				),
			)
		);
		return array(
			'agent'                => $this->agents->find( $agent->id ) ?? $updated,
			'application_password' => $password,
		);
	}

	/**
	 * Pauses an agent: its next request answers 403 countersign_agent_paused.
	 *
	 * @param Agent $agent Agent.
	 */
	public function pause( Agent $agent ): Agent|WP_Error {
		return $this->set_status( $agent, Agent::STATUS_PAUSED, 'agent.paused' );
	}

	/**
	 * Auto-pause: the agent kept hitting its limits. Recorded as the system's act (not the agent's, though its own
	 * request tripped it), and announced with `countersign_agent_auto_paused` so administrators are told.
	 *
	 * @param Agent $agent    Agent.
	 * @param int   $refusals Limit refusals counted in the window.
	 * @param int   $minutes  The window.
	 */
	public function auto_pause( Agent $agent, int $refusals, int $minutes ): Agent {
		$paused = $agent->with(
			array(
				'status'         => Agent::STATUS_PAUSED,
				'auto_paused_at' => gmdate( 'Y-m-d\TH:i:s' ),
			)
		);
		// Only an active agent, once: of several requests tripping it at once on any server, one pauses it.
		if ( ! $this->agents->update_fields( $agent->id, array_intersect_key( $paused->meta(), array_flip( array( 'status', 'auto_paused_at' ) ) ), array( Agent::STATUS_ACTIVE ) ) ) {
			return $this->agents->find( $agent->id ) ?? $agent;
		}
		$details = array(
			'before'   => $agent->status,
			'after'    => Agent::STATUS_PAUSED,
			'refusals' => $refusals,
			'minutes'  => $minutes,
		);
		$this->audit->append(
			'agent.auto_paused',
			array(
				'actor_type'  => 'system',
				'actor_id'    => 0,
				'object_type' => 'agent',
				'object_id'   => $agent->id,
				'agent_id'    => $agent->id,
				'details'     => $details,
			)
		);
		/**
		 * Fires after an agent was paused for hitting its limits too often.
		 *
		 * @param Agent                $agent   The paused agent.
		 * @param array<string, mixed> $details Refusals and window.
		 */
		do_action( 'countersign_agent_auto_paused', $paused, $details );
		return $paused;
	}

	/**
	 * Resumes a paused agent.
	 *
	 * @param Agent $agent Agent.
	 */
	public function resume( Agent $agent ): Agent|WP_Error {
		return $this->set_status( $agent, Agent::STATUS_ACTIVE, 'agent.resumed' );
	}

	/**
	 * Revokes an agent for good: its Application Passwords are deleted, its open proposals withdrawn, and every
	 * later request answers 401. A request already past authentication cannot apply anything afterwards, because
	 * the Applier re-checks the agent's status under the post lock.
	 *
	 * @param Agent $agent Agent.
	 */
	public function revoke( Agent $agent ): Agent|WP_Error {
		if ( Agent::STATUS_REVOKED === $agent->status || ! $this->agents->update_fields( $agent->id, array( 'status' => Agent::STATUS_REVOKED ), array( Agent::STATUS_ACTIVE, Agent::STATUS_PAUSED ) ) ) {
			return new WP_Error( 'countersign_invalid_state', __( 'This agent is already revoked.', 'countersign' ), array( 'status' => 409 ) );
		}
		$deleted   = $this->credentials->revoke_all( $agent );
		$withdrawn = array();
		$open      = $this->proposals->query(
			array(
				'agent'  => $agent->id,
				'status' => StateMachine::DECIDABLE,
			),
			1,
			1000,
			null
		);
		foreach ( $open['items'] as $proposal ) {
			if ( $this->states->transition( $proposal->id, $proposal->state, StateMachine::WITHDRAWN ) ) {
				$withdrawn[] = $proposal->id;
			}
		}
		$this->audit->append(
			'agent.revoked',
			array(
				'object_type' => 'agent',
				'object_id'   => $agent->id,
				'agent_id'    => $agent->id,
				'details'     => array(
					'passwords_deleted'   => $deleted,
					'proposals_withdrawn' => $withdrawn,
				),
			)
		);
		return $this->agents->find( $agent->id ) ?? $agent;
	}

	/**
	 * Rotates credentials: every old Application Password revoked, a new one returned once.
	 *
	 * @param Agent $agent Agent.
	 */
	public function rotate( Agent $agent ): string|WP_Error {
		if ( Agent::STATUS_REVOKED === $agent->status ) {
			return new WP_Error( 'countersign_invalid_state', __( 'A revoked agent gets no new credentials; create a new agent.', 'countersign' ), array( 'status' => 409 ) );
		}
		$deleted  = $this->credentials->revoke_all( $agent );
		$password = $this->credentials->issue( $agent );
		$this->audit->append(
			'agent.credentials_rotated',
			array(
				'object_type' => 'agent',
				'object_id'   => $agent->id,
				'agent_id'    => $agent->id,
				'details'     => array( 'passwords_deleted' => $deleted ),
			)
		);
		return $password;
	}

	/**
	 * Pause and resume.
	 *
	 * @param Agent  $agent  Agent.
	 * @param string $status New status.
	 * @param string $action Audit action.
	 */
	private function set_status( Agent $agent, string $status, string $action ): Agent|WP_Error {
		$fields = array( 'status' => $status );
		if ( Agent::STATUS_ACTIVE === $status ) {
			$fields['auto_paused_at'] = null;
		}
		// No row changed also when the status already was this one; a revoke landing meanwhile is what refuses.
		$revoked = Agent::STATUS_REVOKED === $agent->status
			|| ( ! $this->agents->update_fields( $agent->id, $fields, array( Agent::STATUS_ACTIVE, Agent::STATUS_PAUSED ) ) && Agent::STATUS_REVOKED === ( $this->agents->find( $agent->id )->status ?? Agent::STATUS_REVOKED ) );
		if ( $revoked ) {
			return new WP_Error( 'countersign_invalid_state', __( 'A revoked agent cannot be paused or resumed.', 'countersign' ), array( 'status' => 409 ) );
		}
		$this->audit->append(
			$action,
			array(
				'object_type' => 'agent',
				'object_id'   => $agent->id,
				'agent_id'    => $agent->id,
				'details'     => array(
					'before' => $agent->status,
					'after'  => $status,
				),
			)
		);
		return $this->agents->find( $agent->id ) ?? $agent;
	}

	/**
	 * Groups that grant something here (the compatibility groups grant nothing).
	 *
	 * @param list<string> $groups Groups.
	 * @return list<string>
	 */
	private function effective( array $groups ): array {
		return array_values( array_intersect( $groups, Presets::GROUPS ) );
	}

	/**
	 * Orders roles by power.
	 *
	 * @param string $role Role.
	 */
	private function role_rank( string $role ): int {
		return (int) array_search( $role, AgentRepository::ROLES, true );
	}
}
