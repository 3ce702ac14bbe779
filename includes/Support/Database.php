<?php
/**
 * Transactions and named locks on the site's database connection.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Support;

use RuntimeException;
use wpdb;

/**
 * Wraps $wpdb with nested transactions (savepoints inside an outer transaction) and MariaDB/MySQL named locks.
 *
 * Named locks are the only cross-process mutex every WordPress host has; they live in the database, so several
 * web servers sharing it behave like one.
 *
 * Behind a database drop-in that sends reads to replicas (HyperDB, LudicrousDB), everything that decides must run
 * on the primary, on one connection: a named lock taken on a replica and released on the primary locks nothing, a
 * replica refuses `FOR UPDATE`, and a lagging replica answers with a state that is no longer true. Such drop-ins
 * route every statement that begins with SELECT (GET_LOCK, RELEASE_LOCK, @@in_transaction, locking reads) to a
 * replica until told otherwise, so every lock, transaction and locking read here first calls primary(), which sends
 * the rest of the request's reads to the primary. Without such a drop-in it does nothing.
 */
final class Database {

	/**
	 * How deep the transactions this object opened are nested.
	 *
	 * @var int
	 */
	private int $depth = 0;

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb The WordPress database object.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * The wrapped connection.
	 */
	public function wpdb(): wpdb {
		return $this->wpdb;
	}

	/**
	 * From now on until the request ends, every read of this connection goes to the primary (the server writes go
	 * to), where locks, transactions and the newest committed rows are. Call it before a read that decides.
	 */
	public function primary(): void {
		self::reads_to_primary( $this->wpdb );
	}

	/**
	 * The same, for services that hold $wpdb itself: HyperDB's and LudicrousDB's `send_reads_to_masters()`, when the
	 * site's drop-in offers it; with core's wpdb (one server) nothing to do.
	 *
	 * @param wpdb $wpdb The connection.
	 */
	public static function reads_to_primary( wpdb $wpdb ): void {
		if ( method_exists( $wpdb, 'send_reads_to_masters' ) ) {
			$wpdb->send_reads_to_masters();
		}
	}

	/**
	 * Whether the site's database drop-in can send reads to replicas (and so honours primary()).
	 *
	 * @param wpdb $wpdb The connection.
	 */
	public static function has_replicas( wpdb $wpdb ): bool {
		return method_exists( $wpdb, 'send_reads_to_masters' );
	}

	/**
	 * A locking read (`… FOR UPDATE`) on the primary: its row, or null when there is none. A read the database
	 * refused (a lock wait timeout, a deadlock, a read-only server) throws: taken for "no row", it would let the
	 * write go ahead on a state nobody locked (an audit row chained onto genesis).
	 *
	 * @param string $sql Prepared SELECT … FOR UPDATE.
	 * @return array<string, mixed>|null
	 * @throws RuntimeException When the database refuses the read.
	 */
	public function locked_row( string $sql ): ?array {
		$this->primary();
		// wpdb (and HyperDB, LudicrousDB) clear last_error at the start of every query.
		$row = $this->wpdb->get_row( $sql, ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery -- callers prepare it; a lock no cache may answer.
		if ( '' !== $this->wpdb->last_error ) {
			throw new RuntimeException( 'Database refused a locking read: ' . $this->wpdb->last_error );
		}
		return is_array( $row ) ? $row : null;
	}

	/**
	 * Runs $work inside a transaction. Inside an outer transaction (one of ours, or one a test harness opened)
	 * it uses a savepoint, because a second START TRANSACTION would silently commit the outer one.
	 *
	 * While the outermost one is open, cache additions are suspended (`wp_suspend_cache_addition()`): what core
	 * reads back inside it may still roll back, and with a persistent object cache every web server would serve
	 * it. Writes inside only delete cache entries, so other servers read the committed rows meanwhile.
	 *
	 * @template T
	 * @param callable():T $work Work to run; throwing rolls everything back.
	 * @return T
	 * @throws \Throwable Whatever $work threw, after the rollback.
	 */
	public function transaction( callable $work ): mixed {
		$this->primary();
		$nested    = $this->depth > 0 || $this->in_foreign_transaction();
		$savepoint = 'countersign_' . $this->depth;
		$this->query( $nested ? "SAVEPOINT {$savepoint}" : 'START TRANSACTION' );
		++$this->depth;
		// If the database goes away mid-transaction, $wpdb would silently reconnect and run the rest of the work
		// on a new connection in autocommit mode, half outside the transaction, with a COMMIT that commits nothing.
		// No reconnect while ours is open: the request fails, the server rolls everything back.
		$retries   = $this->reconnect_retries( 0 );
		$suspended = wp_suspend_cache_addition();
		wp_suspend_cache_addition( true );
		try {
			$result = $work();
			--$this->depth;
			$this->query( $nested ? "RELEASE SAVEPOINT {$savepoint}" : 'COMMIT' );
			return $result;
		} catch ( \Throwable $error ) {
			--$this->depth;
			$this->query( $nested ? "ROLLBACK TO SAVEPOINT {$savepoint}" : 'ROLLBACK' );
			throw $error;
		} finally {
			$this->reconnect_retries( $retries );
			wp_suspend_cache_addition( $suspended );
		}
	}

	/**
	 * Sets how often $wpdb reconnects after the server went away; returns the previous value.
	 *
	 * @param int $retries Retries.
	 */
	private function reconnect_retries( int $retries ): int {
		// The property is protected; wpdb's magic __get/__set expose it on purpose (kept for back-compat).
		$previous = (int) $this->wpdb->__get( 'reconnect_retries' );
		$this->wpdb->__set( 'reconnect_retries', $retries );
		return $previous;
	}

	/**
	 * Whether a transaction of ours is open.
	 */
	public function in_transaction(): bool {
		return $this->depth > 0;
	}

	/**
	 * Takes a named lock, waiting up to $timeout seconds.
	 *
	 * @param string $name    Lock name (scoped to this site's database and table prefix).
	 * @param int    $timeout Seconds to wait.
	 * @return bool Whether the lock was obtained.
	 */
	public function lock( string $name, int $timeout = 10 ): bool {
		$this->primary();
		$wpdb   = $this->wpdb;
		$result = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', $this->lock_name( $name ), $timeout ) );
		return '1' === (string) $result;
	}

	/**
	 * Releases a named lock.
	 *
	 * @param string $name Lock name as given to lock().
	 */
	public function unlock( string $name ): void {
		$this->primary();
		$wpdb = $this->wpdb;
		$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $this->lock_name( $name ) ) );
	}

	/**
	 * Whether no connection holds a named lock (one that died released it).
	 *
	 * @param string $name Lock name as given to lock().
	 */
	public function lock_is_free( string $name ): bool {
		$this->primary();
		$wpdb = $this->wpdb;
		return '1' === (string) $wpdb->get_var( $wpdb->prepare( 'SELECT IS_FREE_LOCK(%s)', $this->lock_name( $name ) ) );
	}

	/**
	 * Named locks are server-wide, so the name carries the database and prefix; MySQL caps it at 64 characters.
	 *
	 * @param string $name Lock name.
	 */
	private function lock_name( string $name ): string {
		return 'cs:' . substr( hash( 'sha256', ( defined( 'DB_NAME' ) ? (string) constant( 'DB_NAME' ) : '' ) . '|' . $this->wpdb->prefix . '|' . $name ), 0, 40 );
	}

	/**
	 * Whether the connection is inside a transaction this object did not open.
	 */
	private function in_foreign_transaction(): bool {
		$this->primary();
		return '1' === (string) $this->wpdb->get_var( 'SELECT @@in_transaction' );
	}

	/**
	 * Runs a statement that takes no input.
	 *
	 * @param string $sql Statement.
	 * @throws RuntimeException When the database refuses it.
	 */
	private function query( string $sql ): void {
		if ( false === $this->wpdb->query( $sql ) ) { // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- fixed statements without input.
			throw new RuntimeException( 'Database refused: ' . $sql . ': ' . $this->wpdb->last_error );
		}
	}
}
