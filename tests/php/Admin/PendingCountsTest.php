<?php
/**
 * What waits for a reviewer, counted where WordPress shows counts.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Admin;

use Countersign\Admin\PendingCounts;
use Countersign\Tests\TestCase;

/**
 * The menu bubble, admin bar node, post-list state and dashboard widget count what the current user may decide,
 * live from the database (other tests' proposals share the site, so each assertion is on the difference a test makes).
 */
final class PendingCountsTest extends TestCase {

	/**
	 * Clears the screen a test set.
	 */
	protected function tearDown(): void {
		$GLOBALS['current_screen'] = null;
		parent::tearDown();
	}

	/**
	 * Pending proposals count by risk; a decision takes one off at once; the menu title carries the bubble.
	 */
	public function test_counts_by_risk_follow_decisions(): void {
		$editor    = $this->user( 'editor' );
		$agent     = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$draft     = $this->post();
		$published = $this->post( array( 'post_status' => 'publish' ) );
		wp_set_current_user( $editor );
		$before = $this->counts()->by_risk();

		$low    = $this->propose( $agent, array( 'post' => $draft, 'changes' => array( 'title' => 'Low' ) ) );
		$medium = $this->propose( $agent, array( 'post' => $published, 'changes' => array( 'title' => 'Medium' ) ) );
		$this->assertSame( array( 2, 3 ), array( $low->get_data()['risk'], $medium->get_data()['risk'] ) );
		wp_set_current_user( $editor );
		$after = $this->counts()->by_risk();

		$this->assertSame( array( 1, 1 ), array( $after[2] - $before[2], $after[3] - $before[3] ) );
		$this->assertSame( array_sum( $before ) + 2, $this->counts()->total() );

		$this->rest( $editor, 'POST', "/countersign/v1/proposals/{$low->get_data()['id']}/reject", array( 'reason' => 'Not now.' ) );
		wp_set_current_user( $editor );
		$counts = $this->counts();
		$this->assertSame( $before[2], $counts->by_risk()[2] );
		$total = $counts->total();
		$this->assertStringContainsString( "count-{$total}", $counts->menu_title( 'Countersign' ) );
		$this->assertMatchesRegularExpression( '/>' . $total . ' agent proposals? waits? for review</', $counts->menu_title( 'Countersign' ) );
	}

	/**
	 * Someone who may not review sees no count, no node and no widget.
	 */
	public function test_a_subscriber_sees_nothing(): void {
		$agent = (int) $this->agent()['id'];
		$this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'Waiting' ) ) );
		wp_set_current_user( $this->user( 'subscriber' ) );
		$counts = $this->counts();

		$this->assertSame( 0, $counts->total() );
		$this->assertSame( 'Countersign', $counts->menu_title( 'Countersign' ) );
		require_once ABSPATH . WPINC . '/class-wp-admin-bar.php';
		$bar = new \WP_Admin_Bar();
		$counts->admin_bar( $bar );
		$this->assertNull( $bar->get_node( 'countersign-waiting' ) );
	}

	/**
	 * The admin bar node and the dashboard widget say how many wait, by risk, with a link to the queue.
	 */
	public function test_admin_bar_and_dashboard(): void {
		$agent = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$this->propose( $agent, array( 'post' => $this->post( array( 'post_status' => 'publish' ) ), 'changes' => array( 'title' => 'Medium' ) ) );
		wp_set_current_user( $this->user( 'editor' ) );
		$counts = $this->counts();
		$total  = $counts->total();
		$this->assertGreaterThan( 0, $total );

		require_once ABSPATH . WPINC . '/class-wp-admin-bar.php';
		$bar = new \WP_Admin_Bar();
		$counts->admin_bar( $bar );
		$node = $bar->get_node( 'countersign-waiting' );
		$this->assertNotNull( $node );
		$this->assertStringContainsString( '>' . number_format_i18n( $total ) . '<', (string) $node->title );
		$this->assertStringContainsString( 'page=countersign', (string) $node->href );

		ob_start();
		$counts->render_dashboard();
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( number_format_i18n( $total ) . ' agent proposal', $html );
		$this->assertStringContainsString( 'Risk 3 · Medium', $html );
		$this->assertStringContainsString( 'Open the review queue', $html );
	}

	/**
	 * The Posts list labels each post that has proposals waiting, and only those, with one query for the page.
	 */
	public function test_post_states_in_the_posts_list(): void {
		global $wp_query;
		$agent   = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$with    = $this->post();
		$without = $this->post();
		$this->propose( $agent, array( 'post' => $with, 'changes' => array( 'title' => 'One' ) ) );
		$this->propose( $agent, array( 'post' => $with, 'changes' => array( 'excerpt' => 'Two' ) ) );
		require_once ABSPATH . 'wp-admin/includes/class-wp-screen.php';
		require_once ABSPATH . 'wp-admin/includes/screen.php';
		set_current_screen( 'edit-post' );
		wp_set_current_user( $this->user( 'editor' ) );
		$saved           = $wp_query->posts ?? array();
		$wp_query->posts = array( get_post( $with ), get_post( $without ) );
		$counts          = $this->counts();

		try {
			$this->assertSame( array( 'countersign' => '2 agent proposals' ), $counts->post_states( array(), get_post( $with ) ) );
			$this->assertSame( array(), $counts->post_states( array(), get_post( $without ) ) );
		} finally {
			$wp_query->posts = $saved;
		}
	}

	/**
	 * A fresh counter (each request computes its counts once).
	 */
	private function counts(): PendingCounts {
		return new PendingCounts( new \Countersign\Proposals\ProposalRepository() );
	}
}
