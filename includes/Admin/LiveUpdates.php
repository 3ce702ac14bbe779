<?php
/**
 * New proposals and decisions reach open screens without a reload.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Policy\Capabilities;
use Countersign\Proposals\ProposalPostType;
use Countersign\Proposals\StateMachine;

/**
 * Rides WordPress's Heartbeat, which the editor and admin screens already run: each tick asks for a stamp of the
 * proposals in view (one post's, or the site's), and a screen refetches only when the stamp changed. One request per
 * tab per tick that WordPress makes anyway, slowed by Heartbeat itself in background tabs: no polling of our own, so
 * many open tabs cause no request storm.
 */
final class LiveUpdates {

	/**
	 * Hooks Heartbeat.
	 */
	public function register(): void {
		add_filter( 'heartbeat_received', array( $this, 'received' ), 10, 2 );
		add_action( 'admin_footer', array( $this, 'initial_stamp' ) );
	}

	/**
	 * `admin_footer` (before the footer scripts print): the stamp of what the screen is about to load, so the first
	 * tick already tells a change that came in between.
	 */
	public function initial_stamp(): void {
		global $post;
		foreach ( array( 'countersign-sidebar', 'countersign-queue' ) as $handle ) {
			if ( wp_script_is( $handle ) && current_user_can( Capabilities::REVIEW ) ) {
				$target = 'countersign-sidebar' === $handle && $post instanceof \WP_Post ? $post->ID : 0;
				wp_add_inline_script( $handle, 'window.countersignLiveStamp = ' . wp_json_encode( self::stamp( $target ) ) . ';', 'before' );
			}
		}
	}

	/**
	 * `heartbeat_received`: answers `countersign: {post}` with `countersign: {stamp}` for reviewers.
	 *
	 * @param array<string, mixed> $response Heartbeat response.
	 * @param array<string, mixed> $data     Heartbeat data from the screen.
	 * @return array<string, mixed>
	 */
	public function received( array $response, array $data ): array {
		if ( ! isset( $data['countersign'] ) || ! is_array( $data['countersign'] ) || ! current_user_can( Capabilities::REVIEW ) ) {
			return $response;
		}
		$post                    = absint( $data['countersign']['post'] ?? 0 );
		$response['countersign'] = array( 'stamp' => self::stamp( $post ) );
		return $response;
	}

	/**
	 * A value that changes whenever a proposal is added, edited or decided: how many there are, the newest change,
	 * and which wait for a reviewer. Read from the database (another server's decision must show).
	 *
	 * @param int $post Target post, 0 for every proposal.
	 */
	public static function stamp( int $post ): string {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a live stamp; the object cache may be another server's stale copy.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT COUNT(*) AS n, MAX(post_modified_gmt) AS m, SUM(CASE WHEN post_status IN (%s, %s, %s) THEN ID ELSE 0 END) AS w FROM {$wpdb->posts} WHERE post_type = %s AND ( %d = 0 OR post_parent = %d )", StateMachine::PENDING, StateMachine::CONFLICT, StateMachine::FAILED, ProposalPostType::SLUG, $post, $post ) );
		return null === $row ? '' : sprintf( '%d|%s|%d', (int) $row->n, (string) $row->m, (int) $row->w );
	}
}
