<?php
/**
 * Posts as an agent reads them to propose against: raw fields, blocks, terms, readable meta and the base.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentRepository;
use Countersign\Policy\Gate;
use Countersign\Proposals\ProposalRepository;
use WP_Error;
use WP_Post;
use WP_Query;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET /posts` and `GET /posts/{id}` for agents. Core's `context=edit` answers need edit capabilities, which the
 * write-strip takes from an agent outside REST reads (an MCP tool call is a POST), so an agent reads what it
 * proposes against here; the Gate decides which posts it may read.
 */
final class PostsController extends Controller {

	/** Statuses an agent may list. */
	public const STATUSES = array( 'publish', 'draft', 'pending', 'future', 'private' );

	/** Longest block text in a read, in characters: the raw content carries the rest. */
	private const BLOCK_TEXT = 160;

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 * @param Gate            $gate   Gate.
	 */
	public function __construct( AgentRepository $agents, private readonly Gate $gate ) {
		parent::__construct( $agents );
		$this->rest_base = 'posts';
	}

	/**
	 * Routes.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_items' ),
				'permission_callback' => array( $this, 'agent_permissions_check' ),
				'args'                => array(
					'search'    => array(
						'description' => __( 'Words in the title or content.', 'countersign' ),
						'type'        => 'string',
					),
					'post_type' => array(
						'description' => __( 'Post type (default post).', 'countersign' ),
						'type'        => 'string',
					),
					'status'    => array(
						'description' => __( 'One status, or any (default): every status the agent may read.', 'countersign' ),
						'type'        => 'string',
						'enum'        => array_merge( array( 'any' ), self::STATUSES ),
					),
					'page'      => array( 'description' => __( 'Page, from 1.', 'countersign' ) ),
					'per_page'  => array( 'description' => __( 'Posts per page, at most 100 (default 20).', 'countersign' ) ),
				),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<id>\d+)',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_item' ),
				'permission_callback' => array( $this, 'agent_permissions_check' ),
				'args'                => array(
					'id' => array( 'description' => __( 'Post id.', 'countersign' ) ),
				),
			)
		);
	}

	/**
	 * The posts the agent may read, most recently modified first.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_items( $request ) {
		$agent      = $this->agent();
		$pagination = $this->pagination( $request );
		if ( is_wp_error( $pagination ) ) {
			return $pagination;
		}
		list( $page, $per_page ) = $pagination;
		$post_type               = (string) ( $request->get_param( 'post_type' ) ?? 'post' );
		if ( ! $this->is_allowed_type( $post_type ) ) {
			return $this->invalid( 'post_type', __( 'Agents work on public post types only.', 'countersign' ) );
		}
		$status   = (string) ( $request->get_param( 'status' ) ?? 'any' );
		$statuses = 'any' === $status ? self::STATUSES : array( $status );
		$args     = array(
			'post_type'              => $post_type,
			'post_status'            => $statuses,
			'paged'                  => $page,
			'posts_per_page'         => $per_page,
			'orderby'                => 'modified',
			'order'                  => 'DESC',
			'ignore_sticky_posts'    => true,
			'suppress_filters'       => false,
			'update_post_term_cache' => false,
			'update_post_meta_cache' => false,
		);
		$search   = trim( (string) $request->get_param( 'search' ) );
		if ( '' !== $search ) {
			$args['s'] = $search;
		}
		$own_only = ! $this->gate->reads_others_unpublished( $agent, $post_type );
		$where    = static function ( string $where, WP_Query $query ) use ( $agent, $own_only ): string {
			global $wpdb;
			// Only published posts of others: the rest of what the role reads is its own.
			if ( $own_only && ! empty( $query->query_vars['countersign_readable'] ) ) {
				$where .= $wpdb->prepare( " AND ( {$wpdb->posts}.post_status = 'publish' OR {$wpdb->posts}.post_author = %d )", $agent->id );
			}
			return $where;
		};
		add_filter( 'posts_where', $where, 10, 2 );
		try {
			$query = new WP_Query( $args + array( 'countersign_readable' => true ) );
		} finally {
			remove_filter( 'posts_where', $where, 10 );
		}
		$items = array();
		foreach ( $query->posts as $post ) {
			if ( $post instanceof WP_Post && true === $this->gate->check_read( $agent, $post ) ) {
				$items[] = $this->summary( $post );
			}
		}
		return $this->list_response( $items, (int) $query->found_posts, $per_page );
	}

	/**
	 * One post with what a proposal needs: raw fields, blocks, terms, readable meta and `modified_gmt` for the base.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_item( $request ) {
		$agent = $this->agent();
		$post  = get_post( (int) $request['id'] );
		if ( ! $post instanceof WP_Post || ! $this->is_allowed_type( $post->post_type ) ) {
			return new WP_Error(
				'countersign_not_found',
				__( 'No such post.', 'countersign' ),
				array(
					'status' => 404,
					'field'  => 'post',
				)
			);
		}
		$readable = $this->gate->check_read( $agent, $post );
		if ( is_wp_error( $readable ) ) {
			return $readable;
		}
		$terms = array();
		foreach ( get_object_taxonomies( $post->post_type, 'objects' ) as $taxonomy ) {
			if ( ! $taxonomy->show_in_rest ) {
				continue;
			}
			$assigned                 = wp_get_object_terms( $post->ID, $taxonomy->name );
			$terms[ $taxonomy->name ] = is_wp_error( $assigned ) ? array() : array_map(
				static fn( \WP_Term $term ): array => array(
					'id'   => $term->term_id,
					'name' => $term->name,
					'slug' => $term->slug,
				),
				$assigned
			);
		}
		return rest_ensure_response(
			$this->summary( $post ) + array(
				'content'        => $post->post_content,
				'excerpt'        => $post->post_excerpt,
				'slug'           => $post->post_name,
				'date_gmt'       => '0000-00-00 00:00:00' === $post->post_date_gmt ? null : mysql_to_rfc3339( $post->post_date_gmt ),
				'featured_media' => (int) get_post_thumbnail_id( $post ),
				'terms'          => (object) $terms,
				'meta'           => (object) $this->readable_meta( $post ),
				'blocks'         => $this->blocks( parse_blocks( $post->post_content ) ),
			)
		);
	}

	/**
	 * The fields every list item carries.
	 *
	 * @param WP_Post $post Post.
	 * @return array<string, mixed>
	 */
	private function summary( WP_Post $post ): array {
		return array(
			'id'           => $post->ID,
			'type'         => $post->post_type,
			'status'       => $post->post_status,
			'title'        => $post->post_title,
			'author'       => (int) $post->post_author,
			'modified_gmt' => ProposalRepository::modified_gmt( $post ),
			'link'         => (string) get_permalink( $post ),
		);
	}

	/**
	 * Registered `show_in_rest` meta of the post's type, as a proposal's `meta` takes it.
	 *
	 * @param WP_Post $post Post.
	 * @return array<string, mixed>
	 */
	private function readable_meta( WP_Post $post ): array {
		$meta = array();
		$keys = array_merge( get_registered_meta_keys( 'post' ), get_registered_meta_keys( 'post', $post->post_type ) );
		foreach ( $keys as $key => $args ) {
			if ( empty( $args['show_in_rest'] ) ) {
				continue;
			}
			$meta[ $key ] = get_post_meta( $post->ID, $key, ! empty( $args['single'] ) );
		}
		return $meta;
	}

	/**
	 * Block outline: name, attributes, a short text and inner blocks (whitespace between blocks left out).
	 *
	 * @param array<int, array<string, mixed>> $blocks Parsed blocks.
	 * @return list<array<string, mixed>>
	 */
	private function blocks( array $blocks ): array {
		$outline = array();
		foreach ( $blocks as $block ) {
			$html = (string) ( $block['innerHTML'] ?? '' );
			$name = $block['blockName'] ?? null;
			if ( null === $name && '' === trim( $html ) ) {
				continue;
			}
			$outline[] = array(
				'name'   => null === $name ? 'core/freeform' : (string) $name,
				'attrs'  => (object) ( $block['attrs'] ?? array() ),
				'text'   => mb_substr( trim( (string) preg_replace( '/\s+/', ' ', wp_strip_all_tags( $html ) ) ), 0, self::BLOCK_TEXT ),
				'blocks' => $this->blocks( (array) ( $block['innerBlocks'] ?? array() ) ),
			);
		}
		return $outline;
	}

	/**
	 * The calling agent (the permission check made sure there is one).
	 */
	private function agent(): Agent {
		$agent = $this->current_agent();
		assert( null !== $agent );
		return $agent;
	}
}
