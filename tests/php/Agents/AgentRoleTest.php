<?php
/**
 * Agents never write through core.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Agents;

use Countersign\Policy\Capabilities;
use Countersign\Tests\TestCase;

/**
 * The write-strip filter.
 */
final class AgentRoleTest extends TestCase {

	/**
	 * An editor agent's core post update is refused and the post is unchanged.
	 */
	public function test_core_post_update_by_an_agent_is_refused(): void {
		$agent   = $this->agent( array( 'role' => 'editor' ) );
		$post_id = $this->post( array( 'post_author' => (int) $agent['id'] ) );

		$response = $this->rest( (int) $agent['id'], 'POST', '/wp/v2/posts/' . $post_id, array( 'title' => 'Written through core' ) );

		$this->assertContains( $response->get_status(), array( 401, 403 ) );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
	}

	/**
	 * Creating a post through core is refused too.
	 */
	public function test_core_post_create_by_an_agent_is_refused(): void {
		$agent = $this->agent( array( 'role' => 'editor' ) );

		$response = $this->rest( (int) $agent['id'], 'POST', '/wp/v2/posts', array( 'title' => 'New through core' ) );

		$this->assertContains( $response->get_status(), array( 401, 403 ) );
	}

	/**
	 * The same role held by a person keeps its write capabilities.
	 */
	public function test_a_person_with_the_same_role_keeps_write_caps(): void {
		$editor = $this->user( 'editor' );
		$this->assertTrue( user_can( $editor, 'edit_others_posts' ) );
		$this->assertTrue( user_can( $editor, Capabilities::REVIEW ) );
	}

	/**
	 * An editor agent holds no Countersign capability, even with the write-strip off.
	 */
	public function test_agents_never_hold_countersign_caps(): void {
		$agent = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$role  = $this->plugin()->agent_role;

		$this->assertFalse( user_can( $agent, Capabilities::REVIEW ) );
		$this->assertFalse( $role->unstripped( fn() => user_can( $agent, Capabilities::REVIEW ) ) );
		$this->assertFalse( $role->unstripped( fn() => user_can( $agent, Capabilities::MANAGE ) ) );
		$this->assertTrue( $role->unstripped( fn() => user_can( $agent, 'edit_others_posts' ) ) );
		$this->assertFalse( user_can( $agent, 'edit_others_posts' ) );
	}
}
