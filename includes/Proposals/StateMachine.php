<?php
/**
 * Proposal states and their transitions.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use Countersign\Support\Database;

/**
 * Every transition is a compare-and-swap on post_status, so two reviewers deciding at once change the state
 * exactly once; the loser sees zero rows changed.
 */
final class StateMachine {

	public const PENDING   = 'cs_pending';
	public const APPLIED   = 'cs_applied';
	public const REJECTED  = 'cs_rejected';
	public const WITHDRAWN = 'cs_withdrawn';
	public const CONFLICT  = 'cs_conflict';
	public const FAILED    = 'cs_failed';
	public const EXPIRED   = 'cs_expired';
	public const REVERTED  = 'cs_reverted';

	/** States from which a reviewer may approve or reject: what waits for a reviewer. */
	public const DECIDABLE = array( self::PENDING, self::CONFLICT, self::FAILED );

	public const STATES = array( self::PENDING, self::APPLIED, self::REJECTED, self::WITHDRAWN, self::CONFLICT, self::FAILED, self::EXPIRED, self::REVERTED );

	/** Which states each state may move to. Conflicts and failures stay decidable by a reviewer. */
	private const TRANSITIONS = array(
		self::PENDING  => array( self::APPLIED, self::REJECTED, self::WITHDRAWN, self::CONFLICT, self::FAILED, self::EXPIRED ),
		self::CONFLICT => array( self::APPLIED, self::REJECTED, self::WITHDRAWN, self::FAILED, self::CONFLICT ),
		self::FAILED   => array( self::APPLIED, self::REJECTED, self::WITHDRAWN, self::CONFLICT, self::FAILED ),
		self::APPLIED  => array( self::REVERTED ),
	);

	/**
	 * Constructor.
	 *
	 * @param Database $db Database.
	 */
	public function __construct( private readonly Database $db ) {}

	/**
	 * Whether a proposal in $from may move to $to.
	 *
	 * @param string $from Current state.
	 * @param string $to   Wanted state.
	 */
	public function allows( string $from, string $to ): bool {
		return in_array( $to, self::TRANSITIONS[ $from ] ?? array(), true );
	}

	/**
	 * States from which a reviewer may approve or reject.
	 *
	 * @return list<string>
	 */
	public function decidable(): array {
		return self::DECIDABLE;
	}

	/**
	 * Moves the proposal from $from to $to if, and only if, it is still in $from.
	 *
	 * @param int    $proposal_id Proposal.
	 * @param string $from        Expected current state.
	 * @param string $to          New state.
	 * @return bool Whether this call made the transition.
	 */
	public function transition( int $proposal_id, string $from, string $to ): bool {
		if ( ! $this->allows( $from, $to ) ) {
			return false;
		}
		$wpdb = $this->db->wpdb();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- a compare-and-set: its row count says whether this call won; wp_update_post() cannot.
		$changed = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->posts} SET post_status = %s, post_modified = %s, post_modified_gmt = %s WHERE ID = %d AND post_type = %s AND post_status = %s",
				$to,
				current_time( 'mysql' ),
				current_time( 'mysql', true ),
				$proposal_id,
				ProposalPostType::SLUG,
				$from
			)
		);
		clean_post_cache( $proposal_id );
		if ( 1 !== $changed ) {
			return false;
		}
		/**
		 * Fires after a proposal changed state, inside the caller's transaction (a rollback undoes what listeners wrote).
		 *
		 * @param int    $proposal_id Proposal.
		 * @param string $from        Old state.
		 * @param string $to          New state.
		 */
		do_action( 'countersign_proposal_transitioned', $proposal_id, $from, $to );
		return true;
	}

	/**
	 * The REST name of a state: without the `cs_` prefix.
	 *
	 * @param string $state State.
	 */
	public static function public_name( string $state ): string {
		return str_starts_with( $state, 'cs_' ) ? substr( $state, 3 ) : $state;
	}
}
