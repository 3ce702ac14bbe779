<?php
/**
 * Reviewer emails.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Notifications;

use Countersign\Notifications\ReviewerMailer;
use Countersign\Tests\CapturesMail;
use Countersign\Tests\TestCase;

/**
 * Risk ≥ 3 proposals email the reviewers who may decide them, with a link that only opens the editor.
 */
final class ReviewerMailerTest extends TestCase {

	use CapturesMail;

	/**
	 * Who gets mail, and what it says.
	 */
	public function test_reviewers_of_the_post_are_emailed(): void {
		$agent     = (int) $this->agent()['id'];
		$reviewer  = $this->user( 'editor' );
		$opted_out = $this->user( 'editor' );
		$author    = $this->user( 'author' );
		update_user_meta( $opted_out, ReviewerMailer::OPT_OUT, 1 );
		$post_id = $this->post( array( 'post_status' => 'publish' ) );

		$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Medium risk' ) ) )->get_data();
		$to       = array_column( $this->mails, 'to' );
		$mine     = array_values( array_filter( $this->mails, fn( $mail ) => get_userdata( $reviewer )->user_email === $mail['to'] ) );

		$this->assertSame( 3, $proposal['risk'] );
		$this->assertCount( 1, $mine );
		$this->assertNotContains( get_userdata( $opted_out )->user_email, $to );
		$this->assertNotContains( get_userdata( $author )->user_email, $to );
		$this->assertStringContainsString( 'medium-risk', $mine[0]['subject'] );
		$this->assertStringContainsString( 'countersign=' . $proposal['id'], $mine[0]['message'] );
		$this->assertStringNotContainsString( 'approve', strtolower( (string) preg_replace( '/^.*(http\S+).*$/s', '$1', $mine[0]['message'] ) ) );

		$this->mails = array();
		$this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'Low risk' ) ) );
		$this->assertSame( array(), $this->mails );
	}

	/**
	 * In digest mode nothing is sent at once; the cron callback sends each reviewer one email listing what waits.
	 */
	public function test_daily_digest(): void {
		update_option(
			\Countersign\Policy\Settings::OPTION,
			array(
				'ip_rate_limit'     => 0,
				'notification_mode' => 'digest',
			)
		);
		$agent     = (int) $this->agent()['id'];
		$reviewer  = $this->user( 'editor' );
		$opted_out = $this->user( 'editor' );
		$author    = $this->user( 'author' );
		update_user_meta( $opted_out, ReviewerMailer::OPT_OUT, 1 );
		$published = $this->post( array( 'post_status' => 'publish', 'post_title' => 'Published one' ) );
		$medium    = $this->propose( $agent, array( 'post' => $published, 'changes' => array( 'title' => 'Medium risk' ) ) )->get_data();
		$low       = $this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'Low risk' ) ) )->get_data();
		$this->assertSame( array(), $this->mails, 'Digest mode sends nothing at submission.' );
		$this->assertNotFalse( wp_next_scheduled( ReviewerMailer::DIGEST_HOOK ) );

		do_action( ReviewerMailer::DIGEST_HOOK );

		$to   = array_column( $this->mails, 'to' );
		$mine = array_values( array_filter( $this->mails, fn( $mail ) => get_userdata( $reviewer )->user_email === $mail['to'] ) );
		$this->assertCount( 1, $mine );
		$this->assertNotContains( get_userdata( $opted_out )->user_email, $to );
		$this->assertNotContains( get_userdata( $author )->user_email, $to );
		$this->assertMatchesRegularExpression( '/\d+ agent proposals? waits? for your review/', $mine[0]['subject'] );
		$this->assertStringContainsString( 'countersign=' . $medium['id'], $mine[0]['message'] );
		$this->assertStringContainsString( 'Published one', $mine[0]['message'] );
		$this->assertStringNotContainsString( 'countersign=' . $low['id'], $mine[0]['message'] );

		// Decided proposals leave the digest; in immediate mode the digest sends nothing at all.
		$this->rest( $this->user( 'administrator' ), 'POST', "/countersign/v1/proposals/{$medium['id']}/reject", array( 'reason' => 'no' ) );
		$this->mails = array();
		do_action( ReviewerMailer::DIGEST_HOOK );
		foreach ( $this->mails as $mail ) {
			$this->assertStringNotContainsString( 'countersign=' . $medium['id'], $mail['message'] );
		}
		update_option( \Countersign\Policy\Settings::OPTION, array( 'ip_rate_limit' => 0 ) );
		$this->mails = array();
		do_action( ReviewerMailer::DIGEST_HOOK );
		$this->assertSame( array(), $this->mails );
	}
}
