<?php
/**
 * Usage metering.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Audit\Usage;
use Countersign\Tests\TestCase;

/**
 * GET /usage counts what the audit log recorded.
 */
final class UsageControllerTest extends TestCase {

	/**
	 * Requests, refusals, proposals, decisions and tokens for one agent today.
	 */
	public function test_usage_by_agent_and_day(): void {
		$agent   = (int) $this->agent()['id'];
		$admin   = $this->user( 'administrator' );
		$post_id = $this->post();
		$one     = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'A' ), 'source' => array( 'tokens_in' => 1200, 'tokens_out' => 300 ) ) )->get_data();
		$two     = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'excerpt' => 'B' ), 'source' => array( 'tokens_in' => 800, 'tokens_out' => 100 ) ) )->get_data();
		$this->rest( $agent, 'POST', '/wp/v2/posts/' . $post_id, array( 'title' => 'refused' ) );
		$this->rest( $admin, 'POST', "/countersign/v1/proposals/{$one['id']}/approve" );
		$this->rest( $admin, 'POST', "/countersign/v1/proposals/{$two['id']}/reject", array( 'reason' => 'no' ) );

		$usage = $this->rest( $admin, 'GET', '/countersign/v1/usage', array( 'agent' => $agent ) )->get_data();

		$this->assertCount( 1, $usage['agents'] );
		$totals = $usage['agents'][0]['totals'];
		$this->assertSame( 3, $totals['requests'] );
		$this->assertSame( 1, $totals['refusals'] );
		$this->assertSame( 2, $totals['proposals'] );
		$this->assertSame( 1, $totals['approvals'] );
		$this->assertSame( 1, $totals['rejections'] );
		$this->assertSame( 2000, $totals['tokens_in'] );
		$this->assertSame( 400, $totals['tokens_out'] );
		$this->assertSame( gmdate( 'Y-m-d' ), $usage['agents'][0]['days'][0]['day'] );
		$this->assertIsFloat( $usage['agents'][0]['days'][0]['median_review_seconds'] );
		$this->assertError( $this->rest( $agent, 'GET', '/countersign/v1/usage' ), 'rest_forbidden', 403 );
		$this->assertError( $this->rest( $admin, 'GET', '/countersign/v1/usage', array( 'from' => 'not a date' ) ), 'countersign_invalid_payload', 400 );
	}

	/**
	 * Reviewers read the aggregate without tokens; administrators see tokens; others are refused.
	 */
	public function test_reviewers_read_usage_without_tokens(): void {
		$agent = (int) $this->agent()['id'];
		$this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'A' ), 'source' => array( 'tokens_in' => 50 ) ) );
		$editor = $this->user( 'editor' );
		$admin  = $this->user( 'administrator' );

		$as_editor = $this->rest( $editor, 'GET', '/countersign/v1/usage', array( 'agent' => $agent ) );
		$as_admin  = $this->rest( $admin, 'GET', '/countersign/v1/usage', array( 'agent' => $agent ) )->get_data();

		$this->assertSame( 200, $as_editor->get_status() );
		$data = $as_editor->get_data();
		$this->assertFalse( $data['tokens'] );
		$this->assertSame( 1, $data['agents'][0]['totals']['proposals'] );
		$this->assertArrayNotHasKey( 'tokens_in', $data['agents'][0]['totals'] );
		$this->assertArrayNotHasKey( 'tokens_in', $data['agents'][0]['days'][0] );
		$this->assertTrue( $as_admin['tokens'] );
		$this->assertSame( 50, $as_admin['agents'][0]['totals']['tokens_in'] );
		$this->assertError( $this->rest( $this->user( 'author' ), 'GET', '/countersign/v1/usage' ), 'rest_forbidden', 403 );
		$this->assertError( $this->rest( 0, 'GET', '/countersign/v1/usage' ), 'rest_forbidden', 401 );
	}

	/**
	 * The median of odd and even lists.
	 */
	public function test_median(): void {
		$this->assertSame( 3.0, Usage::median( array( 5, 1, 3 ) ) );
		$this->assertSame( 2.5, Usage::median( array( 4, 1, 2, 3 ) ) );
	}
}
