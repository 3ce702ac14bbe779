<?php
/**
 * The AI-disclosure block.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Blocks;

use Countersign\Tests\TestCase;
use WP_Block;

/**
 * What the block says on the front end comes from the audit trail.
 */
final class DisclosureBlockTest extends TestCase {

	/**
	 * Renders the block for a post.
	 *
	 * @param int                  $post_id    Post.
	 * @param array<string, mixed> $attributes Attributes.
	 */
	private function render( int $post_id, array $attributes = array() ): string {
		$block = new WP_Block(
			array(
				'blockName'    => 'countersign/ai-disclosure',
				'attrs'        => $attributes,
				'innerBlocks'  => array(),
				'innerHTML'    => '',
				'innerContent' => array(),
			),
			array( 'postId' => $post_id )
		);
		return $block->render();
	}

	/**
	 * Names the agent and the approver of an applied proposal; says nothing on an untouched post.
	 */
	public function test_names_agents_and_approvers(): void {
		$agent    = $this->agent( array( 'label' => 'Claude for the newsroom' ) );
		$editor   = $this->user( 'editor' );
		$post_id  = $this->post();
		$proposal = $this->propose( (int) $agent['id'], array( 'post' => $post_id, 'changes' => array( 'title' => 'Disclosed' ) ) )->get_data();
		$this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );

		$html    = $this->render( $post_id );
		$private = $this->render( $post_id, array( 'showAgentNames' => false, 'wording' => 'Made with <b>help</b>.' ) );

		$this->assertStringContainsString( 'Claude for the newsroom', $html );
		$this->assertStringContainsString( esc_html( get_userdata( $editor )->display_name ), $html );
		$this->assertStringContainsString( 'aria-label="AI disclosure"', $html );
		$this->assertStringNotContainsString( 'Claude for the newsroom', $private );
		$this->assertStringContainsString( 'Made with &lt;b&gt;help&lt;/b&gt;.', $private );
		$this->assertSame( '', $this->render( $this->post() ) );
	}
}
