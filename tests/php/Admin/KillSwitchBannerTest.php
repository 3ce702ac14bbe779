<?php
/**
 * The kill switch, said on every Countersign screen while it is on; a paused agent, said on its proposals.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Admin;

use Countersign\Admin\KillSwitchBanner;
use Countersign\Tests\TestCase;

/**
 * The banner shows on Countersign's screens only while the kill switch is on, and proposals carry their agent's
 * status so the screens can disable Approve before the click.
 */
final class KillSwitchBannerTest extends TestCase {

	/**
	 * Clears the screen a test set.
	 */
	protected function tearDown(): void {
		$GLOBALS['current_screen'] = null;
		parent::tearDown();
	}

	/**
	 * On a Countersign screen: a banner while the switch is on (with the way off for administrators), none while off;
	 * on a core screen, none.
	 */
	public function test_the_banner_follows_the_switch_and_the_screen(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-screen.php';
		require_once ABSPATH . 'wp-admin/includes/screen.php';
		$admin  = $this->user( 'administrator' );
		$banner = new KillSwitchBanner( $this->plugin()->settings );

		wp_set_current_user( $admin );
		set_current_screen( 'toplevel_page_countersign' );
		$this->assertSame( '', $this->render( $banner ) );

		$this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'kill_switch' => true ) );
		wp_set_current_user( $admin );
		$html = $this->render( $banner );
		$this->assertStringContainsString( 'The kill switch is on', $html );
		$this->assertStringContainsString( 'page=countersign-agents', $html );

		set_current_screen( 'edit-post' );
		$this->assertSame( '', $this->render( $banner ) );
	}

	/**
	 * A proposal says whether its agent is active or paused.
	 */
	public function test_a_proposal_carries_its_agents_status(): void {
		$admin    = $this->user( 'administrator' );
		$agent    = (int) $this->agent()['id'];
		$proposal = $this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'New' ) ) );
		$this->assertSame( 'active', $proposal->get_data()['agent']['status'] );

		$this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/pause" );
		$read = $this->rest( $this->user( 'editor' ), 'GET', "/countersign/v1/proposals/{$proposal->get_data()['id']}" );
		$this->assertSame( 'paused', $read->get_data()['agent']['status'] );
	}

	/**
	 * The banner's output.
	 *
	 * @param KillSwitchBanner $banner Banner.
	 */
	private function render( KillSwitchBanner $banner ): string {
		ob_start();
		$banner->render();
		return (string) ob_get_clean();
	}
}
