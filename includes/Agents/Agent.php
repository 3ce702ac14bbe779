<?php
/**
 * An agent: a WordPress user with Countersign's agent record.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Agents;

/**
 * Immutable view of one agent.
 */
final class Agent {

	public const STATUS_ACTIVE  = 'active';
	public const STATUS_PAUSED  = 'paused';
	public const STATUS_REVOKED = 'revoked';

	/**
	 * Constructor.
	 *
	 * @param int          $id                    The agent's user id.
	 * @param string       $user_login            Its login.
	 * @param string       $role                  contributor, author or editor.
	 * @param string       $label                 Human name ("Claude on my MacBook").
	 * @param string       $description           What it is for.
	 * @param string       $color                 Hex colour for its identity chip.
	 * @param string       $preset                Preset slug.
	 * @param list<string> $groups                Capability groups (for the custom preset).
	 * @param string       $autonomy              supervised or autonomous.
	 * @param int          $rate_limit            Requests per rate-limit window.
	 * @param int          $daily_proposal_budget Proposals a day.
	 * @param string       $status                active, paused or revoked.
	 * @param int          $created_by            The administrator who created it.
	 * @param string       $created_at            ISO 8601, UTC.
	 * @param string|null  $last_seen_at          ISO 8601, UTC.
	 * @param int          $monthly_proposal_budget Proposals a UTC month (0 = no monthly limit).
	 * @param int          $monthly_token_budget    Tokens a UTC month: tokens_in + tokens_out reported in `source`
	 *                                              (0 = no limit).
	 * @param string|null  $auto_paused_at          ISO 8601, UTC: when auto-pause paused it (null once resumed).
	 * @param int          $monthly_spend_budget    Cents of the site's currency a UTC month, at the model prices in
	 *                                              the settings (0 = no limit).
	 */
	public function __construct(
		public readonly int $id,
		public readonly string $user_login,
		public readonly string $role,
		public readonly string $label,
		public readonly string $description,
		public readonly string $color,
		public readonly string $preset,
		public readonly array $groups,
		public readonly string $autonomy,
		public readonly int $rate_limit,
		public readonly int $daily_proposal_budget,
		public readonly string $status,
		public readonly int $created_by,
		public readonly string $created_at,
		public readonly ?string $last_seen_at,
		public readonly int $monthly_proposal_budget = 0,
		public readonly int $monthly_token_budget = 0,
		public readonly ?string $auto_paused_at = null,
		public readonly int $monthly_spend_budget = 0
	) {}

	/**
	 * The record kept in user meta.
	 *
	 * @return array<string, mixed>
	 */
	public function meta(): array {
		return array(
			'label'                   => $this->label,
			'description'             => $this->description,
			'color'                   => $this->color,
			'preset'                  => $this->preset,
			'groups'                  => $this->groups,
			'autonomy'                => $this->autonomy,
			'rate_limit'              => $this->rate_limit,
			'daily_proposal_budget'   => $this->daily_proposal_budget,
			'status'                  => $this->status,
			'created_by'              => $this->created_by,
			'created_at'              => $this->created_at,
			'last_seen_at'            => $this->last_seen_at,
			'monthly_proposal_budget' => $this->monthly_proposal_budget,
			'monthly_token_budget'    => $this->monthly_token_budget,
			'auto_paused_at'          => $this->auto_paused_at,
			'monthly_spend_budget'    => $this->monthly_spend_budget,
		);
	}

	/**
	 * The agent as the REST API shows it.
	 *
	 * @return array<string, mixed>
	 */
	public function to_array(): array {
		return array(
			'id'         => $this->id,
			'user_login' => $this->user_login,
			'role'       => $this->role,
		) + $this->meta();
	}

	/**
	 * A copy with some fields changed.
	 *
	 * @param array<string, mixed> $changes Field => value.
	 */
	public function with( array $changes ): self {
		$values = array_merge( $this->to_array(), $changes );
		return new self(
			(int) $values['id'],
			(string) $values['user_login'],
			(string) $values['role'],
			(string) $values['label'],
			(string) $values['description'],
			(string) $values['color'],
			(string) $values['preset'],
			array_values( array_map( 'strval', (array) $values['groups'] ) ),
			(string) $values['autonomy'],
			(int) $values['rate_limit'],
			(int) $values['daily_proposal_budget'],
			(string) $values['status'],
			(int) $values['created_by'],
			(string) $values['created_at'],
			null === $values['last_seen_at'] ? null : (string) $values['last_seen_at'],
			(int) $values['monthly_proposal_budget'],
			(int) $values['monthly_token_budget'],
			null === $values['auto_paused_at'] ? null : (string) $values['auto_paused_at'],
			(int) $values['monthly_spend_budget']
		);
	}
}
