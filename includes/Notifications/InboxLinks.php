<?php
/**
 * Signed, single-use, expiring links from a reviewer's email to a decision page.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Notifications;

use wpdb;

/**
 * A link is `admin.php?page=countersign-decide&proposal=ID&token=EXPIRY.NONCE.SIGNATURE`, for one reviewer and one
 * proposal: the signature is an HMAC (keyed with the site's salts) of proposal, reviewer, expiry and a random nonce,
 * so a link cannot be made up or moved to another proposal or person. Issuing it stores its nonce's hash in the
 * counters table (the expiry as the row's window); using it deletes that row in one statement whose row count says
 * whether this request was the one that used it, on whatever web server, so a link decides once. The page itself
 * only shows the proposal: the decision is a POST with the reviewer's nonce, by the logged-in reviewer.
 */
final class InboxLinks {

	/** How long a link stays valid. */
	public const TTL = 3 * DAY_IN_SECONDS;

	/** Counter keys of issued, unused links. */
	private const PREFIX = 'inbox:';

	/** The admin page the links open. */
	public const PAGE = 'countersign-decide';

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database, with the table names Schema gave it.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * Issues a link for a reviewer and a proposal.
	 *
	 * @param int $proposal_id Proposal.
	 * @param int $user_id     Reviewer.
	 * @param int $now         Unix time.
	 */
	public function issue( int $proposal_id, int $user_id, int $now ): string {
		$expires = $now + self::TTL;
		$nonce   = bin2hex( random_bytes( 16 ) );
		$token   = $expires . '.' . $nonce . '.' . self::sign( $proposal_id, $user_id, $expires, $nonce );
		$wpdb    = $this->wpdb;
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, %d)", self::key( $nonce ), $expires, $user_id ) );
		return add_query_arg(
			array(
				'page'     => self::PAGE,
				'proposal' => $proposal_id,
				'token'    => $token,
			),
			admin_url( 'admin.php' )
		);
	}

	/**
	 * What a token is for this reviewer and proposal now: `valid` (issued to them, unexpired, unused), `used`,
	 * `expired` or `invalid` (forged, altered, or someone else's).
	 *
	 * @param string $token       Token from the link.
	 * @param int    $proposal_id Proposal named by the link.
	 * @param int    $user_id     The logged-in reviewer.
	 * @param int    $now         Unix time.
	 */
	public function status( string $token, int $proposal_id, int $user_id, int $now ): string {
		$parts = self::parse( $token );
		if ( null === $parts || ! hash_equals( self::sign( $proposal_id, $user_id, $parts['expires'], $parts['nonce'] ), $parts['signature'] ) ) {
			return 'invalid';
		}
		if ( $parts['expires'] < $now ) {
			return 'expired';
		}
		$wpdb = $this->wpdb;
		$row  = $wpdb->get_var( $wpdb->prepare( "SELECT hits FROM {$wpdb->countersign_counters} WHERE counter_key = %s AND window_start = %d", self::key( $parts['nonce'] ), $parts['expires'] ) );
		return null === $row ? 'used' : 'valid';
	}

	/**
	 * Uses a valid token: true for exactly one request, however many arrive at once on however many servers.
	 *
	 * @param string $token       Token.
	 * @param int    $proposal_id Proposal.
	 * @param int    $user_id     Reviewer.
	 * @param int    $now         Unix time.
	 */
	public function consume( string $token, int $proposal_id, int $user_id, int $now ): bool {
		if ( 'valid' !== $this->status( $token, $proposal_id, $user_id, $now ) ) {
			return false;
		}
		$parts = (array) self::parse( $token );
		$wpdb  = $this->wpdb;
		return 1 === (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_counters} WHERE counter_key = %s AND window_start = %d AND hits = %d", self::key( (string) $parts['nonce'] ), (int) $parts['expires'], $user_id ) );
	}

	/**
	 * Gives a used token back, when the decision it was used for did not happen (nothing changed, the link still
	 * works).
	 *
	 * @param string $token   Token.
	 * @param int    $user_id Reviewer.
	 */
	public function restore( string $token, int $user_id ): void {
		$parts = self::parse( $token );
		if ( null === $parts ) {
			return;
		}
		$wpdb = $this->wpdb;
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, %d)", self::key( $parts['nonce'] ), $parts['expires'], $user_id ) );
	}

	/**
	 * Deletes expired links (daily).
	 *
	 * @param int $now Unix time.
	 */
	public function purge( int $now ): void {
		$wpdb = $this->wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_counters} WHERE counter_key LIKE %s AND window_start < %d", $wpdb->esc_like( self::PREFIX ) . '%', $now ) );
	}

	/**
	 * The token's parts, or null when it is not shaped like one.
	 *
	 * @param string $token Token.
	 * @return array{expires: int, nonce: string, signature: string}|null
	 */
	private static function parse( string $token ): ?array {
		if ( ! preg_match( '/^(\d{1,12})\.([0-9a-f]{32})\.([0-9a-f]{64})$/', $token, $m ) ) {
			return null;
		}
		return array(
			'expires'   => (int) $m[1],
			'nonce'     => $m[2],
			'signature' => $m[3],
		);
	}

	/**
	 * The signature.
	 *
	 * @param int    $proposal_id Proposal.
	 * @param int    $user_id     Reviewer.
	 * @param int    $expires     Expiry.
	 * @param string $nonce       Random part.
	 */
	private static function sign( int $proposal_id, int $user_id, int $expires, string $nonce ): string {
		return hash_hmac( 'sha256', "countersign-inbox|{$proposal_id}|{$user_id}|{$expires}|{$nonce}", wp_salt( 'auth' ) );
	}

	/**
	 * The counter key of a nonce (its hash: the table never holds a usable token).
	 *
	 * @param string $nonce Nonce.
	 */
	private static function key( string $nonce ): string {
		return self::PREFIX . hash( 'sha256', $nonce );
	}
}
