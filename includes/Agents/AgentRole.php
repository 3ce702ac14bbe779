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

	/**
	 * Meta capabilities core grants a user on itself with no primitive capability at all (its profile, its
	 * Application Passwords), so stripping capabilities alone would leave them open to an agent.
	 */
	private const SELF_SERVICE = array( 'edit_user', 'create_app_password', 'edit_app_password', 'delete_app_password', 'delete_app_passwords' );

	/** Capabilities an agent keeps everywhere. */
	private const ALWAYS = array( 'read', 'read_private_posts', 'read_private_pages', 'level_0', 'level_1', 'level_2', 'level_3', 'level_4', 'level_5', 'level_6', 'level_7' );

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
		add_filter( 'map_meta_cap', array( $this, 'map_meta_cap' ), PHP_INT_MAX, 4 );
		add_filter( 'pre_comment_approved', array( $this, 'refuse_comment' ), PHP_INT_MAX, 2 );
	}

	/**
	 * The `map_meta_cap` filter: an agent may not edit its own profile or mint, change or delete its own
	 * Application Passwords (its credentials come from an administrator, through Countersign). Reads stay.
	 *
	 * @param array<int, string> $caps    Primitive capabilities.
	 * @param string             $cap     Capability asked for.
	 * @param int                $user_id User.
	 * @param array<int, mixed>  $args    Arguments.
	 * @return array<int, string>
	 */
	public function map_meta_cap( array $caps, string $cap, int $user_id, array $args ): array {
		if ( $this->unstripped > 0 || ! in_array( $cap, self::SELF_SERVICE, true ) || $this->is_rest_read() || ! $this->agents->is_agent( $user_id ) ) {
			return $caps;
		}
		return array( 'do_not_allow' );
	}

	/**
	 * The `pre_comment_approved` filter: commenting needs no capability in core, so an agent's comment is refused
	 * here (REST and wp-comments-post.php alike).
	 *
	 * @param int|string|\WP_Error $approved    Approval status.
	 * @param array<string, mixed> $commentdata Comment data.
	 * @return int|string|\WP_Error
	 */
	public function refuse_comment( int|string|\WP_Error $approved, array $commentdata ): int|string|\WP_Error {
		if ( ! $this->agents->is_agent( get_current_user_id() ) && ! $this->agents->is_agent( (int) ( $commentdata['user_id'] ?? 0 ) ) ) {
			return $approved;
		}
		return new \WP_Error( 'rest_forbidden', __( 'Agents do not comment; they propose changes.', 'countersign' ), array( 'status' => 403 ) );
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
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) : 'GET';
		// The method the REST server will dispatch: it honours `?_method=` and X-HTTP-Method-Override on any request,
		// so `GET …?_method=POST` is a write (WP_REST_Server::serve_request reads them in this order).
		if ( isset( $_GET['_method'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only read, to classify the request.
			$method = is_string( $_GET['_method'] ) ? sanitize_text_field( wp_unslash( $_GET['_method'] ) ) : 'POST'; // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		} elseif ( isset( $_SERVER['HTTP_X_HTTP_METHOD_OVERRIDE'] ) ) {
			$method = sanitize_text_field( wp_unslash( $_SERVER['HTTP_X_HTTP_METHOD_OVERRIDE'] ) );
		}
		return in_array( strtoupper( $method ), array( 'GET', 'HEAD' ), true );
	}
}
