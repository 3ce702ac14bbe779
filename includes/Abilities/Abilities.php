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

/**
 * Registers `countersign/propose-change`, `countersign/request-confirmation`, `countersign/list-proposals` and
 * `countersign/get-profile`. Each runs the very same REST route an agent would call, so the Gate, the audit log and
 * the limits apply unchanged; the permission callbacks refuse non-agents and stopped agents up front (core's
 * before-execute hook cannot veto).
 */
final class Abilities {

	/** Meta of the abilities that write: public over MCP, neither read-only, destructive nor idempotent. */
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
		$proposal = array(
			'type'       => 'object',
			'properties' => array(
				'id'        => array( 'type' => 'integer' ),
				'post'      => array( 'type' => 'integer' ),
				'status'    => array( 'type' => 'string' ),
				'risk'      => array( 'type' => 'integer' ),
				'rationale' => array( 'type' => 'string' ),
				'changes'   => array( 'type' => 'object' ),
			),
		);
		$target   = array(
			'type'        => 'integer',
			'minimum'     => 0,
			'description' => __( 'Target post id; 0 for a new post.', 'countersign' ),
		);
		$type     = array(
			'type'        => 'string',
			'description' => __( 'Post type of a new post (default post).', 'countersign' ),
		);
		$change   = array(
			'type'        => 'object',
			'description' => __( 'Field => proposed value: title, content, excerpt, slug, status, date, author, featured_media, terms {taxonomy: [ids or names]}, meta {key: value}. countersign/get-profile lists every operation with an example.', 'countersign' ),
		);
		wp_register_ability(
			'countersign/propose-change',
			array(
				'label'               => __( 'Propose a change', 'countersign' ),
				'description'         => __( 'Stage a change to a post (title, content, excerpt, slug, status, date, author, featured image, terms, registered meta) for an editor to review. Nothing changes until a human approves (an autonomous agent\'s low-risk change applies at once). Send base.modified_gmt of the version you read: if the post changed since, the proposal is refused with countersign_conflict (409) and you read it again. Risk 4+ changes (publish, unpublish, trash, restore, author, a published post\'s slug) need confirm_token from countersign/request-confirmation for exactly these changes.', 'countersign' ),
				'category'            => self::CATEGORY,
				'input_schema'        => array(
					'type'                 => 'object',
					'required'             => array( 'changes', 'rationale' ),
					'additionalProperties' => false,
					'properties'           => array(
						'post'          => $target,
						'post_type'     => $type,
						'changes'       => $change,
						'base'          => array(
							'type'        => 'object',
							'description' => __( 'The version you read, as POST /countersign/v1/proposals takes it: {modified_gmt} from the post (modified_gmt in core\'s REST answer).', 'countersign' ),
							'properties'  => array(
								'modified_gmt' => array(
									'type'        => 'string',
									'description' => __( 'The post\'s modified date (GMT, ISO 8601) when you read it.', 'countersign' ),
								),
							),
						),
						'rationale'     => array(
							'type'        => 'string',
							'maxLength'   => 2000,
							'description' => __( 'Why, in plain text.', 'countersign' ),
						),
						'source'        => array(
							'type'        => 'object',
							'description' => __( 'Model, tool and run id (and tokens_in / tokens_out), at most 2 KB.', 'countersign' ),
						),
						'confirm_token' => array(
							'type'        => 'string',
							'description' => __( 'From countersign/request-confirmation, required from risk 4.', 'countersign' ),
						),
						'supersedes'    => array(
							'type'        => 'integer',
							'description' => __( 'Id of your own open proposal for the same post that this one revises; it is withdrawn.', 'countersign' ),
						),
					),
				),
				'output_schema'       => $proposal,
				'execute_callback'    => fn( $input ) => $this->run( 'POST', '/proposals', (array) $input ),
				'permission_callback' => array( $this, 'agent_may_act' ),
				'meta'                => self::WRITES,
			)
		);
		wp_register_ability(
			'countersign/request-confirmation',
			array(
				'label'               => __( 'Request a confirmation token', 'countersign' ),
				'description'         => __( 'Announce a high-risk change (risk 4+: publish, schedule, unpublish, trash, restore from the trash, author, a published post\'s slug) and get a single-use token for it, valid five minutes, bound to you, the post and exactly these changes. Pass it as confirm_token to countersign/propose-change with the same post and changes. The announcement is audited; a human still approves the proposal.', 'countersign' ),
				'category'            => self::CATEGORY,
				'input_schema'        => array(
					'type'                 => 'object',
					'required'             => array( 'changes' ),
					'additionalProperties' => false,
					'properties'           => array(
						'post'      => $target,
						'post_type' => $type,
						'changes'   => $change,
					),
				),
				'output_schema'       => array(
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
				'execute_callback'    => fn( $input ) => $this->run( 'POST', '/intents', (array) $input ),
				'permission_callback' => array( $this, 'agent_may_act' ),
				'meta'                => self::WRITES,
			)
		);
		wp_register_ability(
			'countersign/list-proposals',
			array(
				'label'               => __( 'List my proposals', 'countersign' ),
				'description'         => __( 'The calling agent\'s proposals, newest first, with their state and risk.', 'countersign' ),
				'category'            => self::CATEGORY,
				'input_schema'        => array(
					'type'                 => 'object',
					'additionalProperties' => false,
					'properties'           => array(
						'status'   => array( 'type' => 'string' ),
						'post'     => array( 'type' => 'integer' ),
						'page'     => array( 'type' => 'integer' ),
						'per_page' => array(
							'type'    => 'integer',
							'maximum' => 100,
						),
					),
				),
				'output_schema'       => array(
					'type'  => 'array',
					'items' => $proposal,
				),
				'execute_callback'    => fn( $input = array() ) => $this->run( 'GET', '/proposals', (array) $input ),
				'permission_callback' => array( $this, 'agent_may_act' ),
				'meta'                => self::READS,
			)
		);
		wp_register_ability(
			'countersign/get-profile',
			array(
				'label'               => __( 'Get my profile', 'countersign' ),
				'description'         => __( 'Who the calling agent is and what it may do: every operation (with an example change set) on each kind of target, its capability groups and risk, whether it is allowed (and why not), whether it needs a confirmation token and a human approval; and where the agent\'s rate limits and budgets stand.', 'countersign' ),
				'category'            => self::CATEGORY,
				'input_schema'        => array(
					'type'                 => 'object',
					'default'              => array(),
					'additionalProperties' => false,
					'properties'           => array(
						'post_type' => array(
							'type'        => 'string',
							'description' => __( 'The post type the operations are for (default post).', 'countersign' ),
						),
					),
				),
				'output_schema'       => array( 'type' => 'object' ),
				'execute_callback'    => fn( $input = array() ) => $this->run( 'GET', '/me', (array) $input ),
				'permission_callback' => array( $this, 'agent_may_act' ),
				'meta'                => self::READS,
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
		$response = Controller::run_route( $method, $route, $input );
		if ( $response->is_error() ) {
			return $response->as_error();
		}
		return rest_get_server()->response_to_data( $response, false );
	}
}
