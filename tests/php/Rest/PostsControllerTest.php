<?php
/**
 * GET /countersign/v1/posts and /posts/{id}: what an agent reads to propose against.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Proposals\ProposalRepository;
use Countersign\Tests\TestCase;

/**
 * An agent reads posts as its role allows (write-strip off), with raw content, blocks, terms and the base; people and
 * other authors' drafts are refused.
 */
final class PostsControllerTest extends TestCase {

	/**
	 * A read carries the raw content, a block outline, terms and modified_gmt, which a proposal accepts as its base.
	 */
	public function test_read_gives_what_a_proposal_needs(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post( array( 'post_content' => "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Hours</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Open   daily.</p>\n<!-- /wp:paragraph -->" ) );
		wp_set_post_terms( $post_id, array( 'hours' ), 'post_tag' );

		$read = $this->rest( $agent, 'GET', "/countersign/v1/posts/{$post_id}" );
		$data = $read->get_data();

		$this->assertSame( 200, $read->get_status(), (string) wp_json_encode( $data ) );
		$this->assertSame( get_post( $post_id )->post_content, $data['content'] );
		$this->assertSame( array( 'core/heading', 'core/paragraph' ), array_column( $data['blocks'], 'name' ) );
		$this->assertSame( 'Open daily.', $data['blocks'][1]['text'] );
		$this->assertSame( array( 'hours' ), array_column( ( (array) $data['terms'] )['post_tag'], 'name' ) );
		$this->assertSame( ProposalRepository::modified_gmt( get_post( $post_id ) ), $data['modified_gmt'] );
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Against the read version' ),
				'base'    => array( 'modified_gmt' => $data['modified_gmt'] ),
			)
		);
		$this->assertSame( 201, $proposal->get_status(), (string) wp_json_encode( $proposal->get_data() ) );
	}

	/**
	 * A Contributor agent reads published posts and its own drafts, not another author's draft (a 404, so the draft's
	 * existence does not leak); the list shows the same.
	 */
	public function test_reads_follow_the_role(): void {
		$agent     = (int) $this->agent(
			array(
				'role'   => 'contributor',
				'preset' => 'draft_only',
			)
		)['id'];
		$marker    = 'readable-' . wp_generate_password( 6, false );
		$published = $this->post(
			array(
				'post_status' => 'publish',
				'post_title'  => "{$marker} published",
			)
		);
		$own       = $this->post(
			array(
				'post_author' => $agent,
				'post_title'  => "{$marker} own draft",
			)
		);
		$others    = $this->post( array( 'post_title' => "{$marker} others draft" ) );
		$protected = $this->post(
			array(
				'post_status'   => 'publish',
				'post_password' => 'secret',
			)
		);

		$this->assertSame( 200, $this->rest( $agent, 'GET', "/countersign/v1/posts/{$published}" )->get_status() );
		$this->assertSame( 200, $this->rest( $agent, 'GET', "/countersign/v1/posts/{$own}" )->get_status() );
		$this->assertError( $this->rest( $agent, 'GET', "/countersign/v1/posts/{$others}" ), 'countersign_not_found', 404 );
		$this->assertError( $this->rest( $agent, 'GET', "/countersign/v1/posts/{$protected}" ), 'countersign_not_found', 404 );
		$list = $this->rest( $agent, 'GET', '/countersign/v1/posts', array( 'search' => $marker ) );
		$ids  = array_column( $list->get_data(), 'id' );
		sort( $ids );
		$this->assertSame( array( $published, $own ), $ids );
		$this->assertSame( '2', $list->get_headers()['X-WP-Total'] );

		// An Editor agent reads them all.
		$editor = (int) $this->agent()['id'];
		$this->assertSame( 200, $this->rest( $editor, 'GET', "/countersign/v1/posts/{$others}" )->get_status() );
		$this->assertCount( 3, $this->rest( $editor, 'GET', '/countersign/v1/posts', array( 'search' => $marker ) )->get_data() );
	}

	/**
	 * The routes are agents'; people use core's.
	 */
	public function test_people_are_refused(): void {
		$editor  = $this->user( 'editor' );
		$post_id = $this->post();

		$this->assertError( $this->rest( $editor, 'GET', "/countersign/v1/posts/{$post_id}" ), 'countersign_not_agent', 403 );
		$this->assertError( $this->rest( 0, 'GET', '/countersign/v1/posts' ), 'rest_forbidden', 401 );
	}
}
