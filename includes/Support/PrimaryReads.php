<?php
/**
 * Which requests read the primary when a database drop-in sends reads to replicas.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Support;

/**
 * Behind HyperDB or LudicrousDB, a read goes to a replica that may lag the primary by seconds. Reading a replica is
 * fine for a screen; it is wrong for anything that decides, and wrong for the person who has just written. So, from
 * the moment the plugin loads (before WordPress authenticates the request, so the user, the agent's status and its
 * Application Password are read on the primary too), these requests send every read to the primary:
 *
 * - requests with credentials in an Authorization header: agents (Application Passwords, MCP) and any other API
 *   client; every request an agent makes is checked against the kill switch, its status, its limits and budgets;
 * - requests that may write (any method but GET, HEAD and OPTIONS): decisions, submissions, settings;
 * - WP-CLI (its commands decide and write);
 * - a signed-in person's requests for a few seconds after one of their own writes (a cookie), so the reviewer who
 *   has just approved never sees that proposal as pending on a screen read from a lagging replica.
 *
 * Locks, transactions and locking reads send reads to the primary on their own (Database::primary()); this class
 * only makes sure a request that decides reads nothing stale before it gets there. With core's wpdb (one server) it
 * does nothing.
 */
final class PrimaryReads {

	/** The cookie that holds, as a Unix time, until when this browser reads the primary. */
	public const COOKIE = 'countersign_primary_until';

	/** Seconds a person reads the primary after writing, by default (filter `countersign_primary_reads_after_write`). */
	public const WINDOW = 10;

	/**
	 * Constructor.
	 *
	 * @param Database $db The connection.
	 */
	public function __construct( private readonly Database $db ) {}

	/**
	 * Routes this request at once, and marks a person's writes on `init` (once they are signed in).
	 */
	public function register(): void {
		if ( ! Database::has_replicas( $this->db->wpdb() ) ) {
			return;
		}
		if ( self::decides( $_SERVER, $_COOKIE, time(), defined( 'WP_CLI' ) && constant( 'WP_CLI' ) ) ) { // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only compared, never stored or printed.
			$this->db->primary();
			// WordPress loaded the autoloaded options before any plugin, from a replica. Without a persistent object
			// cache (which core keeps as fresh as its writes) that copy is only this request's: drop it, so options
			// are read again, from the primary.
			if ( ! wp_using_ext_object_cache() ) {
				wp_cache_delete( 'alloptions', 'options' );
				wp_cache_delete( 'notoptions', 'options' );
			}
		}
		add_action( 'init', array( $this, 'remember_write' ), 1 );
	}

	/**
	 * Whether a request must read the primary.
	 *
	 * @param array<string, mixed> $server  $_SERVER.
	 * @param array<string, mixed> $cookies $_COOKIE.
	 * @param int                  $now     Unix time.
	 * @param bool                 $cli     Whether this is WP-CLI.
	 */
	public static function decides( array $server, array $cookies, int $now, bool $cli ): bool {
		if ( $cli || self::has_credentials( $server ) ) {
			return true;
		}
		if ( ! in_array( strtoupper( (string) ( $server['REQUEST_METHOD'] ?? 'GET' ) ), array( 'GET', 'HEAD', 'OPTIONS' ), true ) ) {
			return true;
		}
		return (int) ( $cookies[ self::COOKIE ] ?? 0 ) >= $now;
	}

	/**
	 * `init`: a signed-in person (cookie authentication) who sends a request that may write reads the primary for
	 * the next few seconds (WordPress's Heartbeat, which writes nothing of theirs, does not count).
	 */
	public function remember_write(): void {
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : 'GET';
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- only which Ajax action this is; nothing is done with it.
		$heartbeat = wp_doing_ajax() && isset( $_POST['action'] ) && 'heartbeat' === $_POST['action'];
		if ( in_array( $method, array( 'GET', 'HEAD', 'OPTIONS' ), true ) || $heartbeat || self::has_credentials( $_SERVER ) || ! is_user_logged_in() || headers_sent() ) {
			return;
		}
		/**
		 * Filters how many seconds a person reads the primary after one of their writes: at least the replicas' lag.
		 *
		 * @param int $seconds Default 10.
		 */
		$until = time() + max( 1, (int) apply_filters( 'countersign_primary_reads_after_write', self::WINDOW ) );
		setcookie(
			self::COOKIE,
			(string) $until,
			array(
				'expires'  => $until,
				'path'     => '/',
				'domain'   => defined( 'COOKIE_DOMAIN' ) ? (string) constant( 'COOKIE_DOMAIN' ) : '',
				'secure'   => is_ssl(),
				'httponly' => true,
				'samesite' => 'Lax',
			)
		);
	}

	/**
	 * Whether the request carries credentials in an Authorization header (Basic: an Application Password).
	 *
	 * @param array<string, mixed> $server $_SERVER.
	 */
	private static function has_credentials( array $server ): bool {
		return ! empty( $server['PHP_AUTH_USER'] ) || ! empty( $server['HTTP_AUTHORIZATION'] ) || ! empty( $server['REDIRECT_HTTP_AUTHORIZATION'] );
	}
}
