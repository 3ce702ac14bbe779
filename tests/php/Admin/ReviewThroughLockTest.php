<?php
/**
 * Reading through core's post lock.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Admin;

use Countersign\Tests\TestCase;

/**
 * Core's "someone is editing" dialog stays away from a reviewer who came to decide a proposal on that post, and only
 * from them: without the proposal link, for another post's proposal, or for someone who may not review it, core
 * shows it as before.
 */
final class ReviewThroughLockTest extends TestCase {

	/**
	 * Puts the query back.
	 */
	protected function tearDown(): void {
		unset( $_GET['countersign'] ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- the query the screen under test reads.
		parent::tearDown();
	}

	/**
	 * The dialog is off exactly for the reviewer with this post's proposal in the link.
	 */
	public function test_the_lock_dialog_is_off_only_for_a_reviewer_of_this_posts_proposal(): void {
		$agent     = (int) $this->agent()['id'];
		$holder    = $this->user( 'editor' );
		$reviewer  = $this->user( 'editor' );
		$author    = $this->user( 'author' );
		$post      = get_post( $this->post() );
		$other     = $this->post();
		$proposal  = (int) $this->propose(
			$agent,
			array(
				'post'    => $post->ID,
				'changes' => array( 'title' => 'New' ),
			)
		)->get_data()['id'];
		$elsewhere = (int) $this->propose(
			$agent,
			array(
				'post'    => $other,
				'changes' => array( 'title' => 'Other' ),
			)
		)->get_data()['id'];
		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- core's filter, as core applies it.
		$dialog    = fn(): bool => (bool) apply_filters( 'show_post_locked_dialog', true, $post, $holder );

		wp_set_current_user( $reviewer );
		$this->assertTrue( $dialog(), 'Without a proposal link, core shows its dialog.' );
		$_GET['countersign'] = (string) $proposal;
		$this->assertFalse( $dialog() );
		$_GET['countersign'] = (string) $elsewhere;
		$this->assertTrue( $dialog(), 'Another post’s proposal does not open this one.' );
		$_GET['countersign'] = (string) $proposal;
		wp_set_current_user( $author );
		$this->assertTrue( $dialog(), 'Someone who may not review this post gets core’s dialog.' );
		// phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- core's filter, as core applies it.
		$this->assertFalse( (bool) apply_filters( 'show_post_locked_dialog', false, $post, $holder ), 'A dialog already off stays off.' );
	}
}
