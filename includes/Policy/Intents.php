<?php
/**
 * Confirmation tokens for high-risk proposals.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Agents\Agent;
use Countersign\Proposals\ChangeSet;
use Countersign\Support\Database;
use wpdb;

/**
 * A token is bound to (agent, target, sha256 of the change set), valid five minutes and single use. It is kept in
 * the options table (not the object cache), and consumed with one DELETE whose row count says who won, so two
 * requests racing with one token cannot both use it, on one web server or several.
 */
final class Intents {

	public const TTL = 5 * MINUTE_IN_SECONDS;

	private const PREFIX = '_countersign_intent_';

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * Issues a token.
	 *
	 * @param Agent     $agent   Agent.
	 * @param int       $target  Target post (0 for new).
	 * @param ChangeSet $changes Change set.
	 * @return array{token: string, expires: string}
	 */
	public function issue( Agent $agent, int $target, ChangeSet $changes ): array {
		$token   = bin2hex( random_bytes( 24 ) );
		$expires = time() + self::TTL;
		add_option( self::PREFIX . hash( 'sha256', $token ), $this->binding( $agent, $target, $changes ) . '|' . $expires, '', false );
		return array(
			'token'   => $token,
			'expires' => gmdate( 'Y-m-d\TH:i:s', $expires ),
		);
	}

	/**
	 * Uses a token up. True only for the one caller that deletes it, and only if it matches and is fresh.
	 *
	 * @param string    $token   Token as given by the agent.
	 * @param Agent     $agent   Agent.
	 * @param int       $target  Target post.
	 * @param ChangeSet $changes Change set.
	 */
	public function consume( string $token, Agent $agent, int $target, ChangeSet $changes ): bool {
		if ( ! preg_match( '/^[a-f0-9]{48}$/', $token ) ) {
			return false;
		}
		$wpdb = $this->wpdb;
		// A token issued a moment ago may not have reached a replica yet.
		Database::reads_to_primary( $wpdb );
		$name = self::PREFIX . hash( 'sha256', $token );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- get_option() would answer from the object cache and delete_option() does not say who deleted the row; one DELETE's row count decides which racing request wins.
		$stored = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		if ( ! is_string( $stored ) ) {
			return false;
		}
		$deleted = $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		// phpcs:enable
		wp_cache_delete( $name, 'options' );
		if ( 1 !== $deleted ) {
			return false;
		}
		$cut     = (int) strrpos( $stored, '|' );
		$binding = substr( $stored, 0, $cut );
		$expires = (int) substr( $stored, $cut + 1 );
		return $expires >= time() && hash_equals( $binding, $this->binding( $agent, $target, $changes ) );
	}

	/**
	 * Deletes tokens whose five minutes have passed (daily): unused ones would otherwise stay in the options table.
	 *
	 * @return int How many were deleted.
	 */
	public function purge_expired(): int {
		$wpdb = $this->wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- selects our own rows by the expiry inside option_value, which no options API can do.
		$names = $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s AND CAST(SUBSTRING_INDEX(option_value, '|', -1) AS UNSIGNED) < %d", $wpdb->esc_like( self::PREFIX ) . '%', time() ) );
		// delete_option() also clears the object cache's copy.
		return count( array_filter( array_map( 'delete_option', $names ) ) );
	}

	/**
	 * What a token is bound to.
	 *
	 * @param Agent     $agent   Agent.
	 * @param int       $target  Target.
	 * @param ChangeSet $changes Change set.
	 */
	private function binding( Agent $agent, int $target, ChangeSet $changes ): string {
		return $agent->id . ':' . $target . ':' . $changes->hash();
	}
}
