<?php
/**
 * REST: agents.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentRepository;
use Countersign\Agents\Credentials;
use Countersign\Agents\Presets;
use Countersign\Audit\AuditLog;
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
	 */
	public function __construct(
		AgentRepository $agents,
		private readonly Presets $presets,
		private readonly Credentials $credentials,
		private readonly Settings $settings,
		private readonly AuditLog $audit
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
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<id>\d+)',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_item' ),
				'permission_callback' => array( $this, 'get_item_permissions_check' ),
			)
		);
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
		$agents = $this->agents->all();
		return $this->list_response( array_map( fn( Agent $agent ) => $agent->to_array(), $agents ), count( $agents ), max( 1, count( $agents ) ) );
	}

	/**
	 * GET /agents/{id}.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_item( $request ): WP_REST_Response|WP_Error {
		$agent = $this->agents->find( (int) $request['id'] );
		return $agent ? rest_ensure_response( $agent->to_array() ) : new WP_Error( 'countersign_not_found', __( 'No such agent.', 'countersign' ), array( 'status' => 404 ) );
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
			return new WP_Error( 'countersign_invalid_payload', $agent->get_error_message(), array( 'status' => 400, 'field' => 'label' ) );
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
	 * Validates the fields of a new agent.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return array<string, mixed>|WP_Error
	 */
	private function validate( WP_REST_Request $request ): array|WP_Error {
		$label = $request->get_param( 'label' );
		if ( ! is_string( $label ) || '' === trim( $label ) || mb_strlen( $label ) > 100 ) {
			return $this->invalid( 'label', __( 'label is required (at most 100 characters).', 'countersign' ) );
		}
		$role = $request->get_param( 'role' ) ?? 'contributor';
		if ( ! in_array( $role, AgentRepository::ROLES, true ) ) {
			return $this->invalid( 'role', __( 'role must be contributor, author or editor; never administrator.', 'countersign' ) );
		}
		$preset = $request->get_param( 'preset' ) ?? 'draft_only';
		if ( ! is_string( $preset ) || ! $this->presets->exists( $preset ) ) {
			return $this->invalid( 'preset', __( 'Unknown preset.', 'countersign' ) );
		}
		$groups = $request->get_param( 'groups' ) ?? array();
		if ( ! is_array( $groups ) || array_diff( $groups, array_merge( Presets::GROUPS, Presets::COMPAT_GROUPS ) ) ) {
			return $this->invalid( 'groups', __( 'groups must list known capability groups.', 'countersign' ) );
		}
		$autonomy = $request->get_param( 'autonomy' ) ?? 'supervised';
		if ( ! in_array( $autonomy, array( 'supervised', 'autonomous' ), true ) ) {
			return $this->invalid( 'autonomy', __( 'autonomy must be supervised or autonomous.', 'countersign' ) );
		}
		$color = $request->get_param( 'color' );
		if ( null !== $color && ! sanitize_hex_color( (string) $color ) ) {
			return $this->invalid( 'color', __( 'color must be a hex colour like #3858e9.', 'countersign' ) );
		}
		$fields = array(
			'label'                 => sanitize_text_field( $label ),
			'description'           => sanitize_textarea_field( (string) ( $request->get_param( 'description' ) ?? '' ) ),
			'role'                  => $role,
			'preset'                => $preset,
			'groups'                => array_values( array_map( 'strval', $groups ) ),
			'autonomy'              => $autonomy,
			'rate_limit'            => (int) $this->settings->get( 'default_rate_limit' ),
			'daily_proposal_budget' => (int) $this->settings->get( 'default_daily_proposal_budget' ),
		);
		if ( null !== $color ) {
			$fields['color'] = (string) sanitize_hex_color( (string) $color );
		}
		foreach ( array( 'rate_limit', 'daily_proposal_budget' ) as $limit ) {
			$value = $this->int_param( $request, $limit );
			if ( is_wp_error( $value ) ) {
				return $value;
			}
			if ( null !== $value ) {
				$fields[ $limit ] = $value;
			}
		}
		return $fields;
	}
}
