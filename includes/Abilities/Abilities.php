<?php
/**
 * Countersign's operations as WordPress Abilities (and so through any MCP adapter).
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Abilities;

use Countersign\Agents\AgentRepository;
use Countersign\Policy\Gate;
use Countersign\Rest\Controller;
use WP_Error;
use WP_REST_Response;

/**
 * Registers what an agent needs to work over MCP alone: its profile, reading and listing posts, proposing, requesting
 * a confirmation token, and listing, reading and withdrawing its proposals. Each runs the very same REST route an
 * agent would call, so the Gate, the audit log and the limits apply unchanged; the permission callbacks refuse
 * non-agents and stopped agents up front (core's before-execute hook cannot veto).
 */
final class Abilities {

	/** Meta of the abilities that write: shown in core's REST API, neither read-only, destructive nor idempotent. */
	private const WRITES = array(
		'public'      => true,
		'annotations' => array(
			'readonly'    => false,
			'destructive' => false,
			'idempotent'  => false,
		),
	);

	/** Meta of the abilities that only read. */
	private const READS = array(
		'public'      => true,
		'annotations' => array(
			'readonly'   => true,
			'idempotent' => true,
		),
	);

	public const CATEGORY = 'countersign';

	/** Every Countersign ability, in the order an agent meets them: the tools of Countersign's MCP server. */
	public const TOOLS = array(
		'countersign/get-profile',
		'countersign/list-posts',
		'countersign/read-post',
		'countersign/propose-change',
		'countersign/request-confirmation',
		'countersign/list-proposals',
		'countersign/get-proposal',
		'countersign/withdraw-proposal',
		'countersign/upload-media',
	);

	/** Proposal states as the tools name them. */
	public const STATES = array( 'pending', 'applied', 'rejected', 'withdrawn', 'conflict', 'failed', 'expired', 'reverted' );

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 * @param Gate            $gate   Gate.
	 */
	public function __construct( private readonly AgentRepository $agents, private readonly Gate $gate ) {}

	/**
	 * Hooks registration.
	 */
	public function register(): void {
		add_action( 'wp_abilities_api_categories_init', array( $this, 'register_category' ) );
		add_action( 'wp_abilities_api_init', array( $this, 'register_abilities' ) );
		add_filter( 'wp_ability_validate_input', array( $this, 'invalid_input' ), 10, 3 );
	}

	/**
	 * The category.
	 */
	public function register_category(): void {
		wp_register_ability_category(
			self::CATEGORY,
			array(
				'label'       => __( 'Countersign', 'countersign' ),
				'description' => __( 'Propose changes to this site for human review, and follow their state.', 'countersign' ),
			)
		);
	}

	/**
	 * The abilities.
	 */
	public function register_abilities(): void {
		foreach ( $this->definitions() as $name => $definition ) {
			wp_register_ability(
				$name,
				$definition + array(
					'category'            => self::CATEGORY,
					'permission_callback' => array( $this, 'agent_may_act' ),
				)
			);
		}
	}

	/**
	 * Every ability: label, description, schemas, what it runs and its annotations.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private function definitions(): array {
		$target   = array(
			'type'        => 'integer',
			'minimum'     => 0,
			'default'     => 0,
			'description' => __( 'Target post id; 0 for a new post.', 'countersign' ),
		);
		$type     = array(
			'type'        => 'string',
			'default'     => 'post',
			'description' => __( 'Post type of a new post (default post).', 'countersign' ),
		);
		$changes  = self::change_set_schema();
		$proposal = self::proposal_schema();
		$post_id  = array(
			'type'        => 'integer',
			'minimum'     => 1,
			'description' => __( 'Post id.', 'countersign' ),
		);
		$page     = array(
			'type'        => 'integer',
			'minimum'     => 1,
			'default'     => 1,
			'description' => __( 'Page, from 1.', 'countersign' ),
		);
		$per_page = array(
			'type'        => 'integer',
			'minimum'     => 1,
			'maximum'     => 100,
			'default'     => 20,
			'description' => __( 'Items per page, at most 100.', 'countersign' ),
		);
		$listing  = static fn( string $key, array $item ): array => array(
			'type'       => 'object',
			'required'   => array( $key, 'total', 'pages' ),
			'properties' => array(
				$key    => array(
					'type'  => 'array',
					'items' => $item,
				),
				'total' => array(
					'type'        => 'integer',
					'description' => __( 'How many match, over all pages.', 'countersign' ),
				),
				'pages' => array(
					'type'        => 'integer',
					'description' => __( 'How many pages there are.', 'countersign' ),
				),
			),
		);
		$post     = array(
			'type'       => 'object',
			'properties' => array(
				'id'           => array( 'type' => 'integer' ),
				'type'         => array( 'type' => 'string' ),
				'status'       => array( 'type' => 'string' ),
				'title'        => array( 'type' => 'string' ),
				'author'       => array( 'type' => 'integer' ),
				'modified_gmt' => array(
					'type'        => 'string',
					'description' => __( 'Send it back as base.modified_gmt when you propose a change to this post.', 'countersign' ),
				),
				'link'         => array( 'type' => 'string' ),
			),
		);
		// An empty call works: `{}` (not `[]`) is the default of an object, and every property has its own.
		$optional = static fn( array $properties ): array => array(
			'type'                 => 'object',
			'default'              => (object) array(),
			'additionalProperties' => false,
			'properties'           => $properties,
		);

		return array(
			'countersign/get-profile'          => array(
				'label'            => __( 'Get my profile', 'countersign' ),
				'description'      => __( 'Who you are and what you may do: every operation (with an example change set) on each kind of target, the capability groups it needs, its risk, whether it is allowed (and why not), whether it needs a confirmation token and a human approval; and where your rate limits and budgets stand.', 'countersign' ),
				'input_schema'     => $optional(
					array(
						'post_type' => array(
							'type'        => 'string',
							'default'     => 'post',
							'description' => __( 'The post type the operations are for (default post).', 'countersign' ),
						),
					)
				),
				'output_schema'    => array( 'type' => 'object' ),
				'execute_callback' => fn( $input = null ) => $this->run( 'GET', '/me', self::input( $input ) ),
				'meta'             => self::READS,
			),
			'countersign/list-posts'           => array(
				'label'            => __( 'List posts', 'countersign' ),
				'description'      => __( 'Posts you may read (published ones, and the unpublished ones your role may edit), most recently modified first; search by words. Read one with countersign-read-post before you propose a change to it.', 'countersign' ),
				'input_schema'     => $optional(
					array(
						'search'    => array(
							'type'        => 'string',
							'description' => __( 'Words in the title or content.', 'countersign' ),
						),
						'post_type' => array(
							'type'        => 'string',
							'default'     => 'post',
							'description' => __( 'Post type (default post).', 'countersign' ),
						),
						'status'    => array(
							'type'        => 'string',
							'enum'        => array( 'any', 'publish', 'draft', 'pending', 'future', 'private' ),
							'default'     => 'any',
							'description' => __( 'One status, or any.', 'countersign' ),
						),
						'page'      => $page,
						'per_page'  => $per_page,
					)
				),
				'output_schema'    => $listing( 'posts', $post ),
				'execute_callback' => fn( $input = null ) => $this->listing( 'posts', $this->run_response( 'GET', '/posts', self::input( $input ) ), static fn( array $item ): array => $item ),
				'meta'             => self::READS,
			),
			'countersign/read-post'            => array(
				'label'            => __( 'Read a post', 'countersign' ),
				'description'      => __( 'One post as you propose against it: raw title, content (block markup), excerpt, slug, status, author, dates, featured image, terms, the registered meta you may read, a block outline, and modified_gmt, which you send back as base.modified_gmt.', 'countersign' ),
				'input_schema'     => array(
					'type'                 => 'object',
					'required'             => array( 'post' ),
					'additionalProperties' => false,
					'properties'           => array( 'post' => $post_id ),
				),
				'output_schema'    => array(
					'type'       => 'object',
					'required'   => array( 'id', 'modified_gmt', 'content' ),
					'properties' => $post['properties'] + array(
						'content'        => array(
							'type'        => 'string',
							'description' => __( 'Raw block markup.', 'countersign' ),
						),
						'excerpt'        => array( 'type' => 'string' ),
						'slug'           => array( 'type' => 'string' ),
						'date_gmt'       => array( 'type' => array( 'string', 'null' ) ),
						'featured_media' => array( 'type' => 'integer' ),
						'terms'          => array(
							'type'        => 'object',
							'description' => __( 'Taxonomy => assigned terms {id, name, slug}.', 'countersign' ),
						),
						'meta'           => array( 'type' => 'object' ),
						'blocks'         => array(
							'type'        => 'array',
							'description' => __( 'Block outline: name, attrs, a short text, inner blocks.', 'countersign' ),
						),
					),
				),
				'execute_callback' => fn( $input ) => $this->run( 'GET', '/posts/' . (int) self::input( $input )['post'], array() ),
				'meta'             => self::READS,
			),
			'countersign/propose-change'       => array(
				'label'            => __( 'Propose a change', 'countersign' ),
				'description'      => __( 'Stage a change to a post (or a new post) for an editor to review: nothing changes until a human approves (an autonomous agent\'s low-risk change applies at once). Send base.modified_gmt from countersign-read-post: if the post changed since, the call fails with countersign_conflict and you read it again. Risk 4+ changes (publish, schedule, unpublish, trash, restore, author, a published post\'s slug) need confirm_token from countersign-request-confirmation for exactly the same post and changes. To revise your own pending or rejected proposal, name it in supersedes. To clone a post into a new draft, send post 0 and clone_from. A refusal names its code (countersign_…), HTTP status, field and rule; over MCP it is a tool error whose text carries them, as a sentence and as JSON.', 'countersign' ),
				'input_schema'     => array(
					'type'                 => 'object',
					'required'             => array( 'changes', 'rationale' ),
					'additionalProperties' => false,
					'properties'           => array(
						'post'          => $target,
						'post_type'     => $type,
						'changes'       => $changes,
						'base'          => array(
							'type'                 => 'object',
							'additionalProperties' => false,
							'description'          => __( 'The version you read.', 'countersign' ),
							'properties'           => array(
								'modified_gmt' => array(
									'type'        => 'string',
									'description' => __( 'modified_gmt from countersign-read-post (ISO 8601, UTC).', 'countersign' ),
								),
							),
						),
						'rationale'     => array(
							'type'        => 'string',
							'minLength'   => 1,
							'maxLength'   => 2000,
							'description' => __( 'Why, in plain text, for the reviewer.', 'countersign' ),
						),
						'source'        => array(
							'type'        => 'object',
							'description' => __( 'Model, tool and run id (and tokens_in / tokens_out), at most 2 KB.', 'countersign' ),
							'properties'  => array(
								'model'      => array( 'type' => 'string' ),
								'tool'       => array( 'type' => 'string' ),
								'run_id'     => array( 'type' => 'string' ),
								'tokens_in'  => array(
									'type'    => 'integer',
									'minimum' => 0,
								),
								'tokens_out' => array(
									'type'    => 'integer',
									'minimum' => 0,
								),
							),
						),
						'confirm_token' => array(
							'type'        => 'string',
							'description' => __( 'From countersign-request-confirmation; required from risk 4.', 'countersign' ),
						),
						'supersedes'    => array(
							'type'        => 'integer',
							'minimum'     => 1,
							'description' => __( 'Id of your own proposal for the same post that this one revises: a pending one is withdrawn, a rejected one is linked to this revision.', 'countersign' ),
						),
						'clone_from'    => array(
							'type'        => 'integer',
							'minimum'     => 1,
							'description' => __( 'Clone a post: with post 0, the id of a post to copy into a new draft (title, content, excerpt, terms, featured image, registered meta); changes are laid over the copy (e.g. a new title).', 'countersign' ),
						),
					),
				),
				'output_schema'    => $proposal,
				'execute_callback' => fn( $input ) => $this->shaped( $this->run( 'POST', '/proposals', self::input( $input ) ) ),
				'meta'             => self::WRITES,
			),
			'countersign/request-confirmation' => array(
				'label'            => __( 'Request a confirmation token', 'countersign' ),
				'description'      => __( 'Announce a high-risk change (risk 4+: publish, schedule, unpublish, trash, restore from the trash, author, a published post\'s slug) and get a single-use token for it, valid five minutes, bound to you, the post and exactly these changes. Pass it as confirm_token to countersign-propose-change with the same post and changes. The announcement is audited; a human still approves the proposal.', 'countersign' ),
				'input_schema'     => array(
					'type'                 => 'object',
					'required'             => array( 'changes' ),
					'additionalProperties' => false,
					'properties'           => array(
						'post'      => $target,
						'post_type' => $type,
						'changes'   => $changes,
					),
				),
				'output_schema'    => array(
					'type'       => 'object',
					'required'   => array( 'token', 'expires' ),
					'properties' => array(
						'token'   => array(
							'type'        => 'string',
							'description' => __( 'Single-use confirmation token.', 'countersign' ),
						),
						'expires' => array(
							'type'        => 'string',
							'description' => __( 'When it expires (ISO 8601, UTC).', 'countersign' ),
						),
					),
				),
				'execute_callback' => fn( $input ) => $this->run( 'POST', '/intents', self::input( $input ) ),
				'meta'             => self::WRITES,
			),
			'countersign/list-proposals'       => array(
				'label'            => __( 'List my proposals', 'countersign' ),
				'description'      => __( 'Your proposals, newest first, with their state, risk and the reviewer\'s decision and reason.', 'countersign' ),
				'input_schema'     => $optional(
					array(
						'status'   => array(
							'type'        => 'string',
							'enum'        => array_merge( array( 'any' ), self::STATES ),
							'default'     => 'any',
							'description' => __( 'One state, or any.', 'countersign' ),
						),
						'post'     => array(
							'type'        => 'integer',
							'minimum'     => 0,
							'description' => __( 'Only proposals for this post (0: new posts).', 'countersign' ),
						),
						'page'     => $page,
						'per_page' => $per_page,
					)
				),
				'output_schema'    => $listing( 'proposals', $proposal ),
				'execute_callback' => fn( $input = null ) => $this->listing( 'proposals', $this->run_response( 'GET', '/proposals', self::proposal_filters( self::input( $input ) ) ), array( self::class, 'proposal' ) ),
				'meta'             => self::READS,
			),
			'countersign/get-proposal'         => array(
				'label'            => __( 'Read one of my proposals', 'countersign' ),
				'description'      => __( 'One of your proposals: its state, risk, changes, the reviewer\'s decision and reason, and for each changed field its base, current and proposed value.', 'countersign' ),
				'input_schema'     => array(
					'type'                 => 'object',
					'required'             => array( 'id' ),
					'additionalProperties' => false,
					'properties'           => array(
						'id' => array(
							'type'        => 'integer',
							'minimum'     => 1,
							'description' => __( 'Proposal id.', 'countersign' ),
						),
					),
				),
				'output_schema'    => $proposal,
				'execute_callback' => fn( $input ) => $this->shaped( $this->run( 'GET', '/proposals/' . (int) self::input( $input )['id'], array() ), true ),
				'meta'             => self::READS,
			),
			'countersign/upload-media'         => array(
				'label'            => __( 'Upload a file', 'countersign' ),
				'description'      => __( 'Stage an image or file (base64, up to the site\'s base64 limit) for a proposal. It stays private, out of the media library, until a reviewer approves a proposal that adds it: pass the returned ref in changes.media (with title, alt, caption), and optionally as changes.featured_media or in changes.content as an image\'s src, block id or wp-image class. Content that is not what its name says, types the site does not allow, SVG unless allowed, empty, oversize and oversize-pixel images are refused.', 'countersign' ),
				'input_schema'     => array(
					'type'                 => 'object',
					'required'             => array( 'filename', 'data' ),
					'additionalProperties' => false,
					'properties'           => array(
						'filename' => array(
							'type'        => 'string',
							'minLength'   => 1,
							'description' => __( 'File name with its extension (e.g. opening-day.jpg).', 'countersign' ),
						),
						'data'     => array(
							'type'        => 'string',
							'minLength'   => 1,
							'description' => __( 'The file\'s bytes, base64.', 'countersign' ),
						),
					),
				),
				'output_schema'    => array(
					'type'       => 'object',
					'required'   => array( 'ref' ),
					'properties' => array(
						'ref'    => array(
							'type'        => 'string',
							'description' => __( 'Use it in changes.media[].ref (and featured_media, content).', 'countersign' ),
						),
						'name'   => array( 'type' => 'string' ),
						'type'   => array( 'type' => 'string' ),
						'size'   => array( 'type' => 'integer' ),
						'width'  => array( 'type' => 'integer' ),
						'height' => array( 'type' => 'integer' ),
					),
				),
				'execute_callback' => function ( $input ) {
					$staged = $this->run( 'POST', '/media', self::input( $input ) );
					return is_array( $staged ) ? array_intersect_key( $staged, array_flip( array( 'ref', 'name', 'type', 'size', 'width', 'height' ) ) ) : $staged;
				},
				'meta'             => self::WRITES,
			),
			'countersign/withdraw-proposal'    => array(
				'label'            => __( 'Withdraw my proposal', 'countersign' ),
				'description'      => __( 'Withdraw one of your proposals that no reviewer has decided yet.', 'countersign' ),
				'input_schema'     => array(
					'type'                 => 'object',
					'required'             => array( 'id' ),
					'additionalProperties' => false,
					'properties'           => array(
						'id' => array(
							'type'        => 'integer',
							'minimum'     => 1,
							'description' => __( 'Proposal id.', 'countersign' ),
						),
					),
				),
				'output_schema'    => $proposal,
				'execute_callback' => fn( $input ) => $this->shaped( $this->run( 'POST', '/proposals/' . (int) self::input( $input )['id'] . '/withdraw', array() ) ),
				'meta'             => array(
					'public'      => true,
					'annotations' => array(
						'readonly'    => false,
						'destructive' => false,
						'idempotent'  => true,
					),
				),
			),
		);
	}

	/**
	 * The change set, field by field, as POST /proposals validates it.
	 *
	 * @return array<string, mixed>
	 */
	private static function change_set_schema(): array {
		$text       = static fn( string $description ): array => array(
			'type'        => 'string',
			'description' => $description,
		);
		$media_text = array(
			'title'       => $text( __( 'Title.', 'countersign' ) ),
			'alt'         => $text( __( 'Alt text: what the image shows.', 'countersign' ) ),
			'caption'     => $text( __( 'Caption.', 'countersign' ) ),
			'description' => $text( __( 'Description.', 'countersign' ) ),
		);
		return array(
			'type'                 => 'object',
			'minProperties'        => 1,
			'additionalProperties' => false,
			'description'          => __( 'Only the fields you change. countersign-get-profile lists every operation with an example change set, its risk and whether you may make it.', 'countersign' ),
			'properties'           => array(
				'title'          => $text( __( 'New title.', 'countersign' ) ),
				'content'        => $text( __( 'The whole new content, as block markup (read the current one with countersign-read-post).', 'countersign' ) ),
				'excerpt'        => $text( __( 'New excerpt.', 'countersign' ) ),
				'slug'           => $text( __( 'New slug (risk 4 on a published post).', 'countersign' ) ),
				'status'         => array(
					'type'        => 'string',
					'enum'        => array( 'draft', 'pending', 'publish', 'future', 'private', 'trash' ),
					'description' => __( 'New status: pending submits for review; publish, future (with date), private, draft (unpublish), trash and leaving the trash are risk 4 and need confirm_token.', 'countersign' ),
				),
				'date'           => $text( __( 'Publication date, ISO 8601 UTC (required in the future with status future).', 'countersign' ) ),
				'author'         => array(
					'type'        => 'integer',
					'minimum'     => 1,
					'description' => __( 'New author\'s user id (risk 4).', 'countersign' ),
				),
				'featured_media' => array(
					'type'        => array( 'integer', 'string' ),
					'description' => __( 'Attachment id of the featured image, 0 to remove it, or the ref of an upload in media.', 'countersign' ),
				),
				'media'          => array(
					'type'        => 'array',
					'description' => __( 'Uploads to add to the media library (staged with countersign-upload-media): [{ref, title?, alt?, caption?, description?}]. Risk 3.', 'countersign' ),
					'items'       => array(
						'type'       => 'object',
						'required'   => array( 'ref' ),
						'properties' => $media_text + array( 'ref' => $text( __( 'The ref countersign-upload-media returned.', 'countersign' ) ) ),
					),
				),
				'attachments'    => array(
					'type'                 => 'object',
					'description'          => __( 'Attachment id => {title?, alt?, caption?, description?}: describe existing media, many at once (e.g. alt text for every image of a post). Risk 2.', 'countersign' ),
					'additionalProperties' => array(
						'type'       => 'object',
						'properties' => $media_text,
					),
				),
				'terms'          => array(
					'type'                 => 'object',
					'description'          => __( 'Taxonomy => the complete list of terms, as ids or names (e.g. {"category": ["News"], "post_tag": [12, "garden"]}).', 'countersign' ),
					'additionalProperties' => array(
						'type'  => 'array',
						'items' => array( 'type' => array( 'integer', 'string' ) ),
					),
				),
				'meta'           => array(
					'type'        => 'object',
					'description' => __( 'Registered meta key => value (only keys registered with show_in_rest; countersign-get-profile lists them).', 'countersign' ),
				),
				'site_settings'  => array(
					'type'        => 'object',
					'description' => __( 'Site settings by their /wp/v2/settings names (title, description, posts_per_page…; countersign-get-profile lists them), with post 0 and no other field. Risk 3; an administrator approves.', 'countersign' ),
				),
			),
		);
	}

	/**
	 * A proposal as the tools answer it.
	 *
	 * @return array<string, mixed>
	 */
	private static function proposal_schema(): array {
		return array(
			'type'       => 'object',
			'required'   => array( 'id', 'status' ),
			'properties' => array(
				'id'         => array( 'type' => 'integer' ),
				'post'       => array(
					'type'        => 'integer',
					'description' => __( 'Target post (0 until a new post is created).', 'countersign' ),
				),
				'post_type'  => array( 'type' => 'string' ),
				'post_title' => array( 'type' => 'string' ),
				'status'     => array(
					'type' => 'string',
					'enum' => self::STATES,
				),
				'risk'       => array( 'type' => 'integer' ),
				'risk_label' => array( 'type' => 'string' ),
				'changes'    => array( 'type' => 'object' ),
				'clone_from' => array(
					'type'        => array( 'object', 'null' ),
					'description' => __( 'For a clone, the post it copies: id, title, edit_link.', 'countersign' ),
				),
				'rationale'  => array( 'type' => 'string' ),
				'created'    => array( 'type' => 'string' ),
				'modified'   => array( 'type' => 'string' ),
				'decision'   => array(
					'type'        => array( 'object', 'null' ),
					'description' => __( 'The decision once made: action (approve, reject, withdraw, expire…), reason, by, time, and superseded_by when a revision replaced it.', 'countersign' ),
				),
				'fields'     => array(
					'type'        => 'object',
					'description' => __( 'For each changed field: base (when you read it), current and proposed value.', 'countersign' ),
				),
			),
		);
	}

	/**
	 * A proposal from its REST answer, without what only the screens use (links, colours, edit links, source).
	 *
	 * @param array<string, mixed> $data      The REST answer.
	 * @param bool                 $with_fields Keep `fields` (base, current, proposed of each changed field).
	 * @return array<string, mixed>
	 */
	public static function proposal( array $data, bool $with_fields = false ): array {
		$decision           = is_array( $data['decision'] ?? null ) ? $data['decision'] : null;
		$shaped             = array_intersect_key( $data, array_flip( array( 'id', 'post', 'post_type', 'post_title', 'status', 'risk', 'risk_label', 'changes', 'clone_from', 'rationale', 'created', 'modified' ) ) );
		$shaped['decision'] = null === $decision ? null : array_filter(
			array(
				'action'        => $decision['action'] ?? null,
				'reason'        => $decision['reason'] ?? null,
				'by'            => $decision['user_name'] ?? null,
				'time'          => $decision['time'] ?? null,
				'edited'        => $decision['edited'] ?? null,
				'superseded_by' => $decision['superseded_by'] ?? null,
			),
			static fn( $value ): bool => null !== $value
		);
		if ( $with_fields && isset( $data['fields'] ) ) {
			$shaped['fields'] = $data['fields'];
		}
		return $shaped;
	}

	/**
	 * The ability's input as an array (`{}` arrives as an object).
	 *
	 * @param mixed $input Input.
	 * @return array<string, mixed>
	 */
	private static function input( mixed $input ): array {
		return is_array( $input ) || is_object( $input ) ? (array) $input : array();
	}

	/**
	 * The input of list-proposals as GET /proposals takes it (`any` is no filter).
	 *
	 * @param array<string, mixed> $input Input.
	 * @return array<string, mixed>
	 */
	private static function proposal_filters( array $input ): array {
		if ( 'any' === ( $input['status'] ?? 'any' ) ) {
			unset( $input['status'] );
		}
		return $input;
	}

	/**
	 * `wp_ability_validate_input`: input a Countersign ability's schema refuses answers as the REST route would,
	 * `countersign_invalid_payload` (400) naming the field (`changes.status` for `input[changes][status]`).
	 *
	 * @param mixed  $valid   True or core's error.
	 * @param mixed  $input   Input.
	 * @param string $ability Ability name.
	 * @return mixed
	 */
	public function invalid_input( mixed $valid, mixed $input, string $ability ): mixed {
		if ( ! $valid instanceof WP_Error || ! in_array( $ability, self::TOOLS, true ) ) {
			return $valid;
		}
		$reason = (string) preg_replace( '/^.*Reason: /s', '', $valid->get_error_message() );
		return new WP_Error(
			'countersign_invalid_payload',
			$reason,
			array(
				'status' => 400,
				'field'  => preg_match( '/input((?:\[[^\]]+\])+)/', $reason, $match ) ? str_replace( '][', '.', trim( $match[1], '[]' ) ) : 'input',
			)
		);
	}

	/**
	 * Permission: the caller is an agent the Gate lets act now (active, kill switch off).
	 */
	public function agent_may_act(): bool|WP_Error {
		$agent = $this->agents->find( get_current_user_id() );
		if ( null === $agent ) {
			return new WP_Error( 'countersign_not_agent', __( 'Only agents use Countersign abilities.', 'countersign' ), array( 'status' => 403 ) );
		}
		return $this->gate->check_agent( $agent );
	}

	/**
	 * Runs the agent's REST route and returns its data or error.
	 *
	 * @param string               $method Method.
	 * @param string               $route  Route under the namespace.
	 * @param array<string, mixed> $input  Parameters.
	 */
	private function run( string $method, string $route, array $input ): mixed {
		$response = $this->run_response( $method, $route, $input );
		if ( $response instanceof WP_Error ) {
			return $response;
		}
		return rest_get_server()->response_to_data( $response, false );
	}

	/**
	 * Runs the agent's REST route: the response (for its headers), or its error.
	 *
	 * @param string               $method Method.
	 * @param string               $route  Route under the namespace.
	 * @param array<string, mixed> $input  Parameters.
	 */
	private function run_response( string $method, string $route, array $input ): WP_REST_Response|WP_Error {
		$response = Controller::run_route( $method, $route, $input );
		return $response->is_error() ? $response->as_error() : $response;
	}

	/**
	 * A proposal answer shaped for the tools, or the error as it came.
	 *
	 * @param mixed $data        REST data or error.
	 * @param bool  $with_fields Keep `fields`.
	 */
	private function shaped( mixed $data, bool $with_fields = false ): mixed {
		return is_array( $data ) ? self::proposal( $data, $with_fields ) : $data;
	}

	/**
	 * A list answer: `{key: items, total, pages}` from the items and the X-WP-Total headers.
	 *
	 * @param string                                               $key      Key of the items.
	 * @param WP_REST_Response|WP_Error                            $response Response.
	 * @param callable(array<string, mixed>): array<string, mixed> $shape    Shapes one item.
	 * @return array<string, mixed>|WP_Error
	 */
	private function listing( string $key, WP_REST_Response|WP_Error $response, callable $shape ): array|WP_Error {
		if ( $response instanceof WP_Error ) {
			return $response;
		}
		$headers = $response->get_headers();
		$items   = (array) rest_get_server()->response_to_data( $response, false );
		return array(
			$key    => array_values( array_map( $shape, array_filter( $items, 'is_array' ) ) ),
			'total' => (int) ( $headers['X-WP-Total'] ?? count( $items ) ),
			'pages' => (int) ( $headers['X-WP-TotalPages'] ?? 1 ),
		);
	}
}
