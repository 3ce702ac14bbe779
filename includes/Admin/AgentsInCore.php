<?php
/**
 * Agents stay recognisable on core's own screens.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Agents\AgentRepository;
use Countersign\Proposals\ProposalRepository;
use WP_Post;
use WP_User;

/**
 * Where core shows users and revisions, an agent is said to be one:
 *
 * - the Users list has an Agent column (label, preset, status, with a link to the Agents screen);
 * - core's Revisions screen names the agent whose proposal a revision applied, beside the reviewer who approved it;
 * - an agent's role can do at most what an editor can: contributor, author, editor, or a lesser role such as
 *   subscriber. Core's Users screens offer no other role for an agent, and any other way of giving it one (bulk
 *   "Change role to", REST, WP-CLI, a plugin) is undone at once and said in a notice, instead of leaving
 *   Countersign to read the agent as something it is not.
 */
final class AgentsInCore {

	/** Per-user transient holding the "role kept" notice for the next admin page. */
	private const NOTICE = 'countersign_role_kept_';

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 */
	public function __construct( private readonly AgentRepository $agents ) {}

	/**
	 * Hooks the column, the revisions, the role guard and its notice.
	 */
	public function register(): void {
		add_filter( 'manage_users_columns', array( $this, 'columns' ) );
		add_filter( 'manage_users_custom_column', array( $this, 'column' ), 10, 3 );
		add_filter( 'wp_prepare_revision_for_js', array( $this, 'revision' ), 10, 2 );
		add_filter( 'editable_roles', array( $this, 'editable_roles' ) );
		add_action( 'set_user_role', array( $this, 'keep_role' ), 10, 3 );
		add_action( 'add_user_role', array( $this, 'refuse_added_role' ), 10, 2 );
		add_action( 'admin_notices', array( $this, 'notice' ) );
	}

	/**
	 * `manage_users_columns`: an Agent column after the role.
	 *
	 * @param array<string, string> $columns Columns.
	 * @return array<string, string>
	 */
	public function columns( array $columns ): array {
		$out = array();
		foreach ( $columns as $key => $label ) {
			$out[ $key ] = $label;
			if ( 'role' === $key ) {
				$out['countersign_agent'] = __( 'Agent', 'countersign' );
			}
		}
		$out['countersign_agent'] ??= __( 'Agent', 'countersign' );
		return $out;
	}

	/**
	 * `manage_users_custom_column`: for an agent, "Agent: Claude", linked to the Agents screen, over its preset and,
	 * unless active, its status.
	 *
	 * @param string $output  Column output so far.
	 * @param string $column  Column.
	 * @param int    $user_id User.
	 */
	public function column( string $output, string $column, int $user_id ): string {
		if ( 'countersign_agent' !== $column ) {
			return $output;
		}
		$agent = $this->agents->find( $user_id );
		if ( null === $agent ) {
			return $output;
		}
		$status = 'active' === $agent->status ? '' : ' · ' . $agent->status;
		return sprintf(
			'<a href="%1$s" class="countersign-agent-mark">%2$s</a><br /><span class="description">%3$s%4$s</span>',
			esc_url( admin_url( 'admin.php?page=countersign-agents' ) ),
			/* translators: %s: the agent's label. */
			esc_html( sprintf( __( 'Agent: %s', 'countersign' ), $agent->label ) ),
			esc_html( ucfirst( str_replace( '_', ' ', $agent->preset ) ) ),
			esc_html( $status )
		);
	}

	/**
	 * `wp_prepare_revision_for_js`: a revision a proposal made reads "Jane Doe, approving Claude's proposal #12".
	 *
	 * @param array<string, mixed> $data     The revision as the Revisions screen gets it.
	 * @param WP_Post              $revision The revision.
	 * @return array<string, mixed>
	 */
	public function revision( array $data, WP_Post $revision ): array {
		$proposal_id = (int) get_metadata( 'post', $revision->ID, ProposalRepository::META_REVISION_OF, true );
		$proposal    = $proposal_id > 0 ? get_post( $proposal_id ) : null;
		if ( null === $proposal || ! isset( $data['author'] ) || ! is_array( $data['author'] ) ) {
			return $data;
		}
		$agent = $this->agents->find( (int) $proposal->post_author );
		$name  = null === $agent ? '' : $agent->label;
		if ( (int) $revision->post_author === (int) $proposal->post_author ) {
			/* translators: 1: agent, 2: proposal id. */
			$data['author']['name'] = sprintf( __( '%1$s, applying its own proposal #%2$d', 'countersign' ), $name, $proposal_id );
		} else {
			/* translators: 1: the reviewer who approved, 2: the agent that proposed, 3: proposal id. */
			$data['author']['name'] = sprintf( __( '%1$s, approving %2$s’s proposal #%3$d', 'countersign' ), (string) $data['author']['name'], $name, $proposal_id );
		}
		return $data;
	}

	/**
	 * `editable_roles`: on an agent's profile screen, only the roles an agent may have.
	 *
	 * @param array<string, mixed> $roles Roles.
	 * @return array<string, mixed>
	 */
	public function editable_roles( array $roles ): array {
		global $pagenow;
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- which profile is shown, nothing is changed here.
		$user_id = 'user-edit.php' === $pagenow && isset( $_GET['user_id'] ) ? absint( $_GET['user_id'] ) : 0;
		if ( 0 === $user_id || ! $this->agents->is_agent( $user_id ) ) {
			return $roles;
		}
		return array_filter( $roles, fn( string $role ): bool => self::allowed( $role ), ARRAY_FILTER_USE_KEY );
	}

	/**
	 * Whether an agent may have a role: contributor, author or editor, or a role that can do no more than an editor
	 * (subscriber, say, to keep an agent from writing). Administrator, or any role with a capability an editor lacks,
	 * may not.
	 *
	 * @param string $role Role.
	 */
	private static function allowed( string $role ): bool {
		if ( in_array( $role, AgentRepository::ROLES, true ) ) {
			return true;
		}
		$object = get_role( $role );
		$editor = get_role( 'editor' );
		if ( null === $object || null === $editor ) {
			return false;
		}
		return array() === array_diff_key( array_filter( $object->capabilities ), array_filter( $editor->capabilities ) );
	}

	/**
	 * `set_user_role`: an agent given a role it may not have gets its last one back, and the person is told.
	 *
	 * @param int          $user_id   User.
	 * @param string       $role      The new role.
	 * @param list<string> $old_roles The roles before.
	 */
	public function keep_role( int $user_id, string $role, array $old_roles ): void {
		if ( self::allowed( $role ) || ! $this->agents->is_agent( $user_id ) ) {
			return;
		}
		$kept = array_values( array_filter( $old_roles, fn( string $old ): bool => self::allowed( $old ) ) )[0] ?? 'contributor';
		$user = new WP_User( $user_id );
		$user->set_role( $kept );
		$this->said( $user_id, $role, $kept );
	}

	/**
	 * `add_user_role`: a second role an agent may not have is taken away again.
	 *
	 * @param int    $user_id User.
	 * @param string $role    The role added.
	 */
	public function refuse_added_role( int $user_id, string $role ): void {
		if ( self::allowed( $role ) || ! $this->agents->is_agent( $user_id ) ) {
			return;
		}
		$user = new WP_User( $user_id );
		$user->remove_role( $role );
		$this->said( $user_id, $role, (string) ( array_values( $user->roles )[0] ?? '' ) );
	}

	/**
	 * `admin_notices`: the "role kept" notice, once.
	 */
	public function notice(): void {
		$key  = self::NOTICE . get_current_user_id();
		$text = get_transient( $key );
		if ( ! is_string( $text ) || '' === $text ) {
			return;
		}
		delete_transient( $key );
		wp_admin_notice(
			esc_html( $text ),
			array(
				'type' => 'warning',
				'id'   => 'countersign-role-kept',
			)
		);
	}

	/**
	 * Keeps the notice for the person who tried.
	 *
	 * @param int    $user_id The agent.
	 * @param string $refused The role refused.
	 * @param string $kept    The role it keeps.
	 */
	private function said( int $user_id, string $refused, string $kept ): void {
		$agent = $this->agents->find( $user_id );
		$names = wp_roles()->get_names();
		$text  = sprintf(
			/* translators: 1: agent, 2: the role refused, 3: the role kept. */
			__( '%1$s is an agent and cannot be %2$s: it stays %3$s. An agent can do at most what an editor can, and never more than its preset allows. Change it on Countersign → Agents.', 'countersign' ),
			null === $agent ? (string) $user_id : $agent->label,
			translate_user_role( (string) ( $names[ $refused ] ?? $refused ) ),
			translate_user_role( (string) ( $names[ $kept ] ?? $kept ) )
		);
		set_transient( self::NOTICE . get_current_user_id(), $text, 5 * MINUTE_IN_SECONDS );
	}
}
