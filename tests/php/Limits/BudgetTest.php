<?php
/**
 * Proposal and token budgets.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Limits;

use Countersign\Limits\Budget;
use Countersign\Limits\TokenMeter;
use Countersign\Tests\TestCase;

/**
 * Monthly proposal budgets, token metering and token budgets: each spent budget answers 429
 * countersign_budget_exceeded naming itself.
 *
 * @group topology
 * @group replicas
 */
final class BudgetTest extends TestCase {

	/**
	 * Proposals earlier in the month count against the monthly budget, not the daily one.
	 */
	public function test_monthly_proposal_budget(): void {
		if ( '01' === gmdate( 'd' ) ) {
			$this->markTestSkipped( 'On the first of the month, earlier this month is today.' );
		}
		$agent   = (int) $this->agent(
			array(
				'daily_proposal_budget'   => 2,
				'monthly_proposal_budget' => 3,
			)
		)['id'];
		$post_id = $this->post();
		$ids     = array();
		foreach ( array( 'A', 'B' ) as $title ) {
			$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => $title ) ) );
			$this->assertSame( 201, $response->get_status() );
			$ids[] = (int) $response->get_data()['id'];
		}
		global $wpdb;
		foreach ( $ids as $id ) {
			$wpdb->update( $wpdb->posts, array( 'post_date_gmt' => gmdate( 'Y-m-01 00:00:01' ) ), array( 'ID' => $id ) );
		}
		// Their reservations move with them: today's counter is what an earlier day would have left, none.
		$wpdb->delete( $wpdb->countersign_counters, array( 'counter_key' => 'budget:day:' . $agent ) );

		$third  = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'C' ) ) );
		$fourth = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'D' ) ) );

		$this->assertSame( 201, $third->get_status() );
		$this->assertError( $fourth, 'countersign_budget_exceeded', 429 );
		$this->assertSame( Budget::MONTHLY_PROPOSALS, $fourth->get_data()['data']['rule'] );
		$this->assertStringContainsString( 'month', $fourth->get_data()['message'] );
		$this->assertArrayHasKey( 'Retry-After', $fourth->get_headers() );
		$budget = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['budget'];
		$this->assertSame( 3, $budget['used_this_month'] );
		$this->assertSame( 0, $budget['remaining_this_month'] );
		$this->assertSame( 1, $budget['remaining_today'] );
	}

	/**
	 * Tokens reported in source are metered per agent; a spent token budget refuses the next proposal.
	 */
	public function test_token_budget(): void {
		$agent   = (int) $this->agent( array( 'monthly_token_budget' => 1000 ) )['id'];
		$other   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$send    = fn( int $who, array $source ) => $this->propose(
			$who,
			array(
				'post'    => $post_id,
				'changes' => array( 'excerpt' => wp_generate_password( 8, false ) ),
				'source'  => $source,
			)
		);

		$this->assertSame( 201, $send( $agent, array( 'model' => 'm', 'tokens_in' => 600, 'tokens_out' => 300 ) )->get_status() );
		$this->assertSame( 201, $send( $agent, array( 'tokens_in' => 200 ) )->get_status() );
		$this->assertSame( 201, $send( $other, array( 'tokens_in' => 5000 ) )->get_status() );
		$refused = $send( $agent, array( 'tokens_in' => 1 ) );

		$this->assertError( $refused, 'countersign_budget_exceeded', 429 );
		$this->assertSame( Budget::MONTHLY_TOKENS, $refused->get_data()['data']['rule'] );
		$budget = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['budget'];
		$this->assertSame( 1100, $budget['tokens_this_month'] );
		$this->assertSame( 0, $budget['tokens_remaining'] );
		$this->assertSame( 1000, $budget['monthly_tokens'] );
		$this->assertNull( $this->rest( $other, 'GET', '/countersign/v1/me' )->get_data()['budget']['tokens_remaining'] );
	}

	/**
	 * A proposal that fails to be stored gives its reservation back: with a budget of 2, a failed store between two
	 * stored proposals still leaves room for the second.
	 */
	public function test_a_failed_store_releases_its_reservation(): void {
		$agent   = (int) $this->agent( array( 'daily_proposal_budget' => 2 ) )['id'];
		$post_id = $this->post();
		$this->assertSame( 201, $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'One' ) ) )->get_status() );

		add_filter( 'wp_insert_post_empty_content', '__return_true' );
		$failed = null;
		try {
			$this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Not stored' ) ) );
		} catch ( \RuntimeException $error ) {
			$failed = $error;
		} finally {
			remove_filter( 'wp_insert_post_empty_content', '__return_true' );
			wp_set_current_user( 0 );
		}
		$this->assertInstanceOf( \RuntimeException::class, $failed );
		$this->assertSame( 1, $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['budget']['used_today'] );

		$this->assertSame( 201, $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Two' ) ) )->get_status() );
		$this->assertError( $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Three' ) ) ), 'countersign_budget_exceeded', 429 );
	}

	/**
	 * Only non-negative numbers count, each capped.
	 */
	public function test_tokens_in_source(): void {
		$this->assertSame( 15, TokenMeter::tokens_in_source( array( 'tokens_in' => 10, 'tokens_out' => '5' ) ) );
		$this->assertSame( 0, TokenMeter::tokens_in_source( array( 'tokens_in' => -10, 'tokens_out' => 'lots' ) ) );
		$this->assertSame( TokenMeter::MAX_PER_PROPOSAL, TokenMeter::tokens_in_source( array( 'tokens_in' => PHP_INT_MAX ) ) );
		$this->assertSame( 0, TokenMeter::tokens_in_source( array() ) );
	}

	/**
	 * Budgets are agent fields administrators set; absurd values are refused.
	 */
	public function test_budget_fields_on_agents(): void {
		$created = $this->agent(
			array(
				'monthly_proposal_budget' => 500,
				'monthly_token_budget'    => 2000000,
			)
		);
		$admin   = $this->user( 'administrator' );
		$this->assertSame( 500, $created['monthly_proposal_budget'] );
		$this->assertSame( 2000000, $created['monthly_token_budget'] );
		$this->assertNull( $created['auto_paused_at'] );

		$updated = $this->rest( $admin, 'PUT', '/countersign/v1/agents/' . $created['id'], array( 'monthly_token_budget' => 0 ) )->get_data();
		$this->assertSame( 0, $updated['monthly_token_budget'] );
		$this->assertSame( 500, $updated['monthly_proposal_budget'] );
		$this->assertError( $this->rest( $admin, 'PUT', '/countersign/v1/agents/' . $created['id'], array( 'monthly_proposal_budget' => -1 ) ), 'countersign_invalid_payload', 400 );

		$schema = $this->rest( $admin, 'OPTIONS', '/countersign/v1/agents' )->get_data()['schema']['properties'];
		foreach ( array( 'monthly_proposal_budget', 'monthly_token_budget', 'auto_paused_at', 'daily_proposal_budget' ) as $field ) {
			$this->assertArrayHasKey( $field, $schema );
		}
	}
}
