<?php
/**
 * Walks the audit chain.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Audit;

use Generator;
use mysqli;
use mysqli_result;
use wpdb;

/**
 * Recomputes every row's hash from the one before it and names the first row that does not match (the database
 * builds each row's canonical JSON, PHP only fetches and hashes it, and AuditLog::hash_row() decides any row where
 * the two disagree); then checks the log still reaches its anchored head (and, when given, a head the site owner
 * exported earlier), so rows deleted from the newest end, or a wiped table, do not pass for a short but intact log.
 */
final class AuditVerifier {

	/** Rows per page where the rows cannot be streamed (a database driver other than MySQLi). */
	private const PAGE = 10000;

	/**
	 * The SQL expression that builds a row's canonical JSON in the database (the fourth column rows() yields), byte
	 * for byte what AuditLog::hash_row() hashes for ordinary rows: the columns in its order, ids as numbers, every
	 * string through JSON_QUOTE(). Where the bytes differ (an escape json_encode() writes otherwise, such as U+2028)
	 * the HMAC does not match and PHP recomputes the row from its columns, the authority: a difference costs time,
	 * never a wrong answer.
	 *
	 * Nor can it let a tampered row pass. Both renderings are JSON documents of the same fixed keys, every string a
	 * JSON string literal (JSON_QUOTE escapes quotes, backslashes and control characters) and every id a bare
	 * unsigned integer, and JSON decodes one way only: when the database's string for a row equals the string an
	 * intact row was signed over, the two rows hold the same values, column for column. The timestamp is a
	 * DATETIME(6), whose text is digits and separators only, so it needs no escaping. request_id is a CHAR column,
	 * read without its trailing spaces, as RTRIM() gives it (a generated column may not read a CHAR bare: its value
	 * would depend on the session's sql_mode). A NULL in any column makes the whole CONCAT() NULL, which matches no
	 * hash (PHP hashes it as ''), so NULL and '' stay apart on this path. The audit key never leaves PHP.
	 *
	 * The audit table keeps this expression as a STORED generated column (CANONICAL_COLUMN, added by Schema): the
	 * database builds each row's string once, when the row is written, and again whenever any of its columns
	 * changes, instead of on every verification (that building was about a quarter of a whole check's CPU time).
	 */
	public const CANONICAL_SQL = "CONCAT('{\"created_at\":\"', created_at, '\",\"actor_type\":', JSON_QUOTE(actor_type), ',\"actor_id\":', actor_id, ',\"agent_id\":', agent_id, ',\"action\":', JSON_QUOTE(action), ',\"object_type\":', JSON_QUOTE(object_type), ',\"object_id\":', object_id, ',\"proposal_id\":', proposal_id, ',\"outcome\":', JSON_QUOTE(outcome), ',\"ip\":', JSON_QUOTE(ip), ',\"request_id\":', JSON_QUOTE(RTRIM(request_id)), ',\"details\":', JSON_QUOTE(details), '}')";

	/** The audit table's stored generated column of CANONICAL_SQL. */
	public const CANONICAL_COLUMN = 'canonical';

	/** Every column the hash covers, and the chain links: what the authority's check reads of a row. */
	private const COLUMNS = 'id, created_at, actor_type, actor_id, agent_id, action, object_type, object_id, proposal_id, outcome, ip, request_id, details, prev_hash, hash';

	/** Where the last verification that found the whole log intact ended, signed (an option, read with plain SQL). */
	public const MARK = 'countersign_audit_verified';

	/**
	 * Constructor.
	 *
	 * @param wpdb      $wpdb Database, with the table names Schema gave it.
	 * @param AuditHead $head The anchored head.
	 */
	public function __construct( private readonly wpdb $wpdb, private readonly AuditHead $head ) {}

	/**
	 * Verifies the chain, a page at a time so memory stays flat however long the log is.
	 *
	 * The whole chain, or with $since_mark only the rows from where the last intact verification ended (its row must
	 * still hold the hash the signed mark names; the HMAC chain then vouches for everything after it), so a check
	 * costs time in proportion to the rows written since. A verification that finds the log intact moves the mark.
	 *
	 * @param array{id: int, hash: string, time: string, signature: string}|null $kept       A head exported earlier, to
	 *                                                                                        check the log still reaches
	 *                                                                                        it (always a full check).
	 * @param bool                                                               $since_mark Start at the mark.
	 * @return array{ok: bool, verified: int, first_bad: int|null, fork: array{id: int, onto: int}|null, head: array{id: int, time: string, signed: bool}|null, truncated: bool, kept: array{id: int, signed: bool, found: bool}|null, since: array{id: int, time: string}|null}
	 */
	public function verify( ?array $kept = null, bool $since_mark = false ): array {
		// Read before the rows: appends meanwhile only add rows after it.
		$head = $this->head->read();
		$mark = null === $kept && $since_mark ? $this->mark() : null;
		if ( null !== $mark && ( null === $head || $head['id'] < $mark['id'] ) ) {
			// The head is behind the mark (every append moves it forward): only a whole check can say why.
			$mark = null;
		}
		$found = array(
			'head' => false,
			'kept' => false,
		);
		$key   = AuditLog::key();
		// Resuming at the mark: its row's own prev_hash, which the row's hash (checked against the mark) vouches for.
		$prev     = null === $mark ? $this->start_hash() : null;
		$after    = null === $mark ? 0 : $mark['id'] - 1;
		$verified = 0;
		$bad      = null;
		$last     = null;
		$anchors  = array_filter(
			array(
				'head' => $head,
				'kept' => $kept,
			)
		);
		// Row ids where an anchor is, so the loop checks one isset() per row instead of every anchor.
		$anchored = array();
		foreach ( $anchors as $name => $anchor ) {
			$anchored[ $anchor['id'] ][] = $name;
		}
		$restart  = false;
		$bad_row  = null;
		$bad_prev = '';
		do {
			// Rows whose hash the fast check could not confirm, each with the hash it must chain onto and the count of
			// rows verified before it. The walk goes on past them (a stream cannot pause for another query), taking
			// each one's stored hash as the next link; PHP's hash of the row's own columns, the authority, decides
			// them once the stream has ended: where only the database's rendering of the JSON differed, the row is
			// intact, otherwise the oldest failing one is the first bad row and nothing after it counts.
			$suspects  = array();
			$full_page = false;
			$broken    = null;
			$stream    = $this->rows( $after );
			// Each row: id, prev_hash, hash, and its canonical JSON as the database built it (see CANONICAL_SQL).
			foreach ( $stream as $row ) {
				if ( null === $prev ) {
					if ( null === $mark || (int) $row[0] !== $mark['id'] ) {
						// The marked row is gone (retention purged it): nothing vouches for a resume point.
						$restart = true;
						break;
					}
					// The marked row must be unchanged.
					if ( ! hash_equals( $mark['hash'], (string) $row[2] ) ) {
						$bad = (int) $row[0];
						break;
					}
					$prev = (string) $row[1];
				}
				// Links are public (every row stores its predecessor's hash): a plain comparison.
				if ( $prev !== $row[1] ) {
					// Not chained onto its predecessor: broken whatever its hash, unless an earlier suspect is.
					$broken = array( (int) $row[0], $prev, $verified );
					break;
				}
				// A NULL canonical string (a NULL column) matches no hash: the authority decides that row too.
				if ( ! hash_equals( AuditLog::mac( $prev . $row[3], $key ), $row[2] ) ) {
					$suspects[] = array( (int) $row[0], $prev, $verified );
					$full_page  = self::PAGE === count( $suspects );
				}
				$prev  = $row[2];
				$after = (int) $row[0];
				++$verified;
				if ( isset( $anchored[ $after ] ) ) {
					foreach ( $anchored[ $after ] as $name ) {
						$found[ $name ] = hash_equals( $anchors[ $name ]['hash'], $prev );
					}
				}
				if ( $full_page ) {
					// Bounded memory: decide these, then stream on from the next row.
					break;
				}
			}
			// Ends the stream (a break leaves it open) before the connection runs another query.
			unset( $stream );
			$failed = $this->first_failing( $suspects, $key );
			if ( null === $failed && null !== $broken ) {
				$failed = array( $broken, $this->rows_by_id( array( $broken[0] ) )[ $broken[0] ] ?? null );
			}
			if ( null !== $failed ) {
				list( list( $bad, $bad_prev, $verified ), $bad_row ) = $failed;
				break;
			}
		} while ( $full_page );
		// A break that is a fork (two writers chained onto the same row, or onto genesis) is named as one.
		$fork = null === $bad_row ? null : $this->fork( $bad_row, $bad_prev );
		if ( $restart ) {
			return $this->verify( $kept );
		}
		if ( null !== $mark && 0 === $verified && null === $bad ) {
			// No row from the mark on: the marked row is gone too.
			return $this->verify( $kept );
		}
		if ( $verified > 0 ) {
			$last = array(
				'id'   => $after,
				'hash' => $prev,
			);
		}

		$signed    = null !== $head && AuditHead::is_signed( $head );
		$truncated = null === $bad && ( null === $head ? $verified > 0 : ! $found['head'] );
		$ok        = null === $bad && ( $signed || ( null === $head && 0 === $verified ) ) && ! $truncated && ( null === $kept || ( AuditHead::is_signed( $kept ) && $found['kept'] ) );
		if ( $ok && null !== $last && ( null === $mark || $last['id'] > $mark['id'] ) ) {
			$this->save_mark( $last['id'], (string) $last['hash'] );
		}
		return array(
			'ok'        => $ok,
			'verified'  => $verified,
			'first_bad' => $bad,
			'fork'      => $fork,
			'head'      => null === $head ? null : array(
				'id'     => $head['id'],
				'time'   => $head['time'],
				'signed' => $signed,
			),
			'truncated' => $truncated,
			'kept'      => null === $kept ? null : array(
				'id'     => $kept['id'],
				'signed' => AuditHead::is_signed( $kept ),
				'found'  => null === $bad && $found['kept'],
			),
			'since'     => null === $mark ? null : array(
				'id'   => $mark['id'],
				'time' => $mark['time'],
			),
		);
	}

	/**
	 * Whether a row that breaks the chain is a fork: an intact row (its hash matches its own prev_hash) chained onto
	 * an earlier row, or onto genesis, instead of onto its predecessor: two writers read the same tail. Null when the
	 * row was altered instead.
	 *
	 * @param array<string, mixed> $row  The first bad row.
	 * @param string               $prev The hash it should have chained onto.
	 * @return array{id: int, onto: int}|null The row, and the row it chained onto (0: genesis).
	 */
	private function fork( array $row, string $prev ): ?array {
		$onto = (string) $row['prev_hash'];
		if ( hash_equals( $onto, $prev ) || ! hash_equals( AuditLog::hash_row( $row, $onto ), (string) $row['hash'] ) ) {
			return null;
		}
		if ( AuditLog::GENESIS === $onto ) {
			return array(
				'id'   => (int) $row['id'],
				'onto' => 0,
			);
		}
		$wpdb   = $this->wpdb;
		$parent = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$wpdb->countersign_audit} WHERE hash = %s AND id < %d ORDER BY id DESC LIMIT 1", $onto, (int) $row['id'] ) );
		return null === $parent ? null : array(
			'id'   => (int) $row['id'],
			'onto' => (int) $parent,
		);
	}

	/**
	 * The rows after an id, oldest first, each as a list: id, prev_hash, hash and the row's canonical JSON as the
	 * database builds it (CANONICAL_SQL), so PHP only fetches, hashes and compares. On MySQLi (the connection
	 * WordPress opens) one unbuffered query streams them: no pages, no per-row objects, flat memory. Until the
	 * generator ends, the connection can run no other query.
	 *
	 * The string comes from the stored column where it is still generated by CANONICAL_SQL, else it is built in the
	 * query. A plain column of that name could hold any string, whatever the row's other columns say, so the query
	 * that reads it checks the column's definition itself (stored_guard()): the statement holds the table's metadata
	 * lock from before that check until its last row, so no ALTER TABLE can change the column meanwhile, and when the
	 * check fails it returns no rows, which sends this to the query that builds the string.
	 *
	 * @param int $after Row id to start after.
	 * @return Generator<int, array{0: string, 1: string, 2: string, 3: string|null}>
	 */
	private function rows( int $after ): Generator {
		$stored = self::stored_canonical( $this->wpdb, $this->wpdb->countersign_audit );
		// Delegated (yield from), not re-yielded: the rows pass through one generator, not two.
		$count = yield from $this->query_rows( $after, $stored );
		if ( $stored && 0 === $count ) {
			// The column's check failed (or no row is after $after, and this finds none either).
			yield from $this->query_rows( $after, false );
		}
	}

	/**
	 * The rows after an id, from the stored column or built in the query.
	 *
	 * @param int  $after  Row id to start after.
	 * @param bool $stored Read the stored column (guarded).
	 * @return Generator<int, array{0: string, 1: string, 2: string, 3: string|null}, mixed, int> Returns how many.
	 */
	private function query_rows( int $after, bool $stored ): Generator {
		$wpdb = $this->wpdb;
		// wpdb keeps its connection protected but hands it out through __get (as drop-ins like HyperDB rely on).
		$dbh = $wpdb->__get( 'dbh' );
		if ( $dbh instanceof mysqli ) {
			$result = $dbh->query( $this->rows_sql( $after, null, $stored ), MYSQLI_USE_RESULT );
			if ( $result instanceof mysqli_result ) {
				$count = 0;
				try {
					$row = $result->fetch_row();
					while ( is_array( $row ) ) {
						++$count;
						yield $row;
						$row = $result->fetch_row();
					}
				} finally {
					$result->free();
				}
				return $count;
			}
		}
		// Another database driver: pages through wpdb.
		$count = 0;
		do {
			// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- rows_sql() prepares it.
			$rows    = $wpdb->get_results( $this->rows_sql( $after, self::PAGE, $stored ), ARRAY_N );
			$fetched = count( $rows );
			$count  += $fetched;
			foreach ( $rows as $row ) {
				$after = (int) $row[0];
				yield $row;
			}
		} while ( self::PAGE === $fetched );
		return $count;
	}

	/**
	 * The query for rows after an id.
	 *
	 * @param int      $after  Row id to start after.
	 * @param int|null $limit  At most this many, or all.
	 * @param bool     $stored Read the stored column, and only while it is still generated by CANONICAL_SQL.
	 */
	private function rows_sql( int $after, ?int $limit, bool $stored ): string {
		$wpdb = $this->wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- CANONICAL_SQL is a constant expression over column names, and stored_guard() is prepared.
		$sql = $wpdb->prepare( 'SELECT id, prev_hash, hash, ' . ( $stored ? self::CANONICAL_COLUMN : self::CANONICAL_SQL ) . " FROM {$wpdb->countersign_audit} WHERE id > %d" . ( $stored ? ' AND ' . self::stored_guard( $wpdb, $wpdb->countersign_audit ) : '' ) . ' ORDER BY id ASC', $after );
		return null === $limit ? $sql : $sql . $wpdb->prepare( ' LIMIT %d', $limit );
	}

	/**
	 * Whether an audit table has the stored column, still generated by CANONICAL_SQL.
	 *
	 * @phpstan-impure The answer is the database's now; another process may add the column in between.
	 *
	 * @param wpdb   $wpdb  Database.
	 * @param string $table The audit table.
	 */
	public static function stored_canonical( wpdb $wpdb, string $table ): bool {
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- stored_guard() is prepared.
		return '1' === (string) $wpdb->get_var( 'SELECT ' . self::stored_guard( $wpdb, $table ) );
	}

	/**
	 * An SQL condition: the table's CANONICAL_COLUMN is a STORED generated column of CANONICAL_SQL, as the server
	 * reports the expression (lower case, names in backticks, no spaces outside its string literals, which hold
	 * none).
	 *
	 * @param wpdb   $wpdb  Database.
	 * @param string $table The audit table.
	 */
	private static function stored_guard( wpdb $wpdb, string $table ): string {
		$expected = str_replace( array( '`', ' ' ), '', strtolower( self::CANONICAL_SQL ) );
		return $wpdb->prepare( "EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s AND COLUMN_NAME = %s AND EXTRA = 'STORED GENERATED' AND REPLACE(REPLACE(LOWER(GENERATION_EXPRESSION), '`', ''), ' ', '') = %s)", $table, self::CANONICAL_COLUMN, $expected );
	}

	/**
	 * The oldest of the rows the fast check could not confirm whose hash, recomputed by PHP from its own columns
	 * (AuditLog::hash_row(), the authority), does not match or whose prev_hash is not the link it must chain onto;
	 * with its row (null when it is gone).
	 *
	 * @param list<array{0: int, 1: string, 2: int}> $suspects Oldest first: id, the link, rows verified before it.
	 * @param string                                 $key      The audit key.
	 * @return array{0: array{0: int, 1: string, 2: int}, 1: array<string, string|null>|null}|null
	 */
	private function first_failing( array $suspects, string $key ): ?array {
		foreach ( array_chunk( $suspects, 1000 ) as $chunk ) {
			$rows = $this->rows_by_id( array_column( $chunk, 0 ) );
			foreach ( $chunk as $suspect ) {
				$row = $rows[ $suspect[0] ] ?? null;
				if ( null === $row || ! hash_equals( $suspect[1], (string) $row['prev_hash'] ) || ! hash_equals( AuditLog::hash_row( $row, $suspect[1], $key ), (string) $row['hash'] ) ) {
					return array( $suspect, $row );
				}
			}
		}
		return null;
	}

	/**
	 * Rows by id, with every column the hash covers (a row that is gone is absent).
	 *
	 * @param list<int> $ids Row ids.
	 * @return array<int, array<string, string|null>> Id => row.
	 */
	private function rows_by_id( array $ids ): array {
		$wpdb = $this->wpdb;
		$rows = array();
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- COLUMNS is constant; one %d per id.
		foreach ( (array) $wpdb->get_results( $wpdb->prepare( 'SELECT ' . self::COLUMNS . " FROM {$wpdb->countersign_audit} WHERE id IN (" . implode( ',', array_fill( 0, count( $ids ), '%d' ) ) . ')', $ids ), ARRAY_A ) as $row ) {
			$rows[ (int) $row['id'] ] = $row;
		}
		return $rows;
	}

	/**
	 * The mark: where the last intact verification ended, when its signature holds.
	 *
	 * @return array{id: int, hash: string, time: string}|null
	 */
	private function mark(): ?array {
		$wpdb = $this->wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no cache may answer: another web server may have moved it.
		$raw  = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::MARK ) );
		$mark = is_string( $raw ) ? json_decode( $raw, true ) : null;
		if ( ! is_array( $mark ) || ! is_int( $mark['id'] ?? null ) || ! is_string( $mark['hash'] ?? null ) || ! is_string( $mark['time'] ?? null ) || ! is_string( $mark['signature'] ?? null ) ) {
			return null;
		}
		if ( ! hash_equals( self::sign_mark( $mark['id'], $mark['hash'], $mark['time'] ), $mark['signature'] ) ) {
			return null;
		}
		return array(
			'id'   => $mark['id'],
			'hash' => $mark['hash'],
			'time' => $mark['time'],
		);
	}

	/**
	 * Moves the mark to the newest row a verification found intact.
	 *
	 * @param int    $id   Row id.
	 * @param string $hash Its hash.
	 */
	private function save_mark( int $id, string $hash ): void {
		$wpdb  = $this->wpdb;
		$time  = gmdate( 'Y-m-d\TH:i:s\Z' );
		$value = (string) wp_json_encode(
			array(
				'id'        => $id,
				'hash'      => $hash,
				'time'      => $time,
				'signature' => self::sign_mark( $id, $hash, $time ),
			)
		);
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one upsert; never autoloaded, read only with plain SQL (see mark()).
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)", self::MARK, $value ) );
		wp_cache_delete( self::MARK, 'options' );
	}

	/**
	 * HMAC of a mark with the audit key (its own context: a copied head does not pass for a mark).
	 *
	 * @param int    $id   Row id.
	 * @param string $hash Row hash.
	 * @param string $time When it was verified.
	 */
	private static function sign_mark( int $id, string $hash, string $time ): string {
		return hash_hmac( 'sha256', "countersign-audit-verified|{$id}|{$hash}|{$time}", AuditLog::key() );
	}

	/**
	 * Where the chain starts: the genesis hash, or, once retention purged the oldest rows, the last purged hash as
	 * sealed in the newest checkpoint row (itself a signed row of the chain, so it cannot be forged without the key).
	 */
	private function start_hash(): string {
		$wpdb  = $this->wpdb;
		$first = $wpdb->get_row( "SELECT id, prev_hash FROM {$wpdb->countersign_audit} ORDER BY id ASC LIMIT 1", ARRAY_A );
		if ( ! is_array( $first ) || AuditLog::GENESIS === $first['prev_hash'] ) {
			return AuditLog::GENESIS;
		}
		$checkpoints = $wpdb->get_col( $wpdb->prepare( "SELECT details FROM {$wpdb->countersign_audit} WHERE action = %s ORDER BY id DESC", AuditRetention::CHECKPOINT ) );
		foreach ( $checkpoints as $json ) {
			$details = json_decode( (string) $json, true );
			if ( is_array( $details ) && (int) ( $details['last_id'] ?? 0 ) < (int) $first['id'] ) {
				return (string) ( $details['last_hash'] ?? AuditLog::GENESIS );
			}
		}
		// No checkpoint vouches for the missing rows: verification fails at the first row.
		return AuditLog::GENESIS;
	}
}
