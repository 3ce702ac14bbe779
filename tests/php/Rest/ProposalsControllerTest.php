<?php
/**
 * The proposal routes end to end.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Tests\TestCase;

/**
 * Submit, list, read, approve, reject, withdraw.
 */
final class ProposalsControllerTest extends TestCase {

	/**
	 * A proposal is staged: the target is untouched until approval.
	 */
	public function test_a_proposal_leaves_its_target_untouched(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();

		$response = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Proposed title' ),
			)
		);

		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$data = $response->get_data();
		$this->assertSame( 'pending', $data['status'] );
		$this->assertSame( 2, $data['risk'] );
		$this->assertSame( $agent, $data['agent']['id'] );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
	}

	/**
	 * Approve applies once; a second approve gets 409 countersign_invalid_state.
	 */
	public function test_approve_applies_once_then_409(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$post_id  = $this->post();
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array(
					'title'   => 'Approved title',
					'content' => "<!-- wp:paragraph -->\n<p>Approved paragraph.</p>\n<!-- /wp:paragraph -->",
				),
			)
		)->get_data();

		$first  = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );
		$second = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );

		$this->assertSame( 200, $first->get_status(), (string) wp_json_encode( $first->get_data() ) );
		$this->assertSame( 'applied', $first->get_data()['status'] );
		$this->assertIsInt( $first->get_data()['backup_id'] );
		$this->assertSame( 'Approved title', get_post( $post_id )->post_title );
		$this->assertStringContainsString( 'Approved paragraph.', get_post( $post_id )->post_content );
		$this->assertError( $second, 'countersign_invalid_state', 409 );
		$this->assertCount( 1, $this->plugin()->audit_query->find( array( 'proposal' => (int) $proposal['id'], 'action' => 'proposal.approved' ) )['rows'] );
	}

	/**
	 * A reviewer who may not edit the target cannot approve it.
	 */
	public function test_reviewer_without_edit_post_gets_403(): void {
		$agent  = (int) $this->agent()['id'];
		$author = $this->user( 'author' );
		// Authors hold no countersign_review; grant it so only edit_post on the target is missing.
		get_userdata( $author )->add_cap( 'countersign_review' );
		$post_id  = $this->post( array( 'post_author' => 1 ) );
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Not yours to approve' ),
			)
		)->get_data();

		$response = $this->rest( $author, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );

		$this->assertError( $response, 'rest_forbidden', 403 );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
	}

	/**
	 * An agent cannot approve its own proposal, even with the editor role.
	 */
	public function test_an_agent_cannot_approve_its_own_proposal(): void {
		$agent    = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$post_id  = $this->post();
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Self-approved' ),
			)
		)->get_data();

		$response = $this->rest( $agent, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );

		$this->assertError( $response, 'rest_forbidden', 403 );
		$this->assertSame( 'pending', $this->rest( $agent, 'GET', "/countersign/v1/proposals/{$proposal['id']}" )->get_data()['status'] );
	}

	/**
	 * GET /proposals/{id} gives base, current and proposed for each changed field.
	 */
	public function test_get_item_has_fields(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$post_id  = $this->post();
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'New title' ),
			)
		)->get_data();
		wp_update_post(
			array(
				'ID'         => $post_id,
				'post_title' => 'Human edit',
			)
		);

		$data = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$proposal['id']}" )->get_data();

		$this->assertSame(
			array(
				'base'     => 'Original title',
				'current'  => 'Human edit',
				'proposed' => 'New title',
			),
			$data['fields']['title']
		);
	}

	/**
	 * A field that moved since the base conflicts instead of overwriting the human's words.
	 */
	public function test_approving_over_a_human_edit_conflicts(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$post_id  = $this->post();
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Agent title' ),
			)
		)->get_data();
		wp_update_post(
			array(
				'ID'         => $post_id,
				'post_title' => 'Human title',
			)
		);

		$response = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );
		$resolved = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve", array( 'edits' => array( 'title' => 'Merged title' ) ) );

		$this->assertError( $response, 'countersign_conflict', 409 );
		$this->assertSame( 'applied', $resolved->get_data()['status'] ?? null, (string) wp_json_encode( $resolved->get_data() ) );
		$this->assertTrue( $resolved->get_data()['decision']['edited'] );
		$this->assertSame( 'Merged title', get_post( $post_id )->post_title );
	}

	/**
	 * A content conflict is resolved block by block: GET /conflicts lists each block with its three versions, gives
	 * the merged content once every block has a side, refuses nonsense naming `choices`, and is for reviewers only.
	 */
	public function test_a_content_conflict_resolves_block_by_block(): void {
		$agent   = (int) $this->agent()['id'];
		$editor  = $this->user( 'editor' );
		$p       = static fn( string $text ): string => "<!-- wp:paragraph -->\n<p>{$text}</p>\n<!-- /wp:paragraph -->";
		$post_id = $this->post( array( 'post_content' => $p( 'One' ) . "\n\n" . $p( 'Two' ) . "\n\n" . $p( 'Three' ) ) );
		$id      = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'content' => $p( 'One, agent' ) . "\n\n" . $p( 'Two, agent' ) . "\n\n" . $p( 'Three' ) ),
			)
		)->get_data()['id'];
		wp_update_post(
			array(
				'ID'           => $post_id,
				'post_content' => $p( 'One' ) . "\n\n" . $p( 'Two, human' ) . "\n\n" . $p( 'Three, human' ),
			)
		);
		$this->assertError( $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$id}/approve" ), 'countersign_conflict', 409 );

		$open    = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$id}/conflicts" )->get_data();
		$chosen  = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$id}/conflicts", array( 'choices' => array( '1' => 'proposed' ) ) )->get_data();
		$bad     = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$id}/conflicts", array( 'choices' => array( '1' => 'both' ) ) );
		$unknown = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$id}/conflicts", array( 'choices' => array( '2' => 'current' ) ) );
		$as_bot  = $this->rest( $agent, 'GET', "/countersign/v1/proposals/{$id}/conflicts" );

		$this->assertSame(
			array(
				array(
					'path'     => '1',
					'reason'   => 'changed differently by both sides',
					'base'     => $p( 'Two' ),
					'current'  => $p( 'Two, human' ),
					'proposed' => $p( 'Two, agent' ),
					'choice'   => null,
				),
			),
			$open['blocks']
		);
		$this->assertNull( $open['content'] );
		$this->assertSame( 'proposed', $chosen['blocks'][0]['choice'] );
		$this->assertSame( $p( 'One, agent' ) . "\n\n" . $p( 'Two, agent' ) . "\n\n" . $p( 'Three, human' ), $chosen['content'] );
		$this->assertError( $bad, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'choices', $bad->get_data()['data']['field'] );
		$this->assertError( $unknown, 'countersign_invalid_payload', 400 );
		$this->assertSame( 403, $as_bot->get_status() );

		$applied = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$id}/approve", array( 'edits' => array( 'content' => $chosen['content'] ) ) );
		$this->assertSame( 'applied', $applied->get_data()['status'] ?? null, (string) wp_json_encode( $applied->get_data() ) );
		$this->assertSame( $chosen['content'], get_post( $post_id )->post_content );
	}

	/**
	 * Reject needs a reviewer and records the reason; the post stays as it was.
	 */
	public function test_reject_records_the_reason(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$post_id  = $this->post();
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Rejected title' ),
			)
		)->get_data();

		$response = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/reject", array( 'reason' => 'Off brand.' ) );

		$this->assertSame( 'rejected', $response->get_data()['status'] );
		$this->assertSame( 'Off brand.', $response->get_data()['decision']['reason'] );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
		$this->assertError( $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" ), 'countersign_invalid_state', 409 );
	}

	/**
	 * `order` turns the date or risk sort around; anything but asc/desc is 400 naming `order`.
	 */
	public function test_order_asc_and_desc(): void {
		$agent  = (int) $this->agent()['id'];
		$editor = $this->user( 'editor' );
		$post   = $this->post( array( 'post_status' => 'publish' ) );
		$low    = (int) $this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'Low' ) ) )->get_data()['id'];
		$medium = (int) $this->propose( $agent, array( 'post' => $post, 'changes' => array( 'title' => 'Medium' ) ) )->get_data()['id'];
		$ids    = fn( array $query ): array => array_values( array_intersect( array_column( $this->rest( $editor, 'GET', '/countersign/v1/proposals', $query + array( 'agent' => $agent ) )->get_data(), 'id' ), array( $low, $medium ) ) );

		$this->assertSame( array( $medium, $low ), $ids( array( 'orderby' => 'risk' ) ) );
		$this->assertSame( array( $low, $medium ), $ids( array( 'orderby' => 'risk', 'order' => 'asc' ) ) );
		$this->assertSame( array( $low, $medium ), $ids( array( 'orderby' => 'date', 'order' => 'asc' ) ) );
		$this->assertSame( array( $medium, $low ), $ids( array() ) );
		$bad = $this->rest( $editor, 'GET', '/countersign/v1/proposals', array( 'order' => 'sideways' ) );
		$this->assertError( $bad, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'order', $bad->get_data()['data']['field'] );
	}

	/**
	 * A rejection without a reason (missing, blank, or only markup) is 400 naming `reason`, alone or in a batch,
	 * and leaves the proposal pending.
	 */
	public function test_reject_needs_a_reason(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $this->post(),
				'changes' => array( 'title' => 'Maybe' ),
			)
		)->get_data();
		$route    = "/countersign/v1/proposals/{$proposal['id']}/reject";

		foreach ( array( array(), array( 'reason' => '' ), array( 'reason' => "  \n " ), array( 'reason' => '<b></b>' ), array( 'reason' => array( 'x' ) ) ) as $body ) {
			$response = $this->rest( $editor, 'POST', $route, $body );
			$this->assertError( $response, 'countersign_invalid_payload', 400 );
			$this->assertSame( 'reason', $response->get_data()['data']['field'] );
		}
		$batch = $this->rest(
			$editor,
			'POST',
			'/countersign/v1/proposals/batch',
			array(
				'ids'    => array( (int) $proposal['id'] ),
				'action' => 'reject',
			)
		);
		$this->assertError( $batch, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'reason', $batch->get_data()['data']['field'] );
		$this->assertSame( 'pending', $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$proposal['id']}" )->get_data()['status'] );
	}

	/**
	 * Only its agent withdraws a proposal.
	 */
	public function test_withdraw_is_for_its_agent_only(): void {
		$agent    = (int) $this->agent()['id'];
		$other    = (int) $this->agent()['id'];
		$post_id  = $this->post();
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'excerpt' => 'Short.' ),
			)
		)->get_data();

		$this->assertError( $this->rest( $other, 'POST', "/countersign/v1/proposals/{$proposal['id']}/withdraw" ), 'rest_forbidden', 403 );
		$this->assertSame( 'withdrawn', $this->rest( $agent, 'POST', "/countersign/v1/proposals/{$proposal['id']}/withdraw" )->get_data()['status'] );
	}

	/**
	 * A new post is created only on approval, authored by the agent, as a draft.
	 */
	public function test_new_post_is_created_on_approval(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$proposal = $this->propose(
			$agent,
			array(
				'post'      => 0,
				'post_type' => 'page',
				'changes'   => array(
					'title'   => 'A page from an agent',
					'content' => '<!-- wp:paragraph --><p>Hi.</p><!-- /wp:paragraph -->',
				),
			)
		)->get_data();
		$this->assertSame( 0, $proposal['post'] );

		$applied = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" )->get_data();
		$page    = get_post( (int) $applied['post'] );

		$this->assertSame( 'page', $page->post_type );
		$this->assertSame( 'draft', $page->post_status );
		$this->assertSame( $agent, (int) $page->post_author );
		$this->assertSame( 'A page from an agent', $page->post_title );
	}

	/**
	 * Agents list only their own proposals; reviewers filter by post.
	 */
	public function test_lists_are_scoped(): void {
		$one     = (int) $this->agent()['id'];
		$two     = (int) $this->agent()['id'];
		$editor  = $this->user( 'editor' );
		$post_id = $this->post();
		$this->propose( $one, array( 'post' => $post_id, 'changes' => array( 'title' => 'One' ) ) );
		$this->propose( $two, array( 'post' => $post_id, 'changes' => array( 'title' => 'Two' ) ) );

		$mine   = $this->rest( $one, 'GET', '/countersign/v1/proposals', array( 'post' => $post_id ) );
		$review = $this->rest( $editor, 'GET', '/countersign/v1/proposals', array( 'post' => $post_id ) );

		$this->assertSame( array( 'One' ), array_map( fn( $p ) => $p['changes']->title, $mine->get_data() ) );
		$this->assertSame( array( 'Two', 'One' ), array_map( fn( $p ) => $p['changes']->title, $review->get_data() ) );
		$this->assertSame( '2', (string) $review->get_headers()['X-WP-Total'] );
	}

	/**
	 * The queue's post type and date filters run on the server, so paging stays right.
	 */
	public function test_lists_filter_by_post_type_and_date(): void {
		global $wpdb;
		$agent  = (int) $this->agent()['id'];
		$editor = $this->user( 'editor' );
		$post   = $this->post();
		$page   = $this->post( array( 'post_type' => 'page' ) );
		$old    = $this->propose( $agent, array( 'post' => $post, 'changes' => array( 'title' => 'On a post' ) ) )->get_data();
		$this->propose( $agent, array( 'post' => $page, 'changes' => array( 'title' => 'On a page' ) ) );
		// Backdate the first proposal by ten days.
		$wpdb->update( $wpdb->posts, array( 'post_date_gmt' => gmdate( 'Y-m-d H:i:s', time() - 10 * DAY_IN_SECONDS ) ), array( 'ID' => $old['id'] ) );
		clean_post_cache( $old['id'] );
		$titles = fn( array $query ): array => array_map( fn( $p ) => $p['changes']->title, $this->rest( $editor, 'GET', '/countersign/v1/proposals', $query + array( 'agent' => $agent ) )->get_data() );

		$this->assertSame( array( 'On a page' ), $titles( array( 'post_type' => 'page' ) ) );
		$this->assertSame( array( 'On a post' ), $titles( array( 'post_type' => 'post' ) ) );
		$this->assertSame( array( 'On a page' ), $titles( array( 'after' => gmdate( 'Y-m-d', time() - 2 * DAY_IN_SECONDS ) ) ) );
		$this->assertSame( array( 'On a post' ), $titles( array( 'before' => gmdate( 'c', time() - 2 * DAY_IN_SECONDS ) ) ) );
		// The total is counted with the same filters as the page.
		$this->assertSame( '1', (string) $this->rest( $editor, 'GET', '/countersign/v1/proposals', array( 'agent' => $agent, 'before' => gmdate( 'c', time() - 2 * DAY_IN_SECONDS ) ) )->get_headers()['X-WP-Total'] );
		$this->assertSame( '2', (string) $this->rest( $editor, 'GET', '/countersign/v1/proposals', array( 'agent' => $agent ) )->get_headers()['X-WP-Total'] );
		$this->assertError( $this->rest( $editor, 'GET', '/countersign/v1/proposals', array( 'post_type' => 'nav_menu_item' ) ), 'countersign_invalid_payload', 400 );
		$bad = $this->rest( $editor, 'GET', '/countersign/v1/proposals', array( 'after' => 'next blue moon' ) );
		$this->assertError( $bad, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'after', $bad->get_data()['data']['field'] );
	}

	/**
	 * Bad input: 400 countersign_invalid_payload naming the field, and nothing written.
	 *
	 * @dataProvider bad_payloads
	 *
	 * @param array<string, mixed> $body  Body.
	 * @param string               $field Field the error names.
	 */
	public function test_bad_input_names_the_field( array $body, string $field ): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$before  = $this->count_proposals();

		$response = $this->rest( $agent, 'POST', '/countersign/v1/proposals', $body + array( 'post' => $post_id ) );

		$this->assertError( $response, 'countersign_invalid_payload', 400 );
		$this->assertSame( $field, $response->get_data()['data']['field'] );
		$this->assertSame( $before, $this->count_proposals() );
	}

	/**
	 * Named bad payloads.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string}>
	 */
	public static function bad_payloads(): array {
		return array(
			'unknown field'      => array( array( 'changes' => array( 'colour' => 'red' ), 'rationale' => 'x' ), 'changes.colour' ),
			'changes not object' => array( array( 'changes' => 'title', 'rationale' => 'x' ), 'changes' ),
			'title not string'   => array( array( 'changes' => array( 'title' => array( 1 ) ), 'rationale' => 'x' ), 'changes.title' ),
			'no rationale'       => array( array( 'changes' => array( 'title' => 'T' ) ), 'rationale' ),
			'long rationale'     => array( array( 'changes' => array( 'title' => 'T' ), 'rationale' => str_repeat( 'a', 2001 ) ), 'rationale' ),
			'bad status'         => array( array( 'changes' => array( 'status' => 'trash-it' ), 'rationale' => 'x' ), 'changes.status' ),
			'post not a number'  => array( array( 'post' => 'abc', 'changes' => array( 'title' => 'T' ), 'rationale' => 'x' ), 'post' ),
		);
	}

	/**
	 * Publishing is risk 4: refused without a confirmation token, accepted with one, and the token is single use.
	 */
	public function test_publish_needs_a_single_use_token(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$changes = array( 'status' => 'publish' );

		$without = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes ) );
		$token   = $this->rest( $agent, 'POST', '/countersign/v1/intents', array( 'post' => $post_id, 'changes' => $changes ) )->get_data()['token'];
		$with    = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes, 'confirm_token' => $token ) );
		$reused  = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes, 'confirm_token' => $token ) );

		$this->assertError( $without, 'countersign_invalid_token', 403 );
		$this->assertSame( 201, $with->get_status() );
		$this->assertSame( 4, $with->get_data()['risk'] );
		$this->assertError( $reused, 'countersign_invalid_token', 403 );
	}

	/**
	 * A preset without the publish group cannot propose publishing at all.
	 */
	public function test_preset_without_publish_is_forbidden(): void {
		$agent   = (int) $this->agent( array( 'preset' => 'draft_only' ) )['id'];
		$post_id = $this->post();

		$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'status' => 'publish' ) ) );

		$this->assertError( $response, 'countersign_forbidden_group', 403 );
		$this->assertSame( 'changes.status', $response->get_data()['data']['field'] );
	}

	/**
	 * A contributor agent's role cannot publish, whatever its preset.
	 */
	public function test_role_denies_publish_for_contributor(): void {
		$agent   = (int) $this->agent( array( 'role' => 'contributor', 'preset' => 'standard' ) )['id'];
		$post_id = $this->post( array( 'post_author' => $agent ) );
		$changes = array( 'status' => 'publish' );

		$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes ) );

		$this->assertError( $response, 'countersign_role_denies', 403 );
	}

	/**
	 * Script in content from a role without unfiltered_html is level 5, refused while level 5 is off.
	 */
	public function test_unfiltered_content_is_level_five(): void {
		$agent   = (int) $this->agent( array( 'role' => 'author' ) )['id'];
		$post_id = $this->post( array( 'post_author' => $agent ) );

		$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'content' => '<p>Hi</p><script>alert(1)</script>' ) ) );

		$this->assertError( $response, 'countersign_risk_disabled', 403 );
	}

	/**
	 * People who are not agents cannot submit; logged-out callers get 401.
	 */
	public function test_only_agents_submit(): void {
		$editor  = $this->user( 'editor' );
		$post_id = $this->post();

		$this->assertError( $this->propose( $editor, array( 'post' => $post_id, 'changes' => array( 'title' => 'T' ) ) ), 'countersign_not_agent', 403 );
		$this->assertError( $this->propose( 0, array( 'post' => $post_id, 'changes' => array( 'title' => 'T' ) ) ), 'rest_forbidden', 401 );
	}

	/**
	 * An autonomous agent's level-2 change applies at once, with a backup.
	 */
	public function test_autonomous_low_risk_applies_at_once(): void {
		$agent   = (int) $this->agent( array( 'autonomy' => 'autonomous' ) )['id'];
		$post_id = $this->post();

		$data = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'excerpt' => 'Auto excerpt.' ) ) )->get_data();

		$this->assertSame( 'applied', $data['status'] );
		$this->assertIsInt( $data['backup_id'] );
		$this->assertSame( 'Auto excerpt.', get_post( $post_id )->post_excerpt );
	}

	/**
	 * The kill switch stops every agent request.
	 */
	public function test_kill_switch_stops_agents(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		update_option( 'countersign_kill_switch', 1 );

		$this->assertError( $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'T' ) ) ), 'countersign_kill_switch', 503 );
		$this->assertError( $this->rest( $agent, 'GET', '/wp/v2/posts' ), 'countersign_kill_switch', 503 );
	}

	/**
	 * With a quorum of 2, a level-4 proposal needs two distinct reviewers; the same reviewer twice is refused, and
	 * an approval of other (edited) values does not count towards the quorum.
	 */
	public function test_quorum_needs_distinct_reviewers(): void {
		update_option( 'countersign_settings', array( 'quorum' => 2 ) );
		$agent   = (int) $this->agent()['id'];
		$first   = $this->user( 'editor' );
		$second  = $this->user( 'editor' );
		$third   = $this->user( 'editor' );
		$post_id = $this->post();
		$changes = array( 'status' => 'publish' );
		$token   = $this->rest( $agent, 'POST', '/countersign/v1/intents', array( 'post' => $post_id, 'changes' => $changes ) )->get_data()['token'];
		$id      = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes, 'confirm_token' => $token ) )->get_data()['id'];

		$one = $this->rest( $first, 'POST', "/countersign/v1/proposals/{$id}/approve" )->get_data();
		$this->assertSame( 'pending', $one['status'] );
		$this->assertCount( 1, $one['approvals'] );
		$this->assertSame( 'draft', get_post_status( $post_id ) );
		$this->assertError( $this->rest( $first, 'POST', "/countersign/v1/proposals/{$id}/approve" ), 'countersign_invalid_state', 409 );

		$edited = $this->rest( $second, 'POST', "/countersign/v1/proposals/{$id}/approve", array( 'edits' => array( 'status' => 'private' ) ) )->get_data();
		$this->assertSame( 'pending', $edited['status'], 'an approval of edited values starts a new count' );

		$two = $this->rest( $third, 'POST', "/countersign/v1/proposals/{$id}/approve" )->get_data();
		$this->assertSame( 'applied', $two['status'] );
		$this->assertSame( 'publish', get_post_status( $post_id ) );
	}

	/**
	 * An agent revises its own pending proposal: the old one is withdrawn, the new one pending.
	 */
	public function test_supersedes_withdraws_the_old_proposal(): void {
		$agent   = (int) $this->agent()['id'];
		$other   = (int) $this->agent()['id'];
		$editor  = $this->user( 'editor' );
		$post_id = $this->post();
		$old     = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'First try' ) ) )->get_data();

		$foreign = $this->propose( $other, array( 'post' => $post_id, 'changes' => array( 'title' => 'Hijack' ), 'supersedes' => $old['id'] ) );
		$new     = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Second try' ), 'supersedes' => $old['id'] ) );
		$again   = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Third try' ), 'supersedes' => $old['id'] ) );

		$this->assertError( $foreign, 'countersign_invalid_payload', 400 );
		$this->assertSame( 201, $new->get_status() );
		$this->assertSame( 'withdrawn', $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$old['id']}" )->get_data()['status'] );
		$this->assertSame( $new->get_data()['id'], $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$old['id']}" )->get_data()['decision']['superseded_by'] );
		$this->assertError( $again, 'countersign_invalid_state', 409 );
	}

	/**
	 * Bodies over the configured size are refused with 413 before anything runs.
	 */
	public function test_oversized_body_is_413(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$limit   = static fn(): int => 1000;
		add_filter( 'countersign_max_body_bytes', $limit );
		try {
			$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'content' => str_repeat( 'x', 2000 ) ) ) );
		} finally {
			remove_filter( 'countersign_max_body_bytes', $limit );
		}
		$this->assertError( $response, 'countersign_payload_too_large', 413 );
	}

	/**
	 * How many proposals exist.
	 */
	private function count_proposals(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = %s", 'countersign_proposal' ) );
	}
}
