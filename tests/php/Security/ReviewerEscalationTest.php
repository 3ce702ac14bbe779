<?php
/**
 * Reviewers cannot write more than they may, through a proposal or their own edits to it.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * An approval is judged on what it writes: the proposal plus the reviewer's edits, at apply time. A reviewer who may
 * not publish cannot publish through a new-post proposal or through `edits`; one who may not edit others' posts
 * cannot create a post under another author; and edits cannot turn a low-risk proposal into a publish behind the
 * token rule and the quorum. Each attack goes over HTTP, to both web servers of the test site.
 */
final class ReviewerEscalationTest extends TestCase {

	/**
	 * A reviewer who may review and edit every post but not publish.
	 */
	private function non_publishing_reviewer(): int {
		$reviewer = $this->user( 'editor' );
		$user     = get_userdata( $reviewer );
		foreach ( array( 'publish_posts', 'publish_pages' ) as $cap ) {
			$user->add_cap( $cap, false );
		}
		return $reviewer;
	}

	/**
	 * A risk-4 proposal, with its confirmation token.
	 *
	 * @param int                  $agent   Agent.
	 * @param int                  $post_id Target (0: a new post).
	 * @param array<string, mixed> $changes Changes.
	 */
	private function confirmed_proposal( int $agent, int $post_id, array $changes ): int {
		$token    = $this->rest( $agent, 'POST', '/countersign/v1/intents', array( 'post' => $post_id, 'changes' => $changes ) );
		$this->assertSame( 201, $token->get_status(), (string) wp_json_encode( $token->get_data() ) );
		$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes, 'confirm_token' => $token->get_data()['token'] ) );
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		return (int) $response->get_data()['id'];
	}

	/**
	 * The proposal's state as stored.
	 *
	 * @param int $proposal Proposal.
	 */
	private function state( int $proposal ): string {
		clean_post_cache( $proposal );
		return (string) get_post_status( $proposal );
	}

	/**
	 * A reviewer who may not publish approves a new-post proposal whose status is publish: refused, no post.
	 */
	public function test_a_reviewer_who_may_not_publish_cannot_approve_a_published_new_post(): void {
		$agent    = (int) $this->agent( array( 'preset' => 'content_manager' ) )['id'];
		$reviewer = $this->non_publishing_reviewer();
		$title    = 'Published behind the back ' . wp_generate_password( 6, false );
		$proposal = $this->confirmed_proposal( $agent, 0, array( 'title' => $title, 'status' => 'publish' ) );

		$answer = Http::one( $this->credentials( $reviewer ), 'POST', "/countersign/v1/proposals/{$proposal}/approve", array() );

		$this->assertSame( 403, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( 'rest_forbidden', $answer['body']['code'] ?? null );
		$this->assertSame( 'cs_pending', $this->state( $proposal ) );
		$this->assertSame( array(), get_posts( array( 'title' => $title, 'post_status' => 'any', 'fields' => 'ids' ) ) );
	}

	/**
	 * The same reviewer approves a level-2 proposal with `edits: {status: publish}`: refused, naming the edit; the
	 * post stays a draft.
	 */
	public function test_a_reviewer_who_may_not_publish_cannot_publish_through_edits(): void {
		$agent    = (int) $this->agent()['id'];
		$reviewer = $this->non_publishing_reviewer();
		$post_id  = $this->post();
		$proposal = (int) $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'status' => 'pending' ) ) )->get_data()['id'];

		$answer = Http::one( $this->credentials( $reviewer ), 'POST', "/countersign/v1/proposals/{$proposal}/approve", array( 'edits' => array( 'status' => 'publish' ) ) );

		$this->assertSame( 403, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( 'rest_forbidden', $answer['body']['code'] ?? null );
		$this->assertSame( 'edits.status', $answer['body']['data']['field'] ?? null );
		$this->assertSame( 'draft', get_post_status( $post_id ) );
		$this->assertSame( 'cs_pending', $this->state( $proposal ) );
	}

	/**
	 * A reviewer who may not edit others' posts (an Author given countersign_review) approves a new post authored by
	 * an administrator: refused, no post.
	 */
	public function test_an_author_reviewer_cannot_create_a_post_under_another_author(): void {
		$agent    = (int) $this->agent( array( 'preset' => 'content_manager' ) )['id'];
		$admin    = $this->user( 'administrator' );
		$reviewer = $this->user( 'author' );
		get_userdata( $reviewer )->add_cap( 'countersign_review' );
		$title    = 'Signed by the admin ' . wp_generate_password( 6, false );
		$proposal = $this->confirmed_proposal( $agent, 0, array( 'title' => $title, 'author' => $admin ) );

		$answer = Http::one( $this->credentials( $reviewer ), 'POST', "/countersign/v1/proposals/{$proposal}/approve", array() );

		$this->assertSame( 403, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( 'cs_pending', $this->state( $proposal ) );
		$this->assertSame( array(), get_posts( array( 'title' => $title, 'post_status' => 'any', 'fields' => 'ids' ) ) );
	}

	/**
	 * With a quorum of two, one editor's edits turn a level-2 change into a publish: refused (the agent confirmed no
	 * such change), the post stays a draft; the same edit that keeps the risk applies with one approval.
	 */
	public function test_edits_cannot_raise_a_proposal_past_the_token_rule_and_quorum(): void {
		$set = $this->rest( $this->user( 'administrator' ), 'PUT', '/countersign/v1/settings', array( 'quorum' => 2 ) );
		$this->assertSame( 2, $set->get_data()['quorum'] ?? null, (string) wp_json_encode( $set->get_data() ) );
		$this->assertSame( 2, $this->plugin()->settings->get( 'quorum' ) );
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$post_id  = $this->post();
		$proposal = (int) $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'status' => 'pending', 'title' => 'Agent title' ) ) )->get_data()['id'];
		$creds    = $this->credentials( $editor );

		$answer = Http::one( $creds, 'POST', "/countersign/v1/proposals/{$proposal}/approve", array( 'edits' => array( 'status' => 'publish' ) ) );

		$this->assertSame( 403, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( 'countersign_invalid_token', $answer['body']['code'] ?? null );
		$this->assertSame( 'edits.status', $answer['body']['data']['field'] ?? null );
		clean_post_cache( $post_id );
		$this->assertSame( 'draft', get_post_status( $post_id ) );
		$this->assertSame( 'cs_pending', $this->state( $proposal ) );

		$kept = Http::one( $creds, 'POST', "/countersign/v1/proposals/{$proposal}/approve", array( 'edits' => array( 'title' => 'Editor title' ) ) );
		$this->assertSame( 200, $kept['status'], (string) wp_json_encode( $kept['body'] ) );
		$this->assertSame( 'applied', $kept['body']['status'] );
		clean_post_cache( $post_id );
		$this->assertSame( 'pending', get_post_status( $post_id ) );
		$this->assertSame( 'Editor title', get_post( $post_id )->post_title );
	}

	/**
	 * A reviewer's edits to a high-risk proposal count for the quorum at the level of what is written: two editors
	 * are needed, and the first approval applies nothing.
	 */
	public function test_the_quorum_judges_the_final_values(): void {
		$set = $this->rest( $this->user( 'administrator' ), 'PUT', '/countersign/v1/settings', array( 'quorum' => 2 ) );
		$this->assertSame( 2, $set->get_data()['quorum'] ?? null, (string) wp_json_encode( $set->get_data() ) );
		$this->assertSame( 2, $this->plugin()->settings->get( 'quorum' ) );
		$agent    = (int) $this->agent()['id'];
		$post_id  = $this->post();
		$proposal = $this->confirmed_proposal( $agent, $post_id, array( 'status' => 'publish' ) );
		$first    = $this->credentials( $this->user( 'editor' ) );
		$second   = $this->credentials( $this->user( 'editor' ) );

		$one = Http::one( $first, 'POST', "/countersign/v1/proposals/{$proposal}/approve", array( 'edits' => array( 'status' => 'private' ) ) );
		$this->assertSame( 200, $one['status'], (string) wp_json_encode( $one['body'] ) );
		$this->assertSame( 'pending', $one['body']['status'] );
		clean_post_cache( $post_id );
		$this->assertSame( 'draft', get_post_status( $post_id ) );

		$two = Http::one( $second, 'POST', "/countersign/v1/proposals/{$proposal}/approve", array( 'edits' => array( 'status' => 'private' ) ) );
		$this->assertSame( 200, $two['status'], (string) wp_json_encode( $two['body'] ) );
		$this->assertSame( 'applied', $two['body']['status'] );
		clean_post_cache( $post_id );
		$this->assertSame( 'private', get_post_status( $post_id ) );
	}
}
