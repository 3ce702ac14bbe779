<?php
/**
 * The private post type proposals are stored as.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

/**
 * `countersign_proposal`: not public, no core REST, no UI, and capabilities nobody holds, so core can neither show
 * nor change proposals; only Countersign's own controllers and the Applier do, through the repository.
 *
 * Columns are chosen for their indexes: post_author = agent, post_parent = target, post_status = state,
 * menu_order = risk.
 */
final class ProposalPostType {

	public const SLUG = 'countersign_proposal';

	/**
	 * Registers the type and its states.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'register_type' ) );
		// A proposal may change only the status or slug, so its own title and content may well be empty.
		add_filter( 'wp_insert_post_empty_content', fn( $empty, $postarr ) => self::SLUG === ( $postarr['post_type'] ?? '' ) ? false : $empty, 10, 2 );
	}

	/**
	 * `init` callback.
	 */
	public function register_type(): void {
		register_post_type(
			self::SLUG,
			array(
				'label'               => __( 'Agent proposals', 'countersign' ),
				'public'              => false,
				'show_ui'             => false,
				'show_in_rest'        => false,
				'rewrite'             => false,
				'query_var'           => false,
				'can_export'          => false,
				'exclude_from_search' => true,
				'supports'            => array( 'title', 'editor', 'excerpt', 'author' ),
				// Nobody edits proposals through core: only the Applier and the state machine change them.
				'capabilities'        => array(
					'edit_post'          => 'do_not_allow',
					'read_post'          => 'do_not_allow',
					'delete_post'        => 'do_not_allow',
					'edit_posts'         => 'do_not_allow',
					'edit_others_posts'  => 'do_not_allow',
					'publish_posts'      => 'do_not_allow',
					'read_private_posts' => 'do_not_allow',
					'create_posts'       => 'do_not_allow',
				),
				'map_meta_cap'        => false,
			)
		);
		foreach ( StateMachine::STATES as $state ) {
			register_post_status(
				$state,
				array(
					'label'    => $state,
					'public'   => false,
					'internal' => true,
				)
			);
		}
	}
}
