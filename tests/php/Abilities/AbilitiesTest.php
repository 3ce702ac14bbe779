<?php
/**
 * The abilities, through core's /wp-abilities/v1 endpoints.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Abilities;

use Countersign\Tests\TestCase;

/**
 * An agent proposes, lists and reads its profile through the Abilities API; people and stopped agents are refused.
 */
final class AbilitiesTest extends TestCase {

	/**
	 * Propose through the ability: a pending proposal, audited like a REST submission.
	 */
	public function test_agent_proposes_through_the_ability(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();

		$run = $this->rest(
			$agent,
			'POST',
			'/wp-abilities/v1/abilities/countersign/propose-change/run',
			array(
				'input' => array(
					'post'      => $post_id,
					'changes'   => array( 'title' => 'Through an ability' ),
					'rationale' => 'MCP client test.',
				),
			)
		);

		$this->assertSame( 200, $run->get_status(), (string) wp_json_encode( $run->get_data() ) );
		$this->assertSame( 'pending', $run->get_data()['status'] );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
		$this->assertNotEmpty( $this->plugin()->audit_query->find( array( 'proposal' => (int) $run->get_data()['id'], 'action' => 'proposal.submitted' ) )['rows'] );

		$profile = $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/get-profile/run' );
		$this->assertSame( $agent, $profile->get_data()['id'] );
		$this->assertArrayHasKey( 'operations', $profile->get_data() );

		$list = $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/list-proposals/run', array( 'input' => array( 'post' => $post_id ) ) );
		$this->assertSame( 200, $list->get_status(), (string) wp_json_encode( $list->get_data() ) );
		$this->assertCount( 1, $list->get_data() );
	}

	/**
	 * Refusals: a person is not an agent; a paused agent is stopped; a Gate refusal comes back as the error.
	 */
	public function test_refusals(): void {
		$editor  = $this->user( 'editor' );
		$admin   = $this->user( 'administrator' );
		$agent   = (int) $this->agent( array( 'preset' => 'read_only' ) )['id'];
		$post_id = $this->post();
		$input   = array(
			'input' => array(
				'post'      => $post_id,
				'changes'   => array( 'title' => 'Nope' ),
				'rationale' => 'x',
			),
		);

		$person = $this->rest( $editor, 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', $input );
		$group  = $this->rest( $agent, 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', $input );
		$this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/pause" );
		$paused = $this->rest( $agent, 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', $input );

		$this->assertSame( 403, $person->get_status() );
		$this->assertSame( 'countersign_forbidden_group', $group->get_data()['code'] ?? null, (string) wp_json_encode( $group->get_data() ) );
		$this->assertSame( 403, $paused->get_status() );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
	}
}
