<?php
/**
 * Deciding a proposal from the reviewer's email.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Admin;

use Countersign\Admin\InboxDecision;
use Countersign\Notifications\InboxLinks;
use Countersign\Tests\CapturesMail;
use Countersign\Tests\TestCase;

/**
 * The email carries a signed, single-use, expiring link for its reviewer; the page shows the diff and decides only
 * on a POST, through the same route (checks, apply, audit) as the editor; a used, expired or altered link says so.
 */
final class InboxDecisionTest extends TestCase {

	use CapturesMail;

	/**
	 * A risk-3 proposal (a published post's title) and the link its reviewer was emailed.
	 *
	 * @return array{agent: int, post: int, proposal: int, editor: int, token: string, url: string}
	 */
	private function emailed(): array {
		$editor   = $this->user( 'editor' );
		$agent    = (int) $this->agent()['id'];
		$post     = $this->post( array( 'post_status' => 'publish' ) );
		$response = $this->propose(
			$agent,
			array(
				'post'    => $post,
				'changes' => array( 'title' => 'Opening hours for the holidays' ),
			)
		);
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$email = get_userdata( $editor )->user_email;
		$mine  = array_values( array_filter( $this->mails, fn( array $mail ): bool => $email === $mail['to'] ) );
		$this->assertCount( 1, $mine );
		$this->assertSame( 1, preg_match( '#(\S+page=countersign-decide\S+)#', (string) $mine[0]['message'], $m ) );
		$query = array();
		wp_parse_str( (string) wp_parse_url( $m[1], PHP_URL_QUERY ), $query );
		$this->assertSame( (string) $response->get_data()['id'], $query['proposal'] );
		return array(
			'agent'    => $agent,
			'post'     => $post,
			'proposal' => (int) $response->get_data()['id'],
			'editor'   => $editor,
			'token'    => (string) $query['token'],
			'url'      => $m[1],
		);
	}

	/**
	 * The decision page's service.
	 */
	private function decision(): InboxDecision {
		return new InboxDecision( new InboxLinks( $GLOBALS['wpdb'] ) );
	}

	/**
	 * Approving from the link applies the change through the Applier and audits it as the reviewer; the link is
	 * then used, and says so.
	 */
	public function test_approve_once_from_the_link(): void {
		$sent = $this->emailed();
		wp_set_current_user( $sent['editor'] );

		$result = $this->decision()->decide( $sent['proposal'], $sent['token'], 'approve', '', $sent['editor'] );
		$again  = $this->decision()->decide( $sent['proposal'], $sent['token'], 'approve', '', $sent['editor'] );
		wp_set_current_user( 0 );

		$this->assertIsArray( $result );
		$this->assertSame( 'applied', $result['status'] );
		$this->assertSame( 'Opening hours for the holidays', get_post( $sent['post'] )->post_title );
		$this->assertInstanceOf( \WP_Error::class, $again );
		$this->assertSame( 'countersign_invalid_token', $again->get_error_code() );
		$this->assertStringContainsString( 'already been used', $again->get_error_message() );
		$audit = $this->rest(
			$this->user( 'administrator' ),
			'GET',
			'/countersign/v1/audit',
			array(
				'proposal' => $sent['proposal'],
				'action'   => 'proposal.approved',
			)
		)->get_data();
		$this->assertCount( 1, $audit );
		$this->assertSame( $sent['editor'], $audit[0]['actor']['id'] );
	}

	/**
	 * A rejection needs its reason; a refused decision leaves the link usable.
	 */
	public function test_reject_needs_a_reason_and_keeps_the_link_until_it_happens(): void {
		$sent  = $this->emailed();
		$links = new InboxLinks( $GLOBALS['wpdb'] );
		wp_set_current_user( $sent['editor'] );

		$missing = $this->decision()->decide( $sent['proposal'], $sent['token'], 'reject', '', $sent['editor'] );
		$this->assertInstanceOf( \WP_Error::class, $missing );
		$this->assertSame( 'valid', $links->status( $sent['token'], $sent['proposal'], $sent['editor'], time() ) );
		$rejected = $this->decision()->decide( $sent['proposal'], $sent['token'], 'reject', 'Not during the holidays.', $sent['editor'] );
		wp_set_current_user( 0 );

		$this->assertIsArray( $rejected );
		$this->assertSame( 'rejected', $rejected['status'] );
		$this->assertSame( 'Original title', get_post( $sent['post'] )->post_title );
		$this->assertSame( 'used', $links->status( $sent['token'], $sent['proposal'], $sent['editor'], time() ) );
	}

	/**
	 * Someone else's link, an altered one, one for another proposal and an expired one decide nothing.
	 */
	public function test_links_are_bound_signed_and_expire(): void {
		$sent  = $this->emailed();
		$links = new InboxLinks( $GLOBALS['wpdb'] );
		$other = $this->user( 'editor' );
		$flip  = substr( $sent['token'], 0, -1 ) . ( str_ends_with( $sent['token'], '0' ) ? '1' : '0' );
		$old   = wp_parse_url( $links->issue( $sent['proposal'], $sent['editor'], time() - InboxLinks::TTL - 60 ), PHP_URL_QUERY );
		$query = array();
		wp_parse_str( (string) $old, $query );

		$this->assertSame( 'invalid', $links->status( $sent['token'], $sent['proposal'], $other, time() ) );
		$this->assertSame( 'invalid', $links->status( $flip, $sent['proposal'], $sent['editor'], time() ) );
		$this->assertSame( 'invalid', $links->status( $sent['token'], $sent['proposal'] + 1, $sent['editor'], time() ) );
		$this->assertSame( 'invalid', $links->status( 'garbage', $sent['proposal'], $sent['editor'], time() ) );
		$this->assertSame( 'expired', $links->status( (string) $query['token'], $sent['proposal'], $sent['editor'], time() ) );
		wp_set_current_user( $other );
		$stolen = $this->decision()->decide( $sent['proposal'], $sent['token'], 'approve', '', $other );
		wp_set_current_user( 0 );
		$this->assertInstanceOf( \WP_Error::class, $stolen );
		$this->assertSame( 'Original title', get_post( $sent['post'] )->post_title );
		$this->assertTrue( $links->consume( $sent['token'], $sent['proposal'], $sent['editor'], time() ) );
		$this->assertFalse( $links->consume( $sent['token'], $sent['proposal'], $sent['editor'], time() ), 'a link is used once' );
	}

	/**
	 * The page (a GET) shows the diff and a POST form with a nonce; nothing is decided by showing it; a used link
	 * says so and shows no form.
	 */
	public function test_the_page_shows_and_never_decides(): void {
		$sent = $this->emailed();
		wp_set_current_user( $sent['editor'] );
		$_GET = array(
			'page'     => InboxLinks::PAGE,
			'proposal' => (string) $sent['proposal'],
			'token'    => $sent['token'],
		);
		ob_start();
		$this->decision()->render();
		$page = (string) ob_get_clean();
		$this->assertStringContainsString( 'Opening hours for the holidays', $page );
		$this->assertStringContainsString( '<table class="diff', $page );
		$this->assertStringContainsString( 'method="post"', $page );
		$this->assertStringContainsString( 'name="_wpnonce"', $page );
		$this->assertSame( 'pending', $this->rest( $sent['editor'], 'GET', '/countersign/v1/proposals/' . $sent['proposal'] )->get_data()['status'] );

		wp_set_current_user( $sent['editor'] );
		$this->decision()->decide( $sent['proposal'], $sent['token'], 'approve', '', $sent['editor'] );
		ob_start();
		$this->decision()->render();
		$used = (string) ob_get_clean();
		$_GET = array();
		wp_set_current_user( 0 );
		$this->assertStringContainsString( 'already been used', $used );
		$this->assertStringNotContainsString( 'method="post"', $used );
	}
}
