<?php
/**
 * The AI-disclosure block.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Blocks;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditQuery;
use WP_Block;

use const Countersign\PLUGIN_FILE;

/**
 * A dynamic block that says, on the front end, which agents' proposals changed this post and who approved them.
 * It reads the audit trail, so it states what happened, not what someone typed.
 */
final class DisclosureBlock {

	/**
	 * Constructor.
	 *
	 * @param AuditQuery      $audit  Audit reads.
	 * @param AgentRepository $agents Agents.
	 */
	public function __construct( private readonly AuditQuery $audit, private readonly AgentRepository $agents ) {}

	/**
	 * Hooks registration.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'register_block' ) );
	}

	/**
	 * Registers the block from block.json with its render callback.
	 */
	public function register_block(): void {
		$type = register_block_type( dirname( PLUGIN_FILE ), array( 'render_callback' => array( $this, 'render' ) ) );
		// Core sets the editor script's translations from WP_LANG_DIR only; also look in the plugin's languages/.
		foreach ( $type ? $type->editor_script_handles : array() as $handle ) {
			wp_set_script_translations( $handle, 'countersign', plugin_dir_path( PLUGIN_FILE ) . 'languages' );
		}
	}

	/**
	 * The agents and approvers of a post's applied proposals, oldest first.
	 *
	 * @param int $post_id Post.
	 * @return array{agents: list<string>, approvers: list<string>, count: int}
	 */
	public function credits( int $post_id ): array {
		$agents    = array();
		$approvers = array();
		$count     = 0;
		foreach ( array( 'proposal.approved', 'proposal.auto_applied' ) as $action ) {
			$rows = $this->audit->find(
				array(
					'object_id' => $post_id,
					'action'    => $action,
				),
				1,
				100
			)['rows'];
			foreach ( $rows as $row ) {
				++$count;
				$agent = $this->agents->find( (int) $row['agent_id'] );
				if ( $agent ) {
					$agents[ $agent->id ] = $agent->label;
				}
				if ( 'proposal.approved' === $action ) {
					$user = get_userdata( (int) $row['actor_id'] );
					if ( $user ) {
						$approvers[ $user->ID ] = $user->display_name;
					}
				}
			}
		}
		return array(
			'agents'    => array_values( $agents ),
			'approvers' => array_values( $approvers ),
			'count'     => $count,
		);
	}

	/**
	 * Front-end markup. Nothing at all when no agent changed the post.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param string               $content    Inner content (none).
	 * @param WP_Block|null        $block      Block instance (for the postId context).
	 */
	public function render( array $attributes, string $content = '', ?WP_Block $block = null ): string {
		$post_id = (int) ( $block->context['postId'] ?? get_the_ID() );
		$credits = $post_id > 0 ? $this->credits( $post_id ) : array(
			'agents'    => array(),
			'approvers' => array(),
			'count'     => 0,
		);
		if ( 0 === $credits['count'] ) {
			return '';
		}
		$wording = trim( (string) ( $attributes['wording'] ?? '' ) );
		if ( '' === $wording ) {
			$wording = __( 'Parts of this post were proposed by AI agents and reviewed by people before publication.', 'countersign' );
		}
		$lines = array( '<p class="countersign-disclosure__statement">' . esc_html( $wording ) . '</p>' );
		if ( ! empty( $attributes['showAgentNames'] ) && $credits['agents'] ) {
			/* translators: %s: agent names. */
			$lines[] = '<p class="countersign-disclosure__agents">' . esc_html( sprintf( __( 'Agents: %s', 'countersign' ), wp_sprintf_l( '%l', $credits['agents'] ) ) ) . '</p>';
		}
		if ( ! empty( $attributes['showApprovers'] ) && $credits['approvers'] ) {
			/* translators: %s: people. */
			$lines[] = '<p class="countersign-disclosure__approvers">' . esc_html( sprintf( __( 'Approved by: %s', 'countersign' ), wp_sprintf_l( '%l', $credits['approvers'] ) ) ) . '</p>';
		}
		return sprintf(
			'<aside %1$s aria-label="%2$s">%3$s</aside>',
			get_block_wrapper_attributes( array( 'class' => 'countersign-disclosure' ) ),
			esc_attr__( 'AI disclosure', 'countersign' ),
			implode( '', $lines )
		);
	}
}
