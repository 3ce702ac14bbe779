<?php
/**
 * The daily housekeeping: undecided proposals expire, stale confirmation tokens go.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Proposals;

use Countersign\Policy\Settings;
use Countersign\Tests\TestCase;

/**
 * `proposal_expiry_days` moves pending proposals nobody decided to `expired` (a compare-and-swap with a decision
 * record and an audit row); the daily run also deletes confirmation tokens past their five minutes.
 */
final class ExpiryTest extends TestCase {

	/**
	 * A pending proposal by the agent, made `$days` days ago.
	 *
	 * @param int $agent Agent.
	 * @param int $days  Age.
	 * @return int Proposal id.
	 */
	private function proposal_aged( int $agent, int $days ): int {
		$id = (int) $this->propose(
			$agent,
			array(
				'post'    => $this->post(),
				'changes' => array( 'title' => 'Aged ' . $days ),
			)
		)->get_data()['id'];
		global $wpdb;
		$when = gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS - 60 );
		$wpdb->update(
			$wpdb->posts,
			array(
				'post_date_gmt' => $when,
				'post_date'     => $when,
			),
			array( 'ID' => $id )
		);
		clean_post_cache( $id );
		return $id;
	}

	/**
	 * Older than the setting: expired, with who/why and an audit row; younger: still pending; expired ones
	 * cannot be approved.
	 */
	public function test_undecided_proposals_expire_after_the_set_days(): void {
		update_option(
			Settings::OPTION,
			array(
				'ip_rate_limit'        => 0,
				'proposal_expiry_days' => 3,
			)
		);
		$agent  = (int) $this->agent()['id'];
		$editor = $this->user( 'editor' );
		$old    = $this->proposal_aged( $agent, 4 );
		$young  = $this->proposal_aged( $agent, 2 );

		$this->plugin()->daily();

		$expired = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$old}" )->get_data();
		$this->assertSame( 'expired', $expired['status'] );
		$this->assertSame( 'expire', $expired['decision']['action'] );
		$this->assertSame( 'No decision within 3 days.', $expired['decision']['reason'] );
		$this->assertSame( 'pending', $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$young}" )->get_data()['status'] );
		$this->assertError( $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$old}/approve" ), 'countersign_invalid_state', 409 );

		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT actor_type, agent_id FROM {$wpdb->countersign_audit} WHERE action = %s AND proposal_id = %d", 'proposal.expired', $old ), ARRAY_A );
		$this->assertSame(
			array(
				'actor_type' => 'system',
				'agent_id'   => (string) $agent,
			),
			$row
		);

		// The agent sees it in its own list under `expired`.
		$mine = $this->rest( $agent, 'GET', '/countersign/v1/proposals', array( 'status' => 'expired' ) )->get_data();
		$this->assertContains( $old, array_column( $mine, 'id' ) );
	}

	/**
	 * 0 keeps proposals waiting however old they are.
	 */
	public function test_zero_days_never_expires(): void {
		update_option(
			Settings::OPTION,
			array(
				'ip_rate_limit'        => 0,
				'proposal_expiry_days' => 0,
			)
		);
		$agent = (int) $this->agent()['id'];
		$old   = $this->proposal_aged( $agent, 400 );

		$this->plugin()->daily();

		$this->assertSame( 'pending', $this->rest( $this->user( 'editor' ), 'GET', "/countersign/v1/proposals/{$old}" )->get_data()['status'] );
	}

	/**
	 * Tokens past their expiry are deleted; a live one stays usable.
	 */
	public function test_stale_confirmation_tokens_are_deleted(): void {
		$agent = (int) $this->agent()['id'];
		$post  = $this->post( array( 'post_status' => 'publish' ) );
		$live  = $this->rest(
			$agent,
			'POST',
			'/countersign/v1/intents',
			array(
				'post'    => $post,
				'changes' => array( 'slug' => 'live-token' ),
			)
		);
		$this->assertSame( 201, $live->get_status() );
		add_option( '_countersign_intent_' . hash( 'sha256', 'stale' ), "{$agent}:{$post}:x|" . ( time() - 60 ), '', false );

		$this->plugin()->daily();

		$this->assertFalse( get_option( '_countersign_intent_' . hash( 'sha256', 'stale' ) ) );
		$proposal = $this->propose(
			$agent,
			array(
				'post'          => $post,
				'changes'       => array( 'slug' => 'live-token' ),
				'confirm_token' => $live->get_data()['token'],
			)
		);
		$this->assertSame( 201, $proposal->get_status(), (string) wp_json_encode( $proposal->get_data() ) );
	}
}
