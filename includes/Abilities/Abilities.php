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
 * Registers `countersign/propose-change`, `countersign/list-proposals` and `countersign/get-profile`. Each runs the
 * very same REST route an agent would call, so the Gate, the audit log and the limits apply unchanged; the
 * permission callbacks refuse non-agents and stopped agents up front (core's before-execute hook cannot veto).
 */
final class Abilities {

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
		wp_register_ability(
			'countersign/propose-change',
			array(
				'label'               => __( 'Propose a change', 'countersign' ),
				'description'         => __( 'Stage a change to a post (title, content, excerpt, slug, status, date, author, featured image, terms, registered meta) for an editor to review. Nothing changes until a human approves; risk 4+ changes need a confirmation token from POST /countersign/v1/intents.', 'countersign' ),
				'category'            => self::CATEGORY,
				'input_schema'        => array(
					'type'                 => 'object',
					'required'             => array( 'changes', 'rationale' ),
					'additionalProperties' => false,
					'properties'           => array(
						'post'          => array(
							'type'        => 'integer',
							'minimum'     => 0,
							'description' => __( 'Target post id; 0 for a new post.', 'countersign' ),
						),
						'post_type'     => array( 'type' => 'string' ),
						'changes'       => array( 'type' => 'object' ),
						'rationale'     => array(
							'type'      => 'string',
							'maxLength' => 2000,
						),
						'source'        => array( 'type' => 'object' ),
						'confirm_token' => array( 'type' => 'string' ),
						'supersedes'    => array( 'type' => 'integer' ),
					),
				),
				'output_schema'       => $proposal,
				'execute_callback'    => fn( $input ) => $this->run( 'POST', '/proposals', (array) $input ),
				'permission_callback' => array( $this, 'agent_may_act' ),
				'meta'                => array(
					'public'      => true,
					'annotations' => array(
						'readonly'    => false,
						'destructive' => false,
						'idempotent'  => false,
					),
				),
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
				'meta'                => array(
					'public'      => true,
					'annotations' => array(
						'readonly'   => true,
						'idempotent' => true,
					),
				),
			)
		);
		wp_register_ability(
			'countersign/get-profile',
			array(
				'label'               => __( 'Get my profile', 'countersign' ),
				'description'         => __( 'Who the calling agent is and what it may do: every operation with its risk, whether it needs approval, and the agent\'s limits and budget.', 'countersign' ),
				'category'            => self::CATEGORY,
				'output_schema'       => array( 'type' => 'object' ),
				'execute_callback'    => fn() => $this->run( 'GET', '/me', array() ),
				'permission_callback' => array( $this, 'agent_may_act' ),
				'meta'                => array(
					'public'      => true,
					'annotations' => array(
						'readonly'   => true,
						'idempotent' => true,
					),
				),
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
