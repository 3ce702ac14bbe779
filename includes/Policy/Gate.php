<?php
/**
 * The one place that decides what an agent may do.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentRole;
use Countersign\Limits\Budget;
use Countersign\Proposals\ChangeSet;
use Countersign\Proposals\SiteSettings;
use Countersign\Proposals\Proposal;
use WP_Error;
use WP_Post;

/**
 * Status AND kill switch AND preset group AND the agent's role on the post AND risk policy AND confirmation.
 * REST, CLI and Abilities all ask here; nothing else checks an agent's permissions.
 */
final class Gate {

	/** From this risk level a proposal must carry a confirmation token (DESIGN §3, confirmation tokens). */
	public const TOKEN_LEVEL = 4;

	/**
	 * Constructor.
	 *
	 * @param AgentRole        $role     Write-strip filter (to ask what the role itself allows).
	 * @param CapabilityGroups $groups   Field => group mapping.
	 * @param RiskPolicy       $risk     Risk levels.
	 * @param Settings         $settings Settings.
	 * @param Intents          $intents  Confirmation tokens.
	 * @param Budget           $budget   Proposal budgets.
	 */
	public function __construct(
		private readonly AgentRole $role,
		private readonly CapabilityGroups $groups,
		private readonly RiskPolicy $risk,
		private readonly Settings $settings,
		private readonly Intents $intents,
		private readonly Budget $budget
	) {}

	/**
	 * May this agent make any request at all right now?
	 *
	 * @param Agent $agent Agent.
	 */
	public function check_agent( Agent $agent ): true|WP_Error {
		if ( Agent::STATUS_REVOKED === $agent->status ) {
			return new WP_Error( 'countersign_agent_revoked', __( 'This agent has been revoked.', 'countersign' ), array( 'status' => 401 ) );
		}
		if ( $this->settings->kill_switch() ) {
			return new WP_Error( 'countersign_kill_switch', __( 'The Countersign kill switch is on: agents are stopped on this site.', 'countersign' ), array( 'status' => 503 ) );
		}
		if ( Agent::STATUS_PAUSED === $agent->status ) {
			return new WP_Error( 'countersign_agent_paused', __( 'This agent is paused.', 'countersign' ), array( 'status' => 403 ) );
		}
		return true;
	}

	/**
	 * May this agent read this post, as a base to propose against? What its role allows (write-strip off): published
	 * posts, and drafts, pending, scheduled, private and password-protected posts where the role could edit them. A
	 * post it may not read answers as missing, so its existence does not leak.
	 *
	 * @param Agent   $agent Agent.
	 * @param WP_Post $post  Post.
	 */
	public function check_read( Agent $agent, WP_Post $post ): true|WP_Error {
		// A password-protected post's content is for those who may edit it, as in core's REST answers.
		$cap = '' === $post->post_password ? 'read_post' : 'edit_post';
		if ( $this->role->unstripped( fn() => user_can( $agent->id, $cap, $post->ID ) ) ) {
			return true;
		}
		return new WP_Error(
			'countersign_not_found',
			__( 'No such post.', 'countersign' ),
			array(
				'status' => 404,
				'field'  => 'post',
			)
		);
	}

	/**
	 * Whether the agent's role reads other authors' unpublished posts of a type (Editors), for lists that must show
	 * only what check_read() allows.
	 *
	 * @param Agent  $agent     Agent.
	 * @param string $post_type Post type.
	 */
	public function reads_others_unpublished( Agent $agent, string $post_type ): bool {
		$type = get_post_type_object( $post_type );
		if ( null === $type ) {
			return false;
		}
		$caps = array( (string) $type->cap->edit_others_posts, (string) $type->cap->read_private_posts );
		return $this->role->unstripped( fn() => user_can( $agent->id, $caps[0] ) && user_can( $agent->id, $caps[1] ) );
	}

	/**
	 * Decides a proposal: returns its risk level and the change set sanitised for the agent, or the refusal.
	 *
	 * @param Agent        $agent     Agent.
	 * @param ChangeSet    $changes   Validated change set.
	 * @param WP_Post|null $target    Target post, null for a new post.
	 * @param string       $post_type Post type (of the target, or of the new post).
	 * @param string|null  $token     Confirmation token, needed from risk 4.
	 * @return array{risk: int, changes: ChangeSet, needs_approval: bool, reserved_at: int}|WP_Error
	 */
	public function authorize_proposal( Agent $agent, ChangeSet $changes, ?WP_Post $target, string $post_type, ?string $token ): array|WP_Error {
		$status = $this->check_agent( $agent );
		if ( is_wp_error( $status ) ) {
			return $status;
		}
		$budget = $this->budget->check( $agent );
		if ( is_wp_error( $budget ) ) {
			return $budget;
		}
		$verdict = $this->evaluate( $agent, $changes, $target, $post_type );
		if ( null !== $verdict['refusal'] ) {
			return $verdict['refusal'];
		}
		if ( $verdict['needs_token'] ) {
			if ( null === $token || '' === $token || ! $this->intents->consume( $token, $agent, $target ? $target->ID : 0, $changes ) ) {
				return new WP_Error(
					'countersign_invalid_token',
					__( 'This change is high risk: ask for a confirmation token for exactly these changes with POST /countersign/v1/intents (or the countersign/request-confirmation ability) and send it as confirm_token.', 'countersign' ),
					array(
						'status' => 403,
						'field'  => 'confirm_token',
						'rule'   => 'risk>=' . self::TOKEN_LEVEL,
					)
				);
			}
		}
		// Last, once nothing else refuses: the proposal's place in the budgets, taken atomically (the check above
		// only spares a spent budget the policy work). The caller releases it if the proposal is not stored.
		$reserved_at = $this->budget->reserve( $agent );
		if ( is_wp_error( $reserved_at ) ) {
			return $reserved_at;
		}
		return array(
			'risk'           => $verdict['risk'],
			'changes'        => $verdict['changes'],
			'needs_approval' => $verdict['needs_approval'],
			'reserved_at'    => $reserved_at,
		);
	}

	/**
	 * May this agent stage an upload? Its preset needs media_manage and its role upload_files (write-strip off): an
	 * agent that could never propose the file may not fill the site's storage with it.
	 *
	 * @param Agent $agent Agent.
	 */
	public function check_upload( Agent $agent ): true|WP_Error {
		$status = $this->check_agent( $agent );
		if ( is_wp_error( $status ) ) {
			return $status;
		}
		if ( ! in_array( 'media_manage', $agent->groups, true ) ) {
			$refusal = $this->forbidden_group( 'file', 'media_manage' );
		} elseif ( ! $this->role->unstripped( fn(): bool => user_can( $agent->id, 'upload_files' ) ) ) {
			$refusal = $this->role_denied( 'file', 'upload_files' );
		}
		return $refusal ?? true;
	}

	/**
	 * Gives back the budget authorize_proposal() reserved, when the proposal was not stored after all.
	 *
	 * @param Agent $agent       Agent.
	 * @param int   $reserved_at The decision's `reserved_at`.
	 */
	public function release( Agent $agent, int $reserved_at ): void {
		$this->budget->release( $agent, $reserved_at );
	}

	/**
	 * What the Gate makes of a change set for an agent, without spending anything (no token is consumed, the budget
	 * and the agent's status are not asked): the groups it needs, its risk, the refusal (preset, role or level 5) if
	 * any, and whether it would need a confirmation token and a human approval. authorize_proposal() decides real
	 * proposals with it, and GET /me's operations table (Operations) is this same verdict on example change sets,
	 * so the two cannot disagree.
	 *
	 * @param Agent        $agent     Agent.
	 * @param ChangeSet    $changes   Change set.
	 * @param WP_Post|null $target    Target post, null for a new post.
	 * @param string       $post_type Post type (of the target, or of the new post).
	 * @return array{groups: list<string>, risk: int, changes: ChangeSet, refusal: WP_Error|null, needs_token: bool, needs_approval: bool, risk_reasons: list<array{field: string, kind: string, element: string, attribute: string, message: string}>}
	 */
	public function evaluate( Agent $agent, ChangeSet $changes, ?WP_Post $target, string $post_type ): array {
		// Each needed group with the field that needs it, in the order they are checked.
		// A new post needs create_edit; site settings and media-library-only changes (post 0 too) need only their own group.
		$needed = null === $target && ! SiteSettings::in( $changes ) && ! $changes->library_only() ? array( array( 'post', 'create_edit' ) ) : array();
		foreach ( $changes->fields() as $field => $value ) {
			$parts = array( "changes.{$field}" => $value );
			if ( 'meta' === $field ) {
				// Meta keys belong to different groups (SEO keys to seo): asked key by key, a refusal names the key.
				$parts = array();
				foreach ( (array) $value as $key => $item ) {
					$parts[ "changes.meta.{$key}" ] = array( $key => $item );
				}
			}
			foreach ( $parts as $path => $part ) {
				foreach ( $this->groups->groups_for( $field, $part, $target ) as $group ) {
					$needed[] = array( $path, $group );
				}
			}
		}
		// A post the agent may not read is one it cannot know of: the answer an unknown id gets, before anything else.
		$refusal = null !== $target && ! $this->may_read( $agent, $target ) ? self::unknown_post() : null;
		foreach ( null === $refusal ? $needed : array() as list( $field, $group ) ) {
			if ( ! in_array( $group, $agent->groups, true ) ) {
				$refusal = $this->forbidden_group( $field, $group );
				break;
			}
		}
		$refusal ??= $this->role->unstripped( fn() => $this->role_denies( $agent, $changes, $target, $post_type ) );

		// An agent never posts unfiltered HTML, whatever its role: the write-strip takes unfiltered_html from it.
		// Markup kses would remove from any text it sets (title, content, excerpt, every meta value, a new term's name)
		// makes the proposal level 5; the same markup written another way does not.
		// kses once per text: the findings and the sanitised copy below read the same filtered markup.
		$filtered = array();
		$kses     = static function ( mixed $text ) use ( &$filtered ): string {
			$markup = is_scalar( $text ) ? (string) $text : '';
			if ( ! isset( $filtered[ $markup ] ) ) {
				$filtered[ $markup ] = wp_kses_post( $markup );
			}
			return $filtered[ $markup ];
		};
		$findings = MarkupRisk::findings( $changes, $kses );
		$level    = $this->risk->level( $changes, $target, array() !== $findings );

		if ( null === $refusal && 5 === $level && ! $this->settings->get( 'level5_enabled' ) ) {
			$refusal = new WP_Error(
				'countersign_risk_disabled',
				sprintf(
					/* translators: 1: field name such as content, 2: what kses would remove, such as "a <script> element". */
					__( 'The %1$s carries markup this agent may not post unfiltered (%2$s): risk level 5, and level 5 proposals are disabled.', 'countersign' ),
					$findings[0]['field'],
					$findings[0]['message']
				),
				array(
					'status'  => 403,
					'field'   => 'changes.' . $findings[0]['field'],
					'rule'    => 'level5_enabled',
					'reasons' => $findings,
				)
			);
		}
		return array(
			'groups'         => array_values( array_unique( array_column( $needed, 1 ) ) ),
			'risk'           => $level,
			// Level 5 content is kept as sent; it is sanitised again with the approver's rights when applied.
			'changes'        => 5 === $level ? $changes : $changes->sanitized( $kses ),
			'refusal'        => $refusal,
			'needs_token'    => $level >= self::TOKEN_LEVEL,
			'needs_approval' => $this->risk->needs_approval( $level, $agent->autonomy ) || $this->settings->kill_switch(),
			'risk_reasons'   => $findings,
		);
	}

	/**
	 * Whether an agent may read a post now, by its role (the write-strip off: reads follow the role). Asked before
	 * anything else about a target, so a post it may not read answers exactly as a post that does not exist, and on
	 * every read of a proposal, so losing access to a post also hides what the post has become.
	 *
	 * @param Agent   $agent Agent.
	 * @param WP_Post $post  Post.
	 */
	public function may_read( Agent $agent, WP_Post $post ): bool {
		return (bool) $this->role->unstripped( fn(): bool => user_can( $agent->id, 'read_post', $post->ID ) );
	}

	/**
	 * Judges an approval on what would be written: the proposal with the reviewer's edits. The reviewer must hold every
	 * core capability the final change needs on the target (publish, delete, another author, terms...); its risk is
	 * the higher of the proposal's and the final set's (so the quorum counts for it); and edits may not add a change
	 * of confirmation level the agent never confirmed with a token. Returns the risk the approval is decided at.
	 *
	 * @param int          $user_id  Reviewer.
	 * @param Proposal     $proposal The proposal as stored.
	 * @param ChangeSet    $final    Proposal plus edits.
	 * @param WP_Post|null $target   Target, null for a new post.
	 */
	public function authorize_approval( int $user_id, Proposal $proposal, ChangeSet $final, ?WP_Post $target ): int|WP_Error {
		$stored = $proposal->changes->fields();
		$path   = fn( string $field ): string => ( array_key_exists( $field, $stored ) && $stored[ $field ] === $final->fields()[ $field ] ? 'changes.' : 'edits.' ) . $field;
		foreach ( $final->fields() as $field => $value ) {
			foreach ( $this->groups->core_caps_for( $field, $value, $target, $proposal->post_type ) as $check ) {
				if ( ! user_can( $user_id, ...$check ) ) {
					return $this->reviewer_denied( $path( $field ), (string) $check[0] );
				}
			}
		}
		foreach ( $final->missing_terms() as $taxonomy => $names ) {
			$cap = (string) get_taxonomy( $taxonomy )?->cap->manage_terms;
			if ( ! user_can( $user_id, $cap ) ) {
				return $this->reviewer_denied( $path( 'terms' ) . ".{$taxonomy}", $cap );
			}
		}
		// Markup is judged on the agent's own values (the stored risk); a reviewer's edits follow the reviewer's kses.
		$level = max( $proposal->risk, $this->risk->level( $final, $target, false ) );
		if ( $level >= self::TOKEN_LEVEL && $proposal->risk < self::TOKEN_LEVEL ) {
			$raised = 'edits';
			foreach ( $final->fields() as $field => $value ) {
				if ( $this->risk->field_level( $field, $value, $target ) >= self::TOKEN_LEVEL ) {
					$raised = $path( $field );
					break;
				}
			}
			return new WP_Error(
				'countersign_invalid_token',
				__( 'These edits make the change high risk (publish, trash, author, a published slug...), which the agent never confirmed. Approve the proposal as it is and make that change yourself, or ask the agent to propose it.', 'countersign' ),
				array(
					'status' => 403,
					'field'  => $raised,
					'rule'   => 'risk>=' . self::TOKEN_LEVEL,
				)
			);
		}
		return $level;
	}

	/**
	 * The change set as an approver may post it, the way core treats their own edits: as it is with unfiltered_html;
	 * otherwise HTML fields through kses, and meta text kses would remove something from through kses too (text it
	 * would only re-encode is written as it is).
	 *
	 * @param int       $user_id Approver.
	 * @param ChangeSet $changes Proposal plus edits.
	 */
	public function for_approver( int $user_id, ChangeSet $changes ): ChangeSet {
		if ( user_can( $user_id, 'unfiltered_html' ) ) {
			return $changes;
		}
		return $changes->sanitized(
			'wp_kses_post',
			static function ( string $text ): string {
				$kept = wp_kses_post( $text );
				return array() === MarkupRisk::removed( $text, $kept ) ? $text : $kept;
			}
		);
	}

	/**
	 * The one answer for a target post that does not exist, is not a type agents may change, or is one the agent may
	 * not read (REST controllers give it too, so the three cannot be told apart).
	 */
	public static function unknown_post(): WP_Error {
		return new WP_Error(
			'countersign_not_found',
			__( 'No such post.', 'countersign' ),
			array(
				'status' => 404,
				'field'  => 'post',
			)
		);
	}

	/**
	 * A reviewer lacks a capability the final change needs.
	 *
	 * @param string $field Field.
	 * @param string $cap   Capability.
	 */
	private function reviewer_denied( string $field, string $cap ): WP_Error {
		return new WP_Error(
			'rest_forbidden',
			/* translators: %s: capability. */
			sprintf( __( 'You may not approve this: applying it needs %s, which you do not have on this post.', 'countersign' ), $cap ),
			array(
				'status' => 403,
				'field'  => $field,
				'rule'   => 'cap:' . $cap,
			)
		);
	}

	/**
	 * Whether the agent's own role (write-strip off) allows each change on the target.
	 *
	 * @param Agent        $agent     Agent.
	 * @param ChangeSet    $changes   Change set.
	 * @param WP_Post|null $target    Target.
	 * @param string       $post_type Post type.
	 */
	private function role_denies( Agent $agent, ChangeSet $changes, ?WP_Post $target, string $post_type ): ?WP_Error {
		foreach ( $changes->fields() as $field => $value ) {
			if ( SiteSettings::FIELD === $field ) {
				// No agent role holds manage_options; the group grants the proposal and the approver needs the cap.
				continue;
			}
			// The first check is the post itself (edit it, or create one of its type); the rest are the field's.
			foreach ( $this->groups->core_caps_for( $field, $value, $target, $post_type ) as $i => $check ) {
				if ( ! user_can( $agent->id, ...$check ) ) {
					$creates = 0 === $i && null === $target && ! in_array( $field, ChangeSet::LIBRARY_FIELDS, true );
					return $this->role_denied( $creates ? 'post' : "changes.{$field}", (string) $check[0] );
				}
			}
		}
		foreach ( $changes->missing_terms() as $taxonomy => $names ) {
			$cap = (string) get_taxonomy( $taxonomy )?->cap->manage_terms;
			if ( ! user_can( $agent->id, $cap ) ) {
				return $this->role_denied( "changes.terms.{$taxonomy}", $cap );
			}
		}
		return null;
	}

	/**
	 * The preset lacks a group.
	 *
	 * @param string $field Field.
	 * @param string $group Group.
	 */
	private function forbidden_group( string $field, string $group ): WP_Error {
		return new WP_Error(
			'countersign_forbidden_group',
			/* translators: %s: capability group. */
			sprintf( __( 'This agent\'s preset does not include the %s group.', 'countersign' ), $group ),
			array(
				'status' => 403,
				'field'  => $field,
				'rule'   => 'group:' . $group,
			)
		);
	}

	/**
	 * The role lacks a capability.
	 *
	 * @param string $field Field.
	 * @param string $cap   Capability.
	 */
	private function role_denied( string $field, string $cap ): WP_Error {
		return new WP_Error(
			'countersign_role_denies',
			/* translators: %s: capability. */
			sprintf( __( 'This agent\'s role does not allow %s on this post.', 'countersign' ), $cap ),
			array(
				'status' => 403,
				'field'  => $field,
				'rule'   => 'cap:' . $cap,
			)
		);
	}
}
