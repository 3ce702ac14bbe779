<?php
/**
 * Insecure direct object references and core write paths, over real HTTP with Application Passwords.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Policy\Capabilities;
use Countersign\Proposals\ProposalPostType;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * One agent against another's proposals, a reviewer against a post they cannot edit, an agent against itself and
 * the site's management, and an agent against every core route that writes, while its reads still work.
 */
final class IdorTest extends TestCase {

	/**
	 * Agent B cannot read, withdraw or supersede agent A's proposal; A's proposal stays pending and B gets no
	 * proposal out of the attempt.
	 */
	public function test_an_agent_cannot_touch_another_agents_proposal(): void {
		$a       = (int) $this->agent()['id'];
		$b       = (int) $this->agent()['id'];
		$post_id = $this->post();
		$mine    = (int) $this->propose( $a, array( 'post' => $post_id, 'changes' => array( 'title' => 'A' ) ) )->get_data()['id'];
		$creds   = $this->credentials( $b );

		$results = Http::parallel(
			array(
				array( $creds, 'GET', "/countersign/v1/proposals/{$mine}" ),
				array( $creds, 'POST', "/countersign/v1/proposals/{$mine}/withdraw", array() ),
				array(
					$creds,
					'POST',
					'/countersign/v1/proposals',
					array(
						'post'       => $post_id,
						'changes'    => array( 'title' => 'B' ),
						'rationale'  => 'Mine now.',
						'supersedes' => $mine,
					),
				),
				array( $creds, 'GET', '/countersign/v1/proposals?agent=' . $a ),
			)
		);

		$this->assertSame( array( 403, 'rest_forbidden' ), array( $results[0]['status'], $results[0]['body']['code'] ?? null ) );
		$this->assertSame( array( 403, 'rest_forbidden' ), array( $results[1]['status'], $results[1]['body']['code'] ?? null ) );
		$this->assertSame( array( 400, 'countersign_invalid_payload', 'supersedes' ), array( $results[2]['status'], $results[2]['body']['code'] ?? null, $results[2]['body']['data']['field'] ?? null ) );
		// B's list never shows A's proposals, whatever the filter says.
		$this->assertSame( 200, $results[3]['status'] );
		$this->assertSame( array(), $results[3]['body'] );
		$this->assertSame( 'cs_pending', get_post_status( $mine ) );
		$this->assertSame( 0, $this->count_proposals( $b ) );
	}

	/**
	 * Callers who may not read proposals cannot tell a free id from a taken one: the same refusal for both.
	 */
	public function test_proposal_ids_do_not_leak_to_outsiders(): void {
		$agent    = (int) $this->agent()['id'];
		$proposal = (int) $this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'T' ) ) )->get_data()['id'];
		$author   = $this->credentials( $this->user( 'author' ) );
		$editor   = $this->credentials( $this->user( 'editor' ) );
		$requests = array();
		foreach ( array( '', $author ) as $creds ) {
			foreach ( array( $proposal, 987654321 ) as $id ) {
				foreach ( array( array( 'GET', '' ), array( 'POST', '/approve' ), array( 'POST', '/reject' ) ) as list( $method, $suffix ) ) {
					$requests[] = array( $creds, $method, "/countersign/v1/proposals/{$id}{$suffix}", 'GET' === $method ? null : array() );
				}
			}
		}
		$requests[] = array( $editor, 'GET', '/countersign/v1/proposals/987654321' );
		$results    = Http::parallel( $requests );
		foreach ( array_slice( $results, 0, 12 ) as $i => $result ) {
			$this->assertSame( array( $i < 6 ? 401 : 403, 'rest_forbidden' ), array( $result['status'], $result['body']['code'] ?? null ), $requests[ $i ][1] . ' ' . $requests[ $i ][2] );
		}
		$this->assertSame( array( 404, 'countersign_not_found' ), array( $results[12]['status'], $results[12]['body']['code'] ?? null ) );
	}

	/**
	 * A reviewer (here an author granted countersign_review) cannot approve or reject a proposal for a post they
	 * cannot edit, one at a time or in a batch; on their own post they can.
	 */
	public function test_a_reviewer_cannot_decide_for_a_post_they_cannot_edit(): void {
		$reviewer = $this->user( 'author' );
		get_userdata( $reviewer )->add_cap( Capabilities::REVIEW );
		$agent    = (int) $this->agent()['id'];
		$theirs   = $this->post( array( 'post_author' => 1 ) );
		$own      = $this->post( array( 'post_author' => $reviewer ) );
		$p_theirs = (int) $this->propose( $agent, array( 'post' => $theirs, 'changes' => array( 'title' => 'Not yours' ) ) )->get_data()['id'];
		$p_batch  = (int) $this->propose( $agent, array( 'post' => $theirs, 'changes' => array( 'excerpt' => 'Not yours either' ) ) )->get_data()['id'];
		$p_own    = (int) $this->propose( $agent, array( 'post' => $own, 'changes' => array( 'title' => 'Yours' ) ) )->get_data()['id'];
		$creds    = $this->credentials( $reviewer );

		$results = Http::parallel(
			array(
				array( $creds, 'POST', "/countersign/v1/proposals/{$p_theirs}/approve", array( 'edits' => array( 'title' => 'Sneaky' ) ) ),
				array( $creds, 'POST', "/countersign/v1/proposals/{$p_theirs}/reject", array( 'reason' => 'No.' ) ),
				array( $creds, 'GET', "/countersign/v1/proposals/{$p_theirs}" ),
				array(
					$creds,
					'POST',
					'/countersign/v1/proposals/batch',
					array(
						'ids'    => array( $p_batch ),
						'action' => 'approve',
					),
				),
				array( $creds, 'GET', "/countersign/v1/posts/{$theirs}/backups" ),
				array( $creds, 'POST', "/countersign/v1/proposals/{$p_own}/approve", array() ),
			)
		);

		foreach ( array( 0, 1, 2, 4 ) as $i ) {
			$this->assertSame( array( 403, 'rest_forbidden' ), array( $results[ $i ]['status'], $results[ $i ]['body']['code'] ?? null ), (string) $i );
		}
		$this->assertSame( 200, $results[3]['status'] );
		$this->assertFalse( $results[3]['body'][0]['ok'] );
		$this->assertSame( 'rest_forbidden', $results[3]['body'][0]['code'] );
		$this->assertSame( 200, $results[5]['status'], (string) wp_json_encode( $results[5]['body'] ) );
		$this->assertSame( 'applied', $results[5]['body']['status'] );

		clean_post_cache( $theirs );
		$this->assertSame( 'Original title', get_post( $theirs )->post_title );
		$this->assertSame( '', get_post( $theirs )->post_excerpt );
		$this->assertSame( 'cs_pending', get_post_status( $p_theirs ) );
		$this->assertSame( 'cs_pending', get_post_status( $p_batch ) );
	}

	/**
	 * An agent cannot approve its own proposal, nor manage itself or the site: no new credentials, no wider preset,
	 * no kill-switch change, no audit, export, verify or usage.
	 */
	public function test_an_agent_cannot_approve_its_own_proposal_or_manage_itself(): void {
		$agent    = (int) $this->agent( array( 'preset' => 'full_access' ) )['id'];
		$post_id  = $this->post();
		$proposal = (int) $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Self-approved' ) ) )->get_data()['id'];
		$creds    = $this->credentials( $agent );

		$requests = array(
			array( $creds, 'POST', "/countersign/v1/proposals/{$proposal}/approve", array() ),
			array(
				$creds,
				'POST',
				'/countersign/v1/proposals/batch',
				array(
					'ids'    => array( $proposal ),
					'action' => 'approve',
				),
			),
			array( $creds, 'PUT', "/countersign/v1/agents/{$agent}", array( 'autonomy' => 'autonomous' ) ),
			array( $creds, 'POST', "/countersign/v1/agents/{$agent}/credentials", array() ),
			array( $creds, 'POST', "/countersign/v1/agents/{$agent}/resume", array() ),
			array( $creds, 'PUT', '/countersign/v1/settings', array( 'level5_enabled' => true ) ),
			array( $creds, 'GET', '/countersign/v1/audit' ),
			array( $creds, 'GET', '/countersign/v1/audit/export?format=json' ),
			array( $creds, 'GET', '/countersign/v1/audit/verify' ),
			array( $creds, 'GET', '/countersign/v1/usage' ),
			array( $creds, 'GET', '/countersign/v1/agents' ),
			array( $creds, 'GET', '/countersign/v1/settings' ),
		);
		foreach ( Http::parallel( $requests ) as $i => $result ) {
			$this->assertSame( array( 403, 'rest_forbidden' ), array( $result['status'], $result['body']['code'] ?? null ), $requests[ $i ][1] . ' ' . $requests[ $i ][2] );
		}
		wp_cache_flush();
		$this->assertSame( 'cs_pending', get_post_status( $proposal ) );
		$this->assertSame( 'supervised', $this->plugin()->agents->find( $agent )?->autonomy );
		$this->assertFalse( (bool) $this->plugin()->settings->get( 'level5_enabled' ) );
	}

	/**
	 * Core's write routes answer exactly 403 `countersign_core_write_refused` (naming the route) to an agent with every
	 * group and an Editor's role, and change nothing, while the same agent's reads work.
	 */
	public function test_core_write_routes_refuse_agents_and_reads_still_work(): void {
		$agent    = (int) $this->agent( array( 'preset' => 'full_access' ) )['id'];
		$post_id  = $this->post( array( 'post_status' => 'publish' ) );
		$page_id  = $this->post( array( 'post_type' => 'page' ) );
		$term_id  = (int) wp_insert_term( 'Security ' . wp_generate_password( 6, false ), 'category' )['term_id'];
		$other    = $this->user( 'author' );
		$creds    = $this->credentials( $agent );
		$passes   = count( \WP_Application_Passwords::get_user_application_passwords( $agent ) );
		$comments = $this->comment_count( $post_id );

		$writes = array(
			array( $creds, 'POST', '/wp/v2/posts', array( 'title' => 'Direct' ) ),
			array( $creds, 'POST', "/wp/v2/posts/{$post_id}", array( 'title' => 'Direct' ) ),
			array( $creds, 'DELETE', "/wp/v2/posts/{$post_id}", array() ),
			array( $creds, 'POST', "/wp/v2/posts/{$post_id}/autosaves", array( 'content' => 'Direct' ) ),
			array( $creds, 'POST', '/wp/v2/pages', array( 'title' => 'Direct' ) ),
			array( $creds, 'POST', "/wp/v2/pages/{$page_id}", array( 'title' => 'Direct' ) ),
			array( $creds, 'POST', '/wp/v2/media', array( 'title' => 'Direct' ) ),
			array( $creds, 'POST', '/wp/v2/categories', array( 'name' => 'Direct' ) ),
			array( $creds, 'POST', "/wp/v2/categories/{$term_id}", array( 'name' => 'Direct' ) ),
			array( $creds, 'POST', '/wp/v2/tags', array( 'name' => 'Direct' ) ),
			array( $creds, 'POST', '/wp/v2/users', array( 'username' => 'direct', 'email' => 'direct@example.test', 'password' => 'x' ) ),
			array( $creds, 'POST', "/wp/v2/users/{$other}", array( 'name' => 'Direct' ) ),
			array( $creds, 'POST', '/wp/v2/users/me', array( 'name' => 'Direct' ) ),
			array( $creds, 'POST', '/wp/v2/settings', array( 'title' => 'Direct' ) ),
			array( $creds, 'POST', '/wp/v2/users/me/application-passwords', array( 'name' => 'Direct' ) ),
			array( $creds, 'DELETE', '/wp/v2/users/me/application-passwords', array() ),
			array( $creds, 'POST', '/wp/v2/comments', array( 'post' => $post_id, 'content' => 'Direct' ) ),
		);
		$reads = array(
			array( $creds, 'GET', "/wp/v2/posts/{$post_id}" ),
			array( $creds, 'GET', "/wp/v2/posts/{$post_id}?context=edit" ),
			array( $creds, 'GET', "/wp/v2/pages/{$page_id}?context=edit" ),
			array( $creds, 'GET', '/wp/v2/categories' ),
			array( $creds, 'GET', '/wp/v2/users/me' ),
			array( $creds, 'GET', '/wp/v2/media' ),
			array( $creds, 'GET', '/wp-abilities/v1/abilities' ),
			array( $creds, 'GET', '/countersign/v1/me' ),
		);
		$results = Http::parallel( array_merge( $writes, $reads ) );
		foreach ( $results as $i => $result ) {
			$request = $i < count( $writes ) ? $writes[ $i ] : $reads[ $i - count( $writes ) ];
			$label   = $request[1] . ' ' . $request[2] . ' ' . (string) wp_json_encode( $result['body'] );
			if ( $i < count( $writes ) ) {
				// Refused before core's own capability checks run, by the one rule for agents: no writes outside Countersign.
				$this->assertSame( array( 403, 'countersign_core_write_refused', $request[2] ), array( $result['status'], $result['body']['code'] ?? null, $result['body']['data']['route'] ?? null ), $label );
			} else {
				$this->assertSame( 200, $result['status'], $label );
			}
		}

		wp_cache_flush();
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
		$this->assertSame( 'publish', get_post_status( $post_id ) );
		$this->assertSame( $comments, $this->comment_count( $post_id ) );
		$this->assertSame( $passes, count( \WP_Application_Passwords::get_user_application_passwords( $agent ) ) );
		$this->assertNotSame( 'Direct', get_userdata( $agent )->display_name );
		$this->assertNotSame( 'Direct', get_userdata( $other )->display_name );
		$this->assertNotSame( 'Direct', get_option( 'blogname' ) );
		$this->assertFalse( get_user_by( 'login', 'direct' ) );
	}

	/**
	 * A write dressed as a read (`GET …?_method=POST`, or the X-HTTP-Method-Override header) is still a write: it is
	 * refused as one (`countersign_core_write_refused`), and the post does not change.
	 */
	public function test_a_method_override_does_not_make_a_write_a_read(): void {
		$agent   = (int) $this->agent( array( 'preset' => 'full_access' ) )['id'];
		$post_id = $this->post( array( 'post_status' => 'publish' ) );
		$creds   = $this->credentials( $agent );

		$results = Http::parallel(
			array(
				array( $creds, 'GET', "/wp/v2/posts/{$post_id}?_method=POST&title=Overridden" ),
				array( $creds, 'GET', "/wp/v2/posts/{$post_id}?_method=PUT&content=Overridden" ),
				array( $creds, 'GET', "/wp/v2/posts/{$post_id}?_method=DELETE" ),
				array( $creds, 'GET', '/wp/v2/posts?_method=POST&title=Overridden' ),
			)
		);
		foreach ( $results as $i => $result ) {
			$this->assertSame( array( 403, 'countersign_core_write_refused' ), array( $result['status'], $result['body']['code'] ?? null ), $i . ' ' . (string) wp_json_encode( $result['body'] ) );
		}
		$handle = curl_init( Http::servers()[0] . "/wp-json/wp/v2/posts/{$post_id}?title=Overridden" );
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_USERPWD        => $creds,
				CURLOPT_HTTPHEADER     => array( 'X-HTTP-Method-Override: POST' ),
			)
		);
		$body = json_decode( (string) curl_exec( $handle ), true );
		$this->assertSame( 403, (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ) );
		$this->assertSame( 'countersign_core_write_refused', is_array( $body ) ? ( $body['code'] ?? null ) : null );
		curl_close( $handle );

		wp_cache_flush();
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
		$this->assertStringContainsString( 'Original paragraph', get_post( $post_id )->post_content );
		$this->assertSame( 'publish', get_post_status( $post_id ) );
	}

	/**
	 * Abilities: the agent lists them, and the only one that writes (propose-change) goes through the Gate, so a
	 * preset without the group is refused exactly as on the REST route.
	 */
	public function test_abilities_that_write_go_through_the_gate(): void {
		$reader  = (int) $this->agent( array( 'preset' => 'read_only' ) )['id'];
		$writer  = (int) $this->agent( array( 'preset' => 'draft_only' ) )['id'];
		$post_id = $this->post();
		$input   = array(
			'input' => array(
				'post'      => $post_id,
				'changes'   => array( 'title' => 'Through an ability' ),
				'rationale' => 'Ability.',
			),
		);
		$results = Http::parallel(
			array(
				array( $this->credentials( $reader ), 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', $input ),
				array( $this->credentials( $writer ), 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', $input ),
			)
		);
		$this->assertGreaterThanOrEqual( 400, $results[0]['status'], (string) wp_json_encode( $results[0]['body'] ) );
		$this->assertLessThan( 500, $results[0]['status'] );
		$this->assertSame( 0, $this->count_proposals( $reader ) );
		$this->assertSame( 200, $results[1]['status'], (string) wp_json_encode( $results[1]['body'] ) );
		$this->assertSame( 1, $this->count_proposals( $writer ) );
		clean_post_cache( $post_id );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
	}

	/**
	 * Every comment on a post, held for moderation included.
	 *
	 * @param int $post_id Post.
	 */
	private function comment_count( int $post_id ): int {
		return (int) get_comments(
			array(
				'post_id' => $post_id,
				'status'  => 'all',
				'count'   => true,
			)
		);
	}

	/**
	 * How many proposals an agent has.
	 *
	 * @param int $agent_id Agent.
	 */
	private function count_proposals( int $agent_id ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = %s AND post_author = %d", ProposalPostType::SLUG, $agent_id ) );
	}
}
