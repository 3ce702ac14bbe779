<?php
/**
 * REST: agents.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentManager;
use Countersign\Agents\AgentRepository;
use Countersign\Agents\Credentials;
use Countersign\Agents\Presets;
use Countersign\Audit\AuditLog;
use Countersign\Audit\Usage;
use Countersign\Policy\Capabilities;
use Countersign\Policy\Settings;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/agents` for administrators (`countersign_manage`).
 */
final class AgentsController extends Controller {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents      Agents.
	 * @param Presets         $presets     Presets.
	 * @param Credentials     $credentials Application Passwords.
	 * @param Settings        $settings    Defaults for limits.
	 * @param AuditLog        $audit       Audit.
	 * @param AgentManager    $manager     Edits, pause, resume, revoke, rotation.
	 * @param Usage           $usage       Today's activity per agent.
	 */
	public function __construct(
		AgentRepository $agents,
		private readonly Presets $presets,
		private readonly Credentials $credentials,
		private readonly Settings $settings,
		private readonly AuditLog $audit,
		private readonly AgentManager $manager,
		private readonly Usage $usage
	) {
		parent::__construct( $agents );
		$this->rest_base = 'agents';
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
				),
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<id>\d+)',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
				),
				array(
					'methods'             => WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => array( $this, 'update_item_permissions_check' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		foreach ( array( 'pause', 'resume', 'revoke', 'credentials' ) as $action ) {
			register_rest_route(
				$this->namespace,
				'/' . $this->rest_base . '/(?P<id>\d+)/' . $action,
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, $action ),
					'permission_callback' => array( $this, 'update_item_permissions_check' ),
				)
			);
		}
	}

	/**
	 * The agent resource.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema(): array {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$int          = fn( string $description, bool $readonly = false ): array => array(
			'type'        => 'integer',
			'minimum'     => 0,
			'description' => $description,
			'context'     => array( 'view', 'edit' ),
			'readonly'    => $readonly,
		);
		$string       = fn( string $description, bool $readonly = false, array $extra = array() ): array => $extra + array(
			'type'        => 'string',
			'description' => $description,
			'context'     => array( 'view', 'edit' ),
			'readonly'    => $readonly,
		);
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'countersign-agent',
			'type'       => 'object',
			'properties' => array(
				'id'                      => $int( __( 'The agent\'s user id.', 'countersign' ), true ),
				'user_login'              => $string( __( 'The agent\'s login.', 'countersign' ), true ),
				'role'                    => $string( __( 'WordPress role.', 'countersign' ), false, array( 'enum' => AgentRepository::ROLES ) ),
				'label'                   => $string( __( 'Human name.', 'countersign' ) ),
				'description'             => $string( __( 'What it is for.', 'countersign' ) ),
				'color'                   => $string( __( 'Hex colour of its identity chip.', 'countersign' ) ),
				'preset'                  => $string( __( 'Preset slug.', 'countersign' ) ),
				'groups'                  => array(
					'type'        => 'array',
					'items'       => array( 'type' => 'string' ),
					'description' => __( 'Capability groups.', 'countersign' ),
					'context'     => array( 'view', 'edit' ),
				),
				'autonomy'                => $string( __( 'supervised or autonomous.', 'countersign' ), false, array( 'enum' => array( 'supervised', 'autonomous' ) ) ),
				'rate_limit'              => $int( __( 'Requests per rate-limit window (the rate_limit_window setting, 60 seconds by default).', 'countersign' ) ),
				'daily_proposal_budget'   => $int( __( 'Proposals a UTC day.', 'countersign' ) ),
				'monthly_proposal_budget' => $int( __( 'Proposals a UTC month; 0 = no monthly limit.', 'countersign' ) ),
				'monthly_token_budget'    => $int( __( 'Tokens (tokens_in + tokens_out reported in a proposal\'s source) a UTC month; 0 = no limit.', 'countersign' ) ),
				'monthly_spend_budget'    => $int( __( 'Cents of the site\'s currency a UTC month, at the model prices in the settings; 0 = no limit.', 'countersign' ) ),
				'status'                  => $string( __( 'active, paused or revoked.', 'countersign' ), true, array( 'enum' => array( 'active', 'paused', 'revoked' ) ) ),
				'auto_paused_at'          => $string( __( 'When auto-pause paused the agent for hitting its limits (ISO 8601, UTC); null when it was not, or has been resumed since.', 'countersign' ), true, array( 'type' => array( 'string', 'null' ) ) ),
				'created_by'              => $int( __( 'The administrator who created it.', 'countersign' ), true ),
				'created_at'              => $string( __( 'ISO 8601, UTC.', 'countersign' ), true ),
				'last_seen_at'            => $string( __( 'ISO 8601, UTC.', 'countersign' ), true, array( 'type' => array( 'string', 'null' ) ) ),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * Administrators only.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function update_item_permissions_check( $request ): true|WP_Error {
		return $this->require_cap( Capabilities::MANAGE );
	}

	/**
	 * PUT /agents/{id}: any subset of the fields. Widening returns a new application_password once.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function update_item( $request ): WP_REST_Response|WP_Error {
		$agent = $this->agents->find( (int) $request['id'] );
		if ( null === $agent ) {
			return $this->not_found();
		}
		$fields = $this->validate( $request, true );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		$result = $this->manager->update( $agent, $fields );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		$data = $result['agent']->to_array();
		if ( null !== $result['application_password'] ) {
			$data['application_password'] = $result['application_password'];
		}
		return rest_ensure_response( $data );
	}

	/**
	 * POST /agents/{id}/pause.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function pause( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		return $this->act( $request, fn( Agent $agent ) => $this->manager->pause( $agent ) );
	}

	/**
	 * POST /agents/{id}/resume.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function resume( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		return $this->act( $request, fn( Agent $agent ) => $this->manager->resume( $agent ) );
	}

	/**
	 * POST /agents/{id}/revoke.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function revoke( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		return $this->act( $request, fn( Agent $agent ) => $this->manager->revoke( $agent ) );
	}

	/**
	 * POST /agents/{id}/credentials: a fresh Application Password, returned once; the old ones stop working.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function credentials( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$agent = $this->agents->find( (int) $request['id'] );
		if ( null === $agent ) {
			return $this->not_found();
		}
		$password = $this->manager->rotate( $agent );
		if ( is_wp_error( $password ) ) {
			return $password;
		}
		return rest_ensure_response( $agent->to_array() + array( 'application_password' => $password ) );
	}

	/**
	 * Runs a status change on the agent named in the route.
	 *
	 * @param WP_REST_Request                   $request Request.
	 * @param callable(Agent): (Agent|WP_Error) $change  The change.
	 * @return WP_REST_Response|WP_Error
	 */
	private function act( WP_REST_Request $request, callable $change ): WP_REST_Response|WP_Error {
		$agent = $this->agents->find( (int) $request['id'] );
		if ( null === $agent ) {
			return $this->not_found();
		}
		$result = $change( $agent );
		return is_wp_error( $result ) ? $result : rest_ensure_response( $result->to_array() );
	}

	/**
	 * 404 for an unknown agent.
	 */
	private function not_found(): WP_Error {
		return new WP_Error( 'countersign_not_found', __( 'No such agent.', 'countersign' ), array( 'status' => 404 ) );
	}

	/**
	 * Administrators only.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_items_permissions_check( $request ): true|WP_Error {
		return $this->require_cap( Capabilities::MANAGE );
	}

	/**
	 * Administrators only.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_item_permissions_check( $request ): true|WP_Error {
		return $this->require_cap( Capabilities::MANAGE );
	}

	/**
	 * Administrators only.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function create_item_permissions_check( $request ): true|WP_Error {
		return $this->require_cap( Capabilities::MANAGE );
	}

	/**
	 * GET /agents.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public function get_items( $request ): WP_REST_Response {
		$agents   = $this->agents->all();
		$activity = $this->usage->activity_today();
		return $this->list_response( array_map( fn( Agent $agent ) => $this->with_activity( $agent, $activity ), $agents ), count( $agents ), max( 1, count( $agents ) ) );
	}

	/**
	 * GET /agents/{id}.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_item( $request ): WP_REST_Response|WP_Error {
		$agent = $this->agents->find( (int) $request['id'] );
		return $agent ? rest_ensure_response( $this->with_activity( $agent, $this->usage->activity_today() ) ) : $this->not_found();
	}

	/**
	 * The agent plus today's activity: requests today and proposals waiting for a reviewer.
	 *
	 * @param Agent                                                          $agent    Agent.
	 * @param array<int, array{requests_today: int, pending_proposals: int}> $activity Activity by agent.
	 * @return array<string, mixed>
	 */
	private function with_activity( Agent $agent, array $activity ): array {
		return $agent->to_array() + ( $activity[ $agent->id ] ?? array(
			'requests_today'    => 0,
			'pending_proposals' => 0,
		) );
	}

	/**
	 * POST /agents: creates the agent's user and returns its Application Password this once.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function create_item( $request ): WP_REST_Response|WP_Error {
		$fields = $this->validate( $request );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		$agent = $this->agents->create( $fields );
		if ( is_wp_error( $agent ) ) {
			return new WP_Error(
				'countersign_invalid_payload',
				$agent->get_error_message(),
				array(
					'status' => 400,
					'field'  => 'label',
				)
			);
		}
		$password = $this->credentials->issue( $agent );
		if ( is_wp_error( $password ) ) {
			require_once ABSPATH . 'wp-admin/includes/user.php';
			wp_delete_user( $agent->id );
			return new WP_Error( 'countersign_credentials_unavailable', $password->get_error_message(), array( 'status' => 409 ) );
		}
		$this->audit->append(
			'agent.created',
			array(
				'object_type' => 'agent',
				'object_id'   => $agent->id,
				'agent_id'    => $agent->id,
				'details'     => array( 'after' => $agent->meta() + array( 'role' => $agent->role ) ),
			)
		);
		$response = rest_ensure_response( $agent->to_array() + array( 'application_password' => $password ) );
		$response->set_status( 201 );
		return $response;
	}

	/**
	 * Validates agent fields: all of them for a new agent, any subset for an update.
	 *
	 * @param WP_REST_Request $request Request.
	 * @param bool            $partial Whether absent fields stay as they are.
	 * @return array<string, mixed>|WP_Error
	 */
	private function validate( WP_REST_Request $request, bool $partial = false ): array|WP_Error {
		$given  = fn( string $name ): bool => null !== $request->get_param( $name );
		$fields = array();

		$label = $request->get_param( 'label' );
		if ( ! $partial || $given( 'label' ) ) {
			if ( ! is_string( $label ) || '' === trim( $label ) || mb_strlen( $label ) > 100 ) {
				return $this->invalid( 'label', __( 'label is required (at most 100 characters).', 'countersign' ) );
			}
			$fields['label'] = sanitize_text_field( $label );
		}
		if ( $given( 'description' ) || ! $partial ) {
			$description = $request->get_param( 'description' ) ?? '';
			if ( ! is_string( $description ) || mb_strlen( $description ) > 500 ) {
				return $this->invalid( 'description', __( 'description must be text of at most 500 characters.', 'countersign' ) );
			}
			$fields['description'] = sanitize_textarea_field( $description );
		}
		if ( $given( 'role' ) || ! $partial ) {
			$role = $request->get_param( 'role' ) ?? 'contributor';
			if ( ! in_array( $role, AgentRepository::ROLES, true ) ) {
				return $this->invalid( 'role', __( 'role must be contributor, author or editor; never administrator.', 'countersign' ) );
			}
			$fields['role'] = $role;
		}
		if ( $given( 'preset' ) || ! $partial ) {
			$preset = $request->get_param( 'preset' ) ?? 'draft_only';
			if ( ! is_string( $preset ) || ! $this->presets->exists( $preset ) ) {
				return $this->invalid( 'preset', __( 'Unknown preset.', 'countersign' ) );
			}
			$fields['preset'] = $preset;
		}
		if ( $given( 'groups' ) || ! $partial ) {
			$groups = $request->get_param( 'groups' ) ?? array();
			if ( ! is_array( $groups ) || ! array_is_list( $groups ) || array_diff( $groups, array_merge( Presets::GROUPS, Presets::COMPAT_GROUPS ) ) ) {
				return $this->invalid( 'groups', __( 'groups must list known capability groups.', 'countersign' ) );
			}
			$fields['groups'] = array_values( array_map( 'strval', $groups ) );
		}
		if ( $given( 'autonomy' ) || ! $partial ) {
			$autonomy = $request->get_param( 'autonomy' ) ?? 'supervised';
			if ( ! in_array( $autonomy, array( 'supervised', 'autonomous' ), true ) ) {
				return $this->invalid( 'autonomy', __( 'autonomy must be supervised or autonomous.', 'countersign' ) );
			}
			$fields['autonomy'] = $autonomy;
		}
		if ( $given( 'color' ) ) {
			$color = $request->get_param( 'color' );
			$color = is_string( $color ) ? sanitize_hex_color( $color ) : null;
			if ( ! $color ) {
				return $this->invalid( 'color', __( 'color must be a hex colour like #3858e9.', 'countersign' ) );
			}
			$fields['color'] = $color;
		}
		$defaults = array(
			'rate_limit'              => 'default_rate_limit',
			'daily_proposal_budget'   => 'default_daily_proposal_budget',
			'monthly_proposal_budget' => 'default_monthly_proposal_budget',
			'monthly_token_budget'    => 'default_monthly_token_budget',
			'monthly_spend_budget'    => 'default_monthly_spend_budget',
		);
		foreach ( $defaults as $limit => $setting ) {
			$value = $this->int_param( $request, $limit );
			if ( is_wp_error( $value ) ) {
				return $value;
			}
			if ( null !== $value && $value > ( in_array( $limit, array( 'monthly_token_budget', 'monthly_spend_budget' ), true ) ? 1000000000000 : ( 'monthly_proposal_budget' === $limit ? 10000000 : 100000 ) ) ) {
				/* translators: %s: field. */
				return $this->invalid( $limit, sprintf( __( '%s is too large.', 'countersign' ), $limit ) );
			}
			if ( null !== $value ) {
				$fields[ $limit ] = $value;
			} elseif ( ! $partial ) {
				$fields[ $limit ] = (int) $this->settings->get( $setting );
			}
		}
		if ( $partial && array() === $fields ) {
			return $this->invalid( 'body', __( 'Send at least one field to change.', 'countersign' ) );
		}
		return $fields;
	}
}
