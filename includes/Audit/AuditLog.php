<?php
/**
 * The append-only, hash-chained audit log.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Audit;

use Countersign\Agents\AgentRepository;
use Countersign\Support\Database;
use RuntimeException;

/**
 * Appends rows whose hash is HMAC-SHA256(key, prev_hash || canonical JSON of the row).
 *
 * Each append runs in one transaction (a savepoint inside an open one) that locks the anchored head's option row
 * (AuditHead::lock(), a locking read on the primary), chains the row onto the head, inserts it and moves the head
 * to it; the lock lasts until the outermost transaction ends. Concurrent writers (other PHP workers, other web
 * servers) queue on that row, so they never fork the chain, whichever server a database drop-in sends other reads to,
 * and the row and its head commit or roll back together.
 * No code path updates or deletes a row.
 */
final class AuditLog {

	public const GENESIS = '0000000000000000000000000000000000000000000000000000000000000000';

	/** Longest JSON kept in `details`; larger payloads are cut down to a summary. */
	private const MAX_DETAILS = 8000;

	/**
	 * Per key, its HMAC inner and outer pads for mac(), or false where OpenSSL is missing.
	 *
	 * @var array<string, array{0: string, 1: string}|false>
	 */
	private static array $pads = array();

	/**
	 * One id for every row written while serving this request.
	 *
	 * @var string
	 */
	private string $request_id;

	/**
	 * Constructor.
	 *
	 * @param Database        $db     Database.
	 * @param AgentRepository $agents Tells agents from people.
	 * @param AuditHead       $head   The anchored head, rolled forward with every row.
	 */
	public function __construct(
		private readonly Database $db,
		private readonly AgentRepository $agents,
		private readonly AuditHead $head
	) {
		$this->request_id = wp_generate_uuid4();
	}

	/**
	 * The HMAC key: COUNTERSIGN_AUDIT_KEY from wp-config.php, or one derived from the site's salts.
	 */
	public static function key(): string {
		if ( defined( 'COUNTERSIGN_AUDIT_KEY' ) && '' !== (string) constant( 'COUNTERSIGN_AUDIT_KEY' ) ) {
			return (string) constant( 'COUNTERSIGN_AUDIT_KEY' );
		}
		return hash_hmac( 'sha256', 'countersign-audit', wp_salt( 'auth' ) . wp_salt( 'secure_auth' ) );
	}

	/**
	 * Appends one entry.
	 *
	 * @param string               $action      What happened, e.g. `proposal.approved`.
	 * @param array<string, mixed> $entry       Optional: object_type, object_id, proposal_id, outcome, details,
	 *                                          actor_type, actor_id, agent_id (defaults from the current user).
	 * @return int The new row's id.
	 * @throws RuntimeException When the row cannot be written.
	 */
	public function append( string $action, array $entry = array() ): int {
		$user_id  = get_current_user_id();
		$is_agent = $user_id > 0 && $this->agents->is_agent( $user_id );
		$row      = array(
			'created_at'  => $this->now(),
			'actor_type'  => (string) ( $entry['actor_type'] ?? ( $is_agent ? 'agent' : ( $user_id > 0 ? 'user' : 'system' ) ) ),
			'actor_id'    => max( 0, (int) ( $entry['actor_id'] ?? $user_id ) ),
			'agent_id'    => max( 0, (int) ( $entry['agent_id'] ?? ( $is_agent ? $user_id : 0 ) ) ),
			'action'      => substr( $action, 0, 64 ),
			'object_type' => substr( (string) ( $entry['object_type'] ?? '' ), 0, 32 ),
			// The id columns are unsigned: hash exactly what they will hold (a refused request may name id -1).
			'object_id'   => max( 0, (int) ( $entry['object_id'] ?? 0 ) ),
			'proposal_id' => max( 0, (int) ( $entry['proposal_id'] ?? 0 ) ),
			'outcome'     => substr( (string) ( $entry['outcome'] ?? 'ok' ), 0, 32 ),
			'ip'          => $this->ip(),
			'request_id'  => $this->request_id,
			'details'     => $this->encode_details( $entry['details'] ?? array() ),
		);

		return $this->db->transaction(
			function () use ( $row ): int {
				$wpdb = $this->db->wpdb();
				// Held until the transaction (or the one around it: a savepoint inside the apply's) ends.
				$head = $this->head->lock();
				// Each append moves the signed head to its row, so the head is the tail. Were the newest rows deleted or
				// the table wiped, a row chained onto the head keeps the cut visible to verification instead of
				// papering over it. Without a signed head (a log older than heads, a forged one) the table's tail.
				$row['prev_hash'] = null !== $head && AuditHead::is_signed( $head ) ? $head['hash'] : $this->tail_hash();
				$row['hash']      = self::hash_row( $row, $row['prev_hash'] );
				if ( false === $wpdb->insert( $wpdb->countersign_audit, $row, array( '%s', '%s', '%d', '%d', '%s', '%s', '%d', '%d', '%s', '%s', '%s', '%s', '%s', '%s' ) ) ) {
					throw new RuntimeException( 'Could not write the audit log: ' . $wpdb->last_error );
				}
				$id = (int) $wpdb->insert_id;
				$this->head->write( $id, $row['hash'] );
				return $id;
			}
		);
	}

	/**
	 * The newest row's hash (genesis for an empty table), read under the head's lock with a locking read, so an
	 * older snapshot does not answer. A refused read throws: an empty answer would restart the chain at genesis.
	 */
	private function tail_hash(): string {
		$wpdb = $this->db->wpdb();
		$tail = $this->db->locked_row( "SELECT hash FROM {$wpdb->countersign_audit} ORDER BY id DESC LIMIT 1 FOR UPDATE" );
		return null !== $tail ? (string) $tail['hash'] : self::GENESIS;
	}

	/**
	 * The row's hash from its stored columns: HMAC-SHA256 of the previous hash and the row's canonical JSON (its
	 * columns in a fixed order, ids as integers). The authority on every row: verification hashes the same JSON as
	 * the database builds it (AuditVerifier::CANONICAL_SQL) and asks this for each row where that does not match.
	 *
	 * @param array<string, mixed> $row       Row columns (extra columns are ignored).
	 * @param string               $prev_hash The previous row's hash.
	 * @param string|null          $key       The audit key (self::key()), when the caller holds it.
	 */
	public static function hash_row( array $row, string $prev_hash, ?string $key = null ): string {
		$canonical = array(
			'created_at'  => (string) ( $row['created_at'] ?? '' ),
			'actor_type'  => (string) ( $row['actor_type'] ?? '' ),
			'actor_id'    => (int) ( $row['actor_id'] ?? 0 ),
			'agent_id'    => (int) ( $row['agent_id'] ?? 0 ),
			'action'      => (string) ( $row['action'] ?? '' ),
			'object_type' => (string) ( $row['object_type'] ?? '' ),
			'object_id'   => (int) ( $row['object_id'] ?? 0 ),
			'proposal_id' => (int) ( $row['proposal_id'] ?? 0 ),
			'outcome'     => (string) ( $row['outcome'] ?? '' ),
			'ip'          => (string) ( $row['ip'] ?? '' ),
			'request_id'  => (string) ( $row['request_id'] ?? '' ),
			'details'     => (string) ( $row['details'] ?? '' ),
		);
		// wp_json_encode() gives the same bytes; it only differs where json_encode() fails (invalid UTF-8).
		$json = json_encode( $canonical, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ); // phpcs:ignore WordPress.WP.AlternativeFunctions.json_encode_json_encode -- see above.
		if ( false === $json ) {
			$json = (string) wp_json_encode( $canonical, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		}
		return self::mac( $prev_hash . $json, $key ?? self::key() );
	}

	/**
	 * HMAC-SHA256 of $data, as lowercase hex: the same bytes as hash_hmac( 'sha256', ... ), built by RFC 2104 from two
	 * SHA-256 digests of OpenSSL, which uses the processor's SHA extensions where it has them; PHP's own SHA-256 is
	 * portable C, and a whole verification spends most of its PHP time here (about two thirds as long this way). Without
	 * the OpenSSL extension: hash_hmac().
	 *
	 * @param string $data The message.
	 * @param string $key  The key.
	 */
	public static function mac( string $data, string $key ): string {
		$pads = self::$pads[ $key ] ??= self::pads( $key );
		if ( false === $pads ) {
			return hash_hmac( 'sha256', $data, $key );
		}
		return (string) openssl_digest( $pads[1] . openssl_digest( $pads[0] . $data, 'sha256', true ), 'sha256' );
	}

	/**
	 * A key's HMAC-SHA256 inner and outer pads (RFC 2104: a key longer than the 64-byte block is hashed first), or
	 * false where OpenSSL is missing.
	 *
	 * @param string $key The key.
	 * @return array{0: string, 1: string}|false
	 */
	private static function pads( string $key ): array|false {
		if ( ! function_exists( 'openssl_digest' ) ) {
			return false;
		}
		$block = str_pad( strlen( $key ) > 64 ? hash( 'sha256', $key, true ) : $key, 64, "\0" );
		$pads  = array( $block ^ str_repeat( "\x36", 64 ), $block ^ str_repeat( "\x5c", 64 ) );
		// An OpenSSL that refuses SHA-256 (or answers otherwise) is not used.
		$probe = openssl_digest( $pads[1] . openssl_digest( $pads[0] . 'countersign', 'sha256', true ), 'sha256' );
		return hash_hmac( 'sha256', 'countersign', $key ) === $probe ? $pads : false;
	}

	/**
	 * The current time with microseconds, in UTC.
	 */
	private function now(): string {
		return ( new \DateTimeImmutable( 'now', new \DateTimeZone( 'UTC' ) ) )->format( 'Y-m-d H:i:s.u' );
	}

	/**
	 * The client address, validated.
	 */
	private function ip(): string {
		$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		return false !== filter_var( $ip, FILTER_VALIDATE_IP ) ? $ip : '';
	}

	/**
	 * Bounded JSON for the details column.
	 *
	 * @param mixed $details Details.
	 */
	private function encode_details( mixed $details ): string {
		$json = (string) wp_json_encode( $details, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		if ( strlen( $json ) > self::MAX_DETAILS ) {
			$json = (string) wp_json_encode(
				array(
					'truncated' => true,
					'bytes'     => strlen( $json ),
					'sha256'    => hash( 'sha256', $json ),
				)
			);
		}
		return $json;
	}
}
