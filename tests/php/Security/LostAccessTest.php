<?php
/**
 * An agent that loses access to a post stops seeing it through its proposals.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Core refuses an Author-role agent a post once it is made private and handed to another author; reading the
 * agent's own proposal for that post (one, or the list) must not show what the post has become either: its current
 * title, content and edit link are withheld, over HTTP on both web servers.
 */
final class LostAccessTest extends TestCase {

	/**
	 * The post is taken over; the agent's proposal reads show nothing of the secret, and core agrees it may not read.
	 */
	public function test_proposal_reads_withhold_a_post_the_agent_may_no_longer_read(): void {
		$agent    = (int) $this->agent( array( 'role' => 'author', 'preset' => 'content_manager' ) )['id'];
		$admin    = $this->user( 'administrator' );
		$post_id  = $this->post( array( 'post_author' => $agent ) );
		$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Agent title', 'content' => '<p>Agent words.</p>' ) ) );
		$this->assertSame( 201, $proposal->get_status(), (string) wp_json_encode( $proposal->get_data() ) );
		$id     = (int) $proposal->get_data()['id'];
		$creds  = $this->credentials( $agent );
		$before = Http::one( $creds, 'GET', "/countersign/v1/proposals/{$id}" );
		$this->assertSame( 'Original title', $before['body']['fields']['title']['current'] ?? null, 'while it may read the post, it sees it' );

		$secret = 'Secret merger ' . wp_generate_password( 8, false );
		wp_update_post(
			array(
				'ID'           => $post_id,
				'post_status'  => 'private',
				'post_author'  => $admin,
				'post_title'   => $secret,
				'post_content' => "<p>{$secret} details.</p>",
			)
		);

		$core = Http::one( $creds, 'GET', "/wp/v2/posts/{$post_id}" );
		$this->assertContains( $core['status'], array( 401, 403, 404 ), 'core refuses the agent the post' );
		foreach ( array( "/countersign/v1/proposals/{$id}", '/countersign/v1/proposals', "/countersign/v1/proposals?post={$post_id}" ) as $path ) {
			foreach ( Http::parallel( array( array( $creds, 'GET', $path ), array( $creds, 'GET', $path ) ) ) as $answer ) {
				$this->assertSame( 200, $answer['status'], $path . ' ' . (string) wp_json_encode( $answer['body'] ) );
				$text = (string) wp_json_encode( $answer['body'] );
				$this->assertStringNotContainsString( $secret, $text, "{$path} on {$answer['server']}" );
				$this->assertStringNotContainsString( 'post.php?post=' . $post_id, $text, "{$path}: no edit link" );
			}
		}
		$one = Http::one( $creds, 'GET', "/countersign/v1/proposals/{$id}" );
		$this->assertNull( $one['body']['fields']['title']['current'] );
		$this->assertNull( $one['body']['fields']['content']['current'] );
		$this->assertSame( 'Agent title', $one['body']['changes']['title'], 'its own proposal stays its own' );

		// A reviewer still sees everything.
		$review = Http::one( $this->credentials( $admin ), 'GET', "/countersign/v1/proposals/{$id}" );
		$this->assertSame( $secret, $review['body']['fields']['title']['current'] ?? null );
	}
}
