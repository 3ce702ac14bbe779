<?php
/**
 * Agent administration.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Tests\TestCase;
use WP_Application_Passwords;

/**
 * Create, edit, pause, resume, revoke, rotate; each takes effect on the very next request.
 */
final class AgentsControllerTest extends TestCase {

	/**
	 * The Agents screen's list shows each agent's requests today and its proposals waiting for review.
	 */
	public function test_list_shows_requests_today_and_pending_proposals(): void {
		$admin   = $this->user( 'administrator' );
		$busy    = (int) $this->agent()['id'];
		$idle    = (int) $this->agent()['id'];
		$post_id = $this->post();
		$this->propose( $busy, array( 'post' => $post_id, 'changes' => array( 'title' => 'One' ) ) );
		$this->propose( $busy, array( 'post' => $post_id, 'changes' => array( 'excerpt' => 'Two' ) ) );
		$this->rest( $busy, 'GET', '/countersign/v1/me' );

		$rows = array_column( $this->rest( $admin, 'GET', '/countersign/v1/agents' )->get_data(), null, 'id' );

		$this->assertSame( 2, $rows[ $busy ]['pending_proposals'] );
		$this->assertSame( 3, $rows[ $busy ]['requests_today'] );
		$this->assertSame( 0, $rows[ $idle ]['pending_proposals'] );
		$this->assertSame( 0, $rows[ $idle ]['requests_today'] );
		$this->assertSame( 2, $this->rest( $admin, 'GET', "/countersign/v1/agents/{$busy}" )->get_data()['pending_proposals'] );
	}

	/**
	 * Roles an agent may have, and one it may not.
	 */
	public function test_agents_are_never_administrators(): void {
		$admin = $this->user( 'administrator' );

		$response = $this->rest(
			$admin,
			'POST',
			'/countersign/v1/agents',
			array(
				'label' => 'Root',
				'role'  => 'administrator',
			)
		);

		$this->assertError( $response, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'role', $response->get_data()['data']['field'] );
	}

	/**
	 * Only countersign_manage holders manage agents; editors and agents get 403.
	 */
	public function test_managing_agents_needs_countersign_manage(): void {
		$editor = $this->user( 'editor' );
		$agent  = (int) $this->agent( array( 'role' => 'editor' ) )['id'];

		$this->assertError( $this->rest( $editor, 'GET', '/countersign/v1/agents' ), 'rest_forbidden', 403 );
		$this->assertError( $this->rest( $agent, 'POST', '/countersign/v1/agents', array( 'label' => 'Spawned' ) ), 'rest_forbidden', 403 );
		$this->assertError( $this->rest( $agent, 'POST', "/countersign/v1/agents/{$agent}/resume" ), 'rest_forbidden', 403 );
	}

	/**
	 * Pause refuses the next request; resume lets the next one through.
	 */
	public function test_pause_and_resume_change_the_next_request(): void {
		$admin = $this->user( 'administrator' );
		$agent = (int) $this->agent()['id'];

		$this->assertSame( 'paused', $this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/pause" )->get_data()['status'] );
		$this->assertError( $this->rest( $agent, 'GET', '/countersign/v1/me' ), 'countersign_agent_paused', 403 );
		$this->assertSame( 'active', $this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/resume" )->get_data()['status'] );
		$this->assertSame( 200, $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_status() );
	}

	/**
	 * A paused agent's waiting proposals do not apply (the apply re-checks the agent's status) but can be rejected;
	 * after resume they apply.
	 */
	public function test_a_paused_agents_proposals_wait_until_it_is_resumed(): void {
		$admin  = $this->user( 'administrator' );
		$editor = $this->user( 'editor' );
		$agent  = (int) $this->agent()['id'];
		$post   = $this->post();
		$first  = $this->propose( $agent, array( 'post' => $post, 'changes' => array( 'title' => 'While paused' ) ) )->get_data();
		$second = $this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'Rejected while paused' ) ) )->get_data();

		$this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/pause" );
		$refused = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$first['id']}/approve" );
		$this->assertError( $refused, 'countersign_invalid_state', 409 );
		$this->assertStringContainsString( 'paused', $refused->get_data()['message'] );
		$this->assertSame( 'Original title', get_post( $post )->post_title );
		$this->assertSame( 'pending', $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$first['id']}" )->get_data()['status'] );
		$this->assertSame( 'rejected', $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$second['id']}/reject", array( 'reason' => 'Not now.' ) )->get_data()['status'] );

		$this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/resume" );
		$this->assertSame( 'applied', $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$first['id']}/approve" )->get_data()['status'] );
		$this->assertSame( 'While paused', get_post( $post )->post_title );
	}

	/**
	 * Revoke deletes the passwords, withdraws open proposals, and answers 401 afterwards.
	 */
	public function test_revoke(): void {
		$admin    = $this->user( 'administrator' );
		$agent    = (int) $this->agent()['id'];
		$post_id  = $this->post();
		$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Before revoke' ) ) )->get_data();

		$revoked = $this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/revoke" );

		$this->assertSame( 'revoked', $revoked->get_data()['status'] );
		$this->assertSame( array(), WP_Application_Passwords::get_user_application_passwords( $agent ) );
		$this->assertError( $this->rest( $agent, 'GET', '/countersign/v1/me' ), 'countersign_agent_revoked', 401 );
		$this->assertSame( 'withdrawn', $this->rest( $admin, 'GET', "/countersign/v1/proposals/{$proposal['id']}" )->get_data()['status'] );
		$this->assertError( $this->rest( $admin, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" ), 'countersign_invalid_state', 409 );
	}

	/**
	 * Narrowing the preset refuses on the next request, and keeps the password.
	 */
	public function test_narrowing_takes_effect_on_the_next_request(): void {
		$admin   = $this->user( 'administrator' );
		$created = $this->agent( array( 'preset' => 'content_manager' ) );
		$agent   = (int) $created['id'];
		$post_id = $this->post();

		$updated = $this->rest( $admin, 'PUT', "/countersign/v1/agents/{$agent}", array( 'preset' => 'read_only' ) );

		$this->assertArrayNotHasKey( 'application_password', $updated->get_data() );
		$this->assertCount( 1, WP_Application_Passwords::get_user_application_passwords( $agent ) );
		$this->assertError( $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'T' ) ) ), 'countersign_forbidden_group', 403 );
	}

	/**
	 * Widening rotates the credentials: the old password is gone, a new one is returned once.
	 */
	public function test_widening_rotates_credentials(): void {
		$admin   = $this->user( 'administrator' );
		$created = $this->agent( array( 'preset' => 'read_only' ) );
		$agent   = (int) $created['id'];
		$old     = WP_Application_Passwords::get_user_application_passwords( $agent );

		$updated = $this->rest( $admin, 'PUT', "/countersign/v1/agents/{$agent}", array( 'preset' => 'draft_only' ) )->get_data();
		$new     = WP_Application_Passwords::get_user_application_passwords( $agent );

		$this->assertIsString( $updated['application_password'] );
		$this->assertCount( 1, $new );
		$this->assertNotSame( $old[0]['uuid'], $new[0]['uuid'] );
		// Outside a real API request core skips Application Password checks; this test is about the password itself.
		add_filter( 'application_password_is_api_request', '__return_true' );
		$this->assertInstanceOf( \WP_Error::class, wp_authenticate_application_password( null, $created['user_login'], $created['application_password'] ) );
		$this->assertInstanceOf( \WP_User::class, wp_authenticate_application_password( null, $created['user_login'], $updated['application_password'] ) );
		remove_filter( 'application_password_is_api_request', '__return_true' );
		$rows = $this->plugin()->audit_query->find( array( 'action' => 'agent.updated', 'object_id' => $agent ) )['rows'];
		$this->assertTrue( $rows[0]['details']['widened'] );
		$this->assertSame( 'read_only', $rows[0]['details']['before']['preset'] );
	}

	/**
	 * Settings: subsets, validation naming the field, and the kill switch audited.
	 */
	public function test_settings(): void {
		$admin = $this->user( 'administrator' );

		$this->assertError( $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'backup_retention' => 0 ) ), 'countersign_invalid_payload', 400 );
		$this->assertError( $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'risk_overrides' => array( 'slug' => 1 ) ) ), 'countersign_invalid_payload', 400 );
		$updated = $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'kill_switch' => true, 'backup_retention' => 5 ) )->get_data();

		$this->assertTrue( $updated['kill_switch'] );
		$this->assertSame( 5, $updated['backup_retention'] );
		$this->assertSame( 60, $updated['default_rate_limit'] );
		$this->assertNotEmpty( $this->plugin()->audit_query->find( array( 'action' => 'kill_switch.on' ) )['rows'] );
	}

	/**
	 * keep_audit_on_uninstall: off by default, a boolean only, stored where uninstall.php reads it.
	 */
	public function test_keep_audit_on_uninstall_setting(): void {
		$admin = $this->user( 'administrator' );

		$this->assertFalse( $this->rest( $admin, 'GET', '/countersign/v1/settings' )->get_data()['keep_audit_on_uninstall'] );
		$this->assertError( $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'keep_audit_on_uninstall' => 'yes' ) ), 'countersign_invalid_payload', 400 );
		$this->assertTrue( $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'keep_audit_on_uninstall' => true ) )->get_data()['keep_audit_on_uninstall'] );
		$this->assertTrue( get_option( 'countersign_settings' )['keep_audit_on_uninstall'] );
	}
}
