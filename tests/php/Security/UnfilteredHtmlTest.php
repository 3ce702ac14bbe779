<?php
/**
 * Agents never post unfiltered HTML, whatever their role.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Proposals\ProposalPostType;
use Countersign\Tests\TestCase;

/**
 * The rule: an agent's change set goes through wp_kses_post when submitted, for every role (the write-strip takes
 * unfiltered_html from agents, Editors included); markup kses would remove makes the proposal level 5, refused
 * while level 5 is off, so nothing with script or event handlers is stored or auto-applied. Entity
 * normalisation alone (a bare `&`) is not a reason to refuse.
 */
final class UnfilteredHtmlTest extends TestCase {

	/**
	 * Hostile markup from an Editor-role agent (autonomous, so it would apply at once) is refused and not stored.
	 *
	 * @dataProvider hostile_markup
	 *
	 * @param string $field  Field.
	 * @param string $markup Markup.
	 */
	public function test_an_editor_role_agent_cannot_store_script( string $field, string $markup ): void {
		$agent   = (int) $this->agent(
			array(
				'role'     => 'editor',
				'preset'   => 'full_access',
				'autonomy' => 'autonomous',
			)
		)['id'];
		$post_id = $this->post();

		$response = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( $field => $markup ),
			)
		);

		$this->assertError( $response, 'countersign_risk_disabled', 403 );
		$this->assertSame( "changes.{$field}", $response->get_data()['data']['field'] );
		$this->assertNotSame( array(), $response->get_data()['data']['reasons'] );
		$this->assertSame( 0, $this->proposals_of( $agent ) );
		clean_post_cache( $post_id );
		$this->assertStringNotContainsStringIgnoringCase( 'alert', get_post( $post_id )->post_content . get_post( $post_id )->post_title . get_post( $post_id )->post_excerpt );
	}

	/**
	 * Named cases.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public static function hostile_markup(): array {
		return array(
			'script in content'      => array( 'content', "<!-- wp:paragraph -->\n<p>Hi</p>\n<!-- /wp:paragraph --><script>alert(1)</script>" ),
			'onerror in content'     => array( 'content', '<p><img src="x" onerror="alert(1)"></p>' ),
			'javascript: link'       => array( 'content', '<p><a href="javascript:alert(1)">x</a></p>' ),
			'script in a block html' => array( 'content', '<!-- wp:html --><script>alert(1)</script><!-- /wp:html -->' ),
			'event handler in title' => array( 'title', '<b onmouseover="alert(1)">Title</b>' ),
			'script in excerpt'      => array( 'excerpt', 'Short <script>alert(1)</script>' ),
		);
	}

	/**
	 * A post with an image, as the block editor saves it (`<img … />` written without the space): a one-word edit from
	 * an Editor-role agent is an ordinary proposal, not level 5, and applies with the image intact.
	 */
	public function test_an_image_block_is_not_level_five(): void {
		$agent   = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$image   = "<!-- wp:image {\"id\":5,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"https://example.com/a.jpg\" alt=\"\" class=\"wp-image-5\"/></figure>\n<!-- /wp:image -->";
		$post_id = $this->post( array( 'post_content' => $image . "\n\n<!-- wp:paragraph -->\n<p>Old word.</p>\n<!-- /wp:paragraph -->" ) );

		$response = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'content' => $image . "\n\n<!-- wp:paragraph -->\n<p>New word.</p>\n<!-- /wp:paragraph -->" ),
			)
		);

		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( 2, $response->get_data()['risk'] );
		$this->assertSame( array(), $response->get_data()['risk_reasons'] );
		$approved = $this->rest( $this->user( 'editor' ), 'POST', "/countersign/v1/proposals/{$response->get_data()['id']}/approve" );
		$this->assertSame( 'applied', $approved->get_data()['status'], (string) wp_json_encode( $approved->get_data() ) );
		clean_post_cache( $post_id );
		$this->assertStringContainsString( 'class="wp-image-5"', get_post( $post_id )->post_content );
		$this->assertStringContainsString( 'New word.', get_post( $post_id )->post_content );
	}

	/**
	 * With level 5 on, a level-5 proposal says why: the reviewer reads which element or attribute in which field.
	 */
	public function test_a_level_five_proposal_says_why(): void {
		$this->rest( $this->user( 'administrator' ), 'PUT', '/countersign/v1/settings', array( 'level5_enabled' => true ) );
		$agent   = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$post_id = $this->post();
		$changes = array( 'content' => '<p>Hi <img src="https://example.com/a.jpg" onerror="alert(1)"/></p>' );
		$token   = $this->rest(
			$agent,
			'POST',
			'/countersign/v1/intents',
			array(
				'post'    => $post_id,
				'changes' => $changes,
			)
		)->get_data()['token'];

		$created = $this->propose(
			$agent,
			array(
				'post'          => $post_id,
				'changes'       => $changes,
				'confirm_token' => $token,
			)
		);
		$this->assertSame( 201, $created->get_status(), (string) wp_json_encode( $created->get_data() ) );
		$read = $this->rest( $this->user( 'editor' ), 'GET', "/countersign/v1/proposals/{$created->get_data()['id']}" );

		$this->assertSame( 5, $read->get_data()['risk'] );
		$reasons = $read->get_data()['risk_reasons'];
		$this->assertCount( 1, $reasons );
		$this->assertSame( array( 'content', 'attribute', 'img', 'onerror' ), array( $reasons[0]['field'], $reasons[0]['kind'], $reasons[0]['element'], $reasons[0]['attribute'] ) );
		$this->assertStringContainsString( 'onerror', $reasons[0]['message'] );
	}

	/**
	 * Text kses only normalises (a bare ampersand) is an ordinary level-2 proposal, stored normalised.
	 */
	public function test_a_bare_ampersand_is_not_level_five(): void {
		$agent   = (int) $this->agent( array( 'role' => 'author' ) )['id'];
		$post_id = $this->post( array( 'post_author' => $agent ) );

		$response = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'content' => '<p>Tom & Jerry</p>' ),
			)
		);

		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( 2, $response->get_data()['risk'] );
		$this->assertSame( '<p>Tom &amp; Jerry</p>', $response->get_data()['changes']->content );
	}

	/**
	 * How many proposals an agent has.
	 *
	 * @param int $agent_id Agent.
	 */
	private function proposals_of( int $agent_id ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = %s AND post_author = %d", ProposalPostType::SLUG, $agent_id ) );
	}
}
