<?php
/**
 * REST: confirmation tokens.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditLog;
use Countersign\Policy\Gate;
use Countersign\Policy\Intents;
use Countersign\Proposals\ChangeSet;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `POST /intents`: an agent announces a high-risk change and gets a single-use token for it.
 */
final class IntentsController extends Controller {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents  Agents.
	 * @param Intents         $intents Tokens.
	 * @param AuditLog        $audit   Audit.
	 * @param Gate            $gate    Whether the agent may read the target.
	 */
	public function __construct( AgentRepository $agents, private readonly Intents $intents, private readonly AuditLog $audit, private readonly Gate $gate ) {
		parent::__construct( $agents );
		$this->rest_base = 'intents';
	}

	/**
	 * Registers the route.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'create_item' ),
				'permission_callback' => array( $this, 'agent_permissions_check' ),
				'args'                => array(
					'post'      => array( 'description' => __( 'Target post id; 0 or absent for a new post (the same as the proposal\'s).', 'countersign' ) ),
					'post_type' => array( 'description' => __( 'Post type of a new post (default post).', 'countersign' ) ),
					'changes'   => array( 'description' => __( 'Exactly the changes the proposal will carry: the token is bound to them.', 'countersign' ) ),
				),
			)
		);
	}

	/**
	 * POST /intents {post, changes}.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function create_item( $request ): WP_REST_Response|WP_Error {
		$agent   = $this->current_agent();
		$post_id = $this->int_param( $request, 'post' );
		if ( is_wp_error( $post_id ) ) {
			return $post_id;
		}
		$target = $post_id ? get_post( $post_id ) : null;
		// As for a proposal: a post the agent may not read answers as one that does not exist.
		if ( $post_id && ( null === $target || ! $this->is_allowed_type( $target->post_type ) || null === $agent || ! $this->gate->may_read( $agent, $target ) ) ) {
			return $this->post_not_found();
		}
		$post_type = $target ? $target->post_type : ( $request->get_param( 'post_type' ) ?? 'post' );
		if ( ! is_string( $post_type ) || ! $this->is_allowed_type( $post_type ) ) {
			return $this->invalid( 'post_type', __( 'Agents may propose changes to public post types with REST support only.', 'countersign' ) );
		}
		$changes = ChangeSet::from_input( $request->get_param( 'changes' ), $post_type );
		if ( is_wp_error( $changes ) || null === $agent ) {
			return is_wp_error( $changes ) ? $changes : new WP_Error( 'countersign_not_agent', __( 'Only agents use this route.', 'countersign' ), array( 'status' => 403 ) );
		}
		$token = $this->intents->issue( $agent, (int) $post_id, $changes );
		$this->audit->append(
			'intent.issued',
			array(
				'object_type' => 'post',
				'object_id'   => (int) $post_id,
				'details'     => array(
					'fields'  => array_keys( $changes->fields() ),
					'changes' => $changes->hash(),
				),
			)
		);
		$response = rest_ensure_response( $token );
		$response->set_status( 201 );
		return $response;
	}
}
