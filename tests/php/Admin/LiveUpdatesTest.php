<?php
/**
 * New proposals and decisions reach open screens on Heartbeat.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Admin;

use Countersign\Admin\LiveUpdates;
use Countersign\Tests\TestCase;

/**
 * The stamp a Heartbeat tick carries changes with every new proposal and every decision, for the post and for the
 * site, and only reviewers get one.
 */
final class LiveUpdatesTest extends TestCase {

	/**
	 * A proposal and a decision each change the post's stamp and the site's; another post's proposal does not
	 * change this post's.
	 */
	public function test_the_stamp_follows_proposals_and_decisions(): void {
		$agent  = (int) $this->agent()['id'];
		$post   = $this->post();
		$other  = $this->post();
		$before = array( LiveUpdates::stamp( $post ), LiveUpdates::stamp( 0 ) );

		$proposal = $this->propose( $agent, array( 'post' => $post, 'changes' => array( 'title' => 'New' ) ) );
		$proposed = array( LiveUpdates::stamp( $post ), LiveUpdates::stamp( 0 ) );
		$this->assertNotSame( $before[0], $proposed[0] );
		$this->assertNotSame( $before[1], $proposed[1] );

		$this->propose( $agent, array( 'post' => $other, 'changes' => array( 'title' => 'Elsewhere' ) ) );
		$this->assertSame( $proposed[0], LiveUpdates::stamp( $post ) );

		$this->rest( $this->user( 'editor' ), 'POST', "/countersign/v1/proposals/{$proposal->get_data()['id']}/reject", array( 'reason' => 'No.' ) );
		$this->assertNotSame( $proposed[0], LiveUpdates::stamp( $post ) );
	}

	/**
	 * The Heartbeat answer: a stamp for a reviewer who asks, nothing for a subscriber or a tick that does not ask.
	 */
	public function test_heartbeat_answers_reviewers_only(): void {
		$post = $this->post();
		$live = new LiveUpdates();

		wp_set_current_user( $this->user( 'editor' ) );
		$answer = $live->received( array(), array( 'countersign' => array( 'post' => $post ) ) );
		$this->assertSame( LiveUpdates::stamp( $post ), $answer['countersign']['stamp'] );
		$this->assertSame( array(), $live->received( array(), array( 'other' => 1 ) ) );

		wp_set_current_user( $this->user( 'subscriber' ) );
		$this->assertSame( array(), $live->received( array(), array( 'countersign' => array( 'post' => $post ) ) ) );
	}
}
