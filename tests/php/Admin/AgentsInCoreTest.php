<?php
/**
 * Agents on core's screens.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Admin;

use Countersign\Tests\TestCase;
use WP_User;

/**
 * Core's Users list marks agents, core's Revisions screen names the agent whose proposal a revision applied, and an
 * agent cannot be made an administrator (or anything but contributor, author or editor) by core's screens.
 */
final class AgentsInCoreTest extends TestCase {

	/**
	 * "Change role to Administrator" (bulk, profile, REST, CLI: all end in set_role) is undone, and said.
	 */
	public function test_an_agent_cannot_be_made_an_administrator(): void {
		$agent = $this->agent( array( 'role' => 'editor' ) );
		$admin = $this->user( 'administrator' );
		wp_set_current_user( $admin );
		$user = new WP_User( (int) $agent['id'] );

		$user->set_role( 'administrator' );

		$this->assertSame( array( 'editor' ), array_values( ( new WP_User( (int) $agent['id'] ) )->roles ) );
		$this->assertFalse( user_can( (int) $agent['id'], 'manage_options' ) );
		$this->assertSame( 'editor', $this->plugin()->agents->find( (int) $agent['id'] )->role );
		$notice = (string) get_transient( 'countersign_role_kept_' . $admin );
		$this->assertStringContainsString( $agent['label'], $notice );
		$this->assertStringContainsString( 'Administrator', $notice );
		$this->assertStringContainsString( 'stays Editor', $notice );

		$user->add_role( 'administrator' );
		$this->assertSame( array( 'editor' ), array_values( ( new WP_User( (int) $agent['id'] ) )->roles ) );

		// The roles an agent may have are still its to change, a lesser one too.
		$user->set_role( 'author' );
		$this->assertSame( 'author', $this->plugin()->agents->find( (int) $agent['id'] )->role );
		$user->set_role( 'subscriber' );
		$this->assertSame( array( 'subscriber' ), array_values( ( new WP_User( (int) $agent['id'] ) )->roles ) );

		// People are not touched.
		$person = new WP_User( $this->user( 'editor' ) );
		$person->set_role( 'administrator' );
		$this->assertSame( array( 'administrator' ), array_values( ( new WP_User( $person->ID ) )->roles ) );
	}

	/**
	 * On an agent's profile, the role menu lists only roles that can do no more than an editor.
	 */
	public function test_the_profile_offers_only_agent_roles(): void {
		global $pagenow;
		$agent           = $this->agent();
		$pagenow         = 'user-edit.php'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the screen under test.
		$_GET['user_id'] = (string) $agent['id'];
		try {
			require_once ABSPATH . 'wp-admin/includes/user.php';
			wp_set_current_user( $this->user( 'administrator' ) );
			$this->assertSame( array( 'contributor', 'author', 'editor', 'subscriber' ), array_values( array_intersect( array( 'contributor', 'author', 'editor', 'administrator', 'subscriber' ), array_keys( get_editable_roles() ) ) ) );
		} finally {
			unset( $_GET['user_id'] );
			$pagenow = 'index.php'; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- put back.
		}
	}

	/**
	 * The Users list's Agent column says the agent; for a person it is empty.
	 */
	public function test_the_users_list_marks_agents(): void {
		$agent   = $this->agent( array( 'preset' => 'content_manager' ) );
		$columns = apply_filters(
			'manage_users_columns',
			array(
				'username' => 'Username',
				'role'     => 'Role',
				'posts'    => 'Posts',
			)
		);
		$this->assertSame( array( 'username', 'role', 'countersign_agent', 'posts' ), array_keys( $columns ) );
		$cell = (string) apply_filters( 'manage_users_custom_column', '', 'countersign_agent', (int) $agent['id'] );
		$this->assertStringContainsString( 'Agent: ' . esc_html( $agent['label'] ), $cell );
		$this->assertStringContainsString( 'Content manager', $cell );
		$this->assertSame( '', (string) apply_filters( 'manage_users_custom_column', '', 'countersign_agent', $this->user( 'editor' ) ) );
	}

	/**
	 * Core's Revisions screen: the revision an approval made names the reviewer, the agent and the proposal.
	 */
	public function test_a_revision_names_the_agent_and_the_approver(): void {
		require_once ABSPATH . 'wp-admin/includes/revision.php';
		$agent  = $this->agent( array( 'label' => 'Claude ' . wp_generate_password( 4, false ) ) );
		$editor = $this->user( 'editor' );
		wp_update_user(
			array(
				'ID'           => $editor,
				'display_name' => 'Eve Editor',
			)
		);
		$post     = $this->post();
		$proposal = (int) $this->propose(
			(int) $agent['id'],
			array(
				'post'    => $post,
				'changes' => array( 'title' => 'Revised by an agent' ),
			)
		)->get_data()['id'];
		$this->assertSame( 'applied', $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal}/approve" )->get_data()['status'] );

		wp_set_current_user( $editor );
		$revisions = wp_prepare_revisions_for_js( get_post( $post ), (int) array_key_first( wp_get_post_revisions( $post ) ) )['revisionData'];
		$names     = array_map( fn( array $revision ): string => (string) $revision['author']['name'], $revisions );
		$this->assertContains( "Eve Editor, approving {$agent['label']}’s proposal #{$proposal}", $names );
	}
}
