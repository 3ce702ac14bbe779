<?php
/**
 * Keeps agents from writing through core.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Agents;

/**
 * While the current user is an agent, every write capability is removed, so core's own write paths (REST,
 * XML-RPC, admin) answer 403 and the only way an agent changes anything is a proposal. Reads follow the role:
 * on REST GET requests the `edit_*` capabilities core checks for `context=edit` reads stay.
 *
 * The Countersign review, manage and audit capabilities are removed from agents always, whatever their role.
 */
final class AgentRole {

	/** Capabilities an agent keeps everywhere. */
	private const ALWAYS = array( 'read', 'read_private_posts', 'read_private_pages', 'level_0', 'level_1', 'level_2', 'level_3', 'level_4', 'level_5', 'level_6', 'level_7' );

	/**
	 * Meta capabilities an agent never has, not even on itself: core grants a user these on its own account
	 * without any primitive capability (editing its profile, email and password; minting Application Passwords),
	 * so the write-strip alone cannot remove them.
	 */
	private const NEVER = array( 'edit_user', 'edit_users', 'create_app_password', 'edit_app_password', 'delete_app_password', 'delete_app_passwords', 'promote_user', 'delete_user', 'remove_user' );

	/**
	 * How many callers asked to see the agent's unstripped role (nesting-safe).
	 *
	 * @var int
	 */
	private int $unstripped = 0;

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 */
	public function __construct( private readonly AgentRepository $agents ) {}

	/**
	 * Hooks the filter.
	 */
	public function register(): void {
		add_filter( 'user_has_cap', array( $this, 'filter_caps' ), PHP_INT_MAX, 4 );
		add_filter( 'map_meta_cap', array( $this, 'deny_self_management' ), PHP_INT_MAX, 4 );
	}

	/**
	 * `map_meta_cap`: an agent may not manage its own account or credentials (see NEVER).
	 *
	 * @param list<string> $caps    Primitive capabilities required.
	 * @param string       $cap     Meta capability.
	 * @param int          $user_id User.
	 * @param array<mixed> $args    Arguments.
	 * @return list<string>
	 */
	public function deny_self_management( array $caps, string $cap, int $user_id, array $args ): array {
		return in_array( $cap, self::NEVER, true ) && $this->agents->is_agent( $user_id ) ? array( 'do_not_allow' ) : $caps;
	}

	/**
	 * Evaluates $check with the write-strip off, to ask what the agent's role would allow.
	 *
	 * @template T
	 * @param callable():T $check The check.
	 * @return T
	 */
	public function unstripped( callable $check ): mixed {
		++$this->unstripped;
		try {
			return $check();
		} finally {
			--$this->unstripped;
		}
	}

	/**
	 * The `user_has_cap` filter.
	 *
	 * @param array<string, bool> $allcaps Capabilities the user has.
	 * @param array<int, string>  $caps    Primitive capabilities asked for.
	 * @param array<int, mixed>   $args    The original check.
	 * @param \WP_User            $user    The user.
	 * @return array<string, bool>
	 */
	public function filter_caps( array $allcaps, array $caps, array $args, $user ): array {
		$user_id = $user instanceof \WP_User ? (int) $user->ID : 0;
		if ( ! $this->agents->is_agent( $user_id ) ) {
			return $allcaps;
		}
		foreach ( array_keys( $allcaps ) as $cap ) {
			if ( str_starts_with( $cap, 'countersign_' ) ) {
				unset( $allcaps[ $cap ] );
			}
		}
		if ( $this->unstripped > 0 ) {
			return $allcaps;
		}
		$read_request = $this->is_rest_read();
		foreach ( array_keys( $allcaps ) as $cap ) {
			if ( in_array( $cap, self::ALWAYS, true ) ) {
				continue;
			}
			if ( $read_request && str_starts_with( $cap, 'edit_' ) ) {
				continue;
			}
			unset( $allcaps[ $cap ] );
		}
		return $allcaps;
	}

	/**
	 * Whether this is a REST GET or HEAD request: core reads `context=edit` through `edit_*` checks, and no core
	 * GET route writes.
	 */
	private function is_rest_read(): bool {
		if ( ! defined( 'REST_REQUEST' ) || ! REST_REQUEST ) {
			return false;
		}
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_text_field( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : 'GET';
		return in_array( $method, array( 'GET', 'HEAD' ), true );
	}
}
