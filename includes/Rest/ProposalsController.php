<?php
/**
 * REST: proposals.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditLog;
use Countersign\Media\StagedMedia;
use Countersign\Policy\Capabilities;
use Countersign\Policy\Gate;
use Countersign\Policy\MarkupRisk;
use Countersign\Policy\RiskPolicy;
use Countersign\Proposals\Applier;
use Countersign\Proposals\ChangeSet;
use Countersign\Proposals\CloneSource;
use Countersign\Proposals\FieldWords;
use Countersign\Proposals\SiteSettings;
use Countersign\Proposals\Decisions;
use Countersign\Proposals\Proposal;
use Countersign\Proposals\ProposalRepository;
use Countersign\Proposals\StateMachine;
use Countersign\Support\Database;
use WP_Error;
use WP_Post;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `/proposals`: agents submit and withdraw; reviewers list, read, approve and reject.
 */
final class ProposalsController extends Controller {

	public const MAX_RATIONALE = 2000;
	public const MAX_SOURCE    = 2048;

	/**
	 * Constructor.
	 *
	 * @param AgentRepository    $agents    Agents.
	 * @param ProposalRepository $proposals Proposals.
	 * @param Gate               $gate      Policy gate.
	 * @param Applier            $applier   Applier.
	 * @param Decisions          $decisions Reject / withdraw.
	 * @param AuditLog           $audit     Audit.
	 * @param StagedMedia        $media     Staged uploads (a proposal claims the ones it adds).
	 * @param Database           $db        Transactions.
	 * @param FieldWords         $words     What changed values are called.
	 */
	public function __construct(
		AgentRepository $agents,
		private readonly ProposalRepository $proposals,
		private readonly Gate $gate,
		private readonly Applier $applier,
		private readonly Decisions $decisions,
		private readonly AuditLog $audit,
		private readonly StagedMedia $media,
		private readonly Database $db,
		private readonly FieldWords $words
	) {
		parent::__construct( $agents );
		$this->rest_base = 'proposals';
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
					'args'                => $this->get_collection_params(),
				),
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => array(
						'post'          => array( 'description' => __( 'Target post id; 0 or absent for a new post.', 'countersign' ) ),
						'post_type'     => array( 'description' => __( 'Post type of a new post (default post).', 'countersign' ) ),
						'changes'       => array( 'description' => __( 'Field => proposed value.', 'countersign' ) ),
						'base'          => array( 'description' => __( 'The version the agent read: {modified_gmt}.', 'countersign' ) ),
						'rationale'     => array( 'description' => __( 'Why, in plain text (at most 2,000 characters).', 'countersign' ) ),
						'source'        => array( 'description' => __( 'Model, tool and run id.', 'countersign' ) ),
						'confirm_token' => array( 'description' => __( 'Token from POST /intents, required from risk 4.', 'countersign' ) ),
						'supersedes'    => array( 'description' => __( 'Id of your own proposal for the same post that this one revises: an open one is withdrawn, a rejected one names this revision.', 'countersign' ) ),
						'clone_from'    => array( 'description' => __( 'Id of a post to copy into a new draft (with post 0): its title, content, excerpt, terms, featured image and registered meta, with `changes` laid over them.', 'countersign' ) ),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/batch',
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'batch' ),
				'permission_callback' => array( $this, 'batch_permissions_check' ),
				'args'                => array(
					'ids'    => array( 'description' => __( 'Proposal ids (at most 100).', 'countersign' ) ),
					'action' => array( 'description' => __( 'approve or reject.', 'countersign' ) ),
					'reason' => array( 'description' => __( 'Reason (reject) or note (approve).', 'countersign' ) ),
				),
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
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<id>\d+)/conflicts',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'conflicts' ),
				'permission_callback' => array( $this, 'review_permissions_check' ),
				'args'                => array(
					'choices' => array( 'description' => __( 'Conflict path => current or proposed: the side that wins there.', 'countersign' ) ),
				),
			)
		);
		foreach ( array( 'approve', 'reject', 'withdraw' ) as $action ) {
			register_rest_route(
				$this->namespace,
				'/' . $this->rest_base . '/(?P<id>\d+)/' . $action,
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( $this, $action ),
					'permission_callback' => array( $this, 'withdraw' === $action ? 'agent_permissions_check' : 'review_permissions_check' ),
				)
			);
		}
	}

	/**
	 * Agents see their own proposals; reviewers those whose targets they may edit.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_items_permissions_check( $request ): true|WP_Error {
		return null !== $this->current_agent() ? true : $this->require_cap( Capabilities::REVIEW );
	}

	/**
	 * Only agents create proposals.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function create_item_permissions_check( $request ): true|WP_Error {
		return $this->agent_permissions_check();
	}

	/**
	 * Its agent, or a reviewer who may decide it.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_item_permissions_check( $request ): true|WP_Error {
		$proposal = $this->proposals->find( (int) $request['id'] );
		if ( null === $proposal ) {
			// Only agents and reviewers learn that an id is free; anyone else gets the refusal an existing one gets.
			return null !== $this->current_agent() || current_user_can( Capabilities::REVIEW ) ? new WP_Error( 'countersign_not_found', __( 'No such proposal.', 'countersign' ), array( 'status' => 404 ) ) : $this->forbidden();
		}
		$agent = $this->current_agent();
		if ( null !== $agent ) {
			return $agent->id === $proposal->agent_id ? true : new WP_Error( 'rest_forbidden', __( 'Agents see only their own proposals.', 'countersign' ), array( 'status' => 403 ) );
		}
		return current_user_can( Capabilities::REVIEW_PROPOSAL, $proposal->id ) ? true : $this->forbidden();
	}

	/**
	 * Reviewers who may decide this proposal. Agents never: the write-strip removes countersign_review.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function review_permissions_check( WP_REST_Request $request ): true|WP_Error {
		$proposal = $this->proposals->find( (int) $request['id'] );
		if ( null === $proposal ) {
			return current_user_can( Capabilities::REVIEW ) ? new WP_Error( 'countersign_not_found', __( 'No such proposal.', 'countersign' ), array( 'status' => 404 ) ) : $this->require_cap( Capabilities::REVIEW );
		}
		return current_user_can( Capabilities::REVIEW_PROPOSAL, $proposal->id ) ? true : $this->forbidden();
	}

	/**
	 * Reviewers only; each item is checked again on its own.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function batch_permissions_check( WP_REST_Request $request ): true|WP_Error {
		return $this->require_cap( Capabilities::REVIEW );
	}

	/**
	 * POST /proposals/batch: approve or reject many; each item succeeds or fails on its own (its own lock,
	 * transaction and checks), and the answer lists every item's result.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function batch( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$ids    = $request->get_param( 'ids' );
		$action = $request->get_param( 'action' );
		$reason = $request->get_param( 'reason' ) ?? '';
		if ( ! is_array( $ids ) || array() === $ids || count( $ids ) > 100 || array_filter( $ids, fn( $id ) => ! is_int( $id ) || $id < 1 ) ) {
			return $this->invalid( 'ids', __( 'ids must be a list of 1 to 100 proposal ids.', 'countersign' ) );
		}
		if ( ! in_array( $action, array( 'approve', 'reject' ), true ) ) {
			return $this->invalid( 'action', __( 'action must be approve or reject.', 'countersign' ) );
		}
		if ( 'reject' === $action ) {
			$reason = $this->rejection_reason( $reason );
		} elseif ( is_string( $reason ) ) {
			$reason = sanitize_textarea_field( $reason );
		} else {
			$reason = $this->invalid( 'reason', __( 'reason must be a string.', 'countersign' ) );
		}
		if ( is_wp_error( $reason ) ) {
			return $reason;
		}
		$results = array();
		foreach ( array_values( array_unique( $ids ) ) as $id ) {
			$result    = 'approve' === $action
				? $this->applier->approve( $id, get_current_user_id(), array(), $reason )
				: $this->decisions->reject( $id, get_current_user_id(), $reason );
			$results[] = is_wp_error( $result )
				? array(
					'id'      => $id,
					'ok'      => false,
					'code'    => $result->get_error_code(),
					'message' => $result->get_error_message(),
					'status'  => (int) ( $result->get_error_data()['status'] ?? 400 ),
				)
				: array(
					'id'       => $id,
					'ok'       => true,
					'proposal' => $this->prepare_item_for_response( $result, $request )->get_data(),
				);
		}
		return rest_ensure_response( $results );
	}

	/**
	 * GET /proposals.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_items( $request ): WP_REST_Response|WP_Error {
		$paging = $this->pagination( $request );
		if ( is_wp_error( $paging ) ) {
			return $paging;
		}
		list( $page, $per_page ) = $paging;
		$filters                 = array();
		$status                  = $request->get_param( 'status' );
		if ( null !== $status && '' !== $status ) {
			$states = array();
			foreach ( is_array( $status ) ? $status : explode( ',', (string) $status ) as $name ) {
				$state = 'cs_' . trim( (string) $name );
				if ( ! in_array( $state, StateMachine::STATES, true ) ) {
					return $this->invalid( 'status', __( 'Unknown status.', 'countersign' ) );
				}
				$states[] = $state;
			}
			$filters['status'] = $states;
		}
		foreach ( array( 'agent', 'post', 'risk' ) as $name ) {
			$value = $this->int_param( $request, $name );
			if ( is_wp_error( $value ) ) {
				return $value;
			}
			if ( null !== $value ) {
				$filters[ $name ] = $value;
			}
		}
		$post_type = $request->get_param( 'post_type' );
		if ( null !== $post_type && '' !== $post_type ) {
			if ( ! is_string( $post_type ) || ! $this->is_allowed_type( $post_type ) ) {
				return $this->invalid( 'post_type', __( 'Unknown or unsupported post type.', 'countersign' ) );
			}
			$filters['post_type'] = $post_type;
		}
		foreach ( array( 'after', 'before' ) as $name ) {
			$value = $request->get_param( $name );
			if ( null === $value || '' === $value ) {
				continue;
			}
			$time = is_string( $value ) ? strtotime( $value ) : false;
			if ( false === $time ) {
				return $this->invalid( $name, __( 'Expected a date (ISO 8601).', 'countersign' ) );
			}
			$filters[ $name ] = gmdate( 'Y-m-d H:i:s', $time );
		}
		$search = $request->get_param( 'search' );
		if ( is_string( $search ) && '' !== $search ) {
			$filters['search'] = sanitize_text_field( $search );
		}
		$orderby = $request->get_param( 'orderby' ) ?? 'date';
		if ( ! in_array( $orderby, array( 'date', 'risk' ), true ) ) {
			return $this->invalid( 'orderby', __( 'orderby must be date or risk.', 'countersign' ) );
		}
		$filters['orderby'] = (string) $orderby;
		$order              = $request->get_param( 'order' ) ?? 'desc';
		if ( ! in_array( $order, array( 'asc', 'desc' ), true ) ) {
			return $this->invalid( 'order', __( 'order must be asc or desc.', 'countersign' ) );
		}
		$filters['order'] = (string) $order;

		$agent = $this->current_agent();
		if ( null !== $agent ) {
			$filters['agent'] = $agent->id;
		}
		$result = $this->proposals->query( $filters, $page, $per_page, null === $agent ? get_current_user_id() : null );
		$this->media->prime( array_map( fn( Proposal $proposal ): int => $proposal->id, $result['items'] ) );
		$items = array();
		foreach ( $result['items'] as $proposal ) {
			$items[] = $this->prepare_response_for_collection( $this->prepare_item_for_response( $proposal, $request ) );
		}
		return $this->list_response( $items, $result['total'], $per_page );
	}

	/**
	 * GET /proposals/{id}: the proposal plus, for each changed field, its base, current and proposed value.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_item( $request ): WP_REST_Response|WP_Error {
		$proposal = $this->proposals->find( (int) $request['id'] );
		if ( null === $proposal ) {
			return new WP_Error( 'countersign_not_found', __( 'No such proposal.', 'countersign' ), array( 'status' => 404 ) );
		}
		$response = $this->prepare_item_for_response( $proposal, $request );
		$data     = $response->get_data();
		$target   = $this->visible_target( $proposal );
		$base     = $this->proposals->base_values( $proposal->id );
		$fields   = array();
		foreach ( $proposal->changes->fields() as $field => $value ) {
			$fields[ $field ] = array(
				'base'     => $base[ $field ] ?? null,
				'current'  => $target instanceof WP_Post ? ChangeSet::value_of( $field, $target, $value ) : ( SiteSettings::FIELD === $field ? SiteSettings::current( (array) $value ) : null ),
				'proposed' => $value,
			);
		}
		$data['fields'] = $fields;
		$data['words']  = $this->words->describe( $fields, $proposal->post_type );
		$response->set_data( $data );
		return $response;
	}

	/**
	 * POST /proposals.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 * @throws \Throwable Whatever storing the proposal threw, after its budget reservation was given back.
	 */
	public function create_item( $request ): WP_REST_Response|WP_Error {
		$agent = $this->current_agent();
		if ( null === $agent ) {
			return new WP_Error( 'countersign_not_agent', __( 'Only agents use this route.', 'countersign' ), array( 'status' => 403 ) );
		}
		$input = $this->validate_submission( $request, $agent );
		if ( is_wp_error( $input ) ) {
			return $this->refused( $input, (int) $request->get_param( 'post' ) );
		}
		list( $target, $post_type, $changes, $rationale, $source, $clone_of ) = $input;

		$supersedes = $this->int_param( $request, 'supersedes' );
		if ( is_wp_error( $supersedes ) ) {
			return $this->refused( $supersedes, $target ? $target->ID : 0 );
		}
		$decision = $this->gate->authorize_proposal( $agent, $changes, $target, $post_type, is_string( $request['confirm_token'] ) ? $request['confirm_token'] : null );
		if ( is_wp_error( $decision ) ) {
			return $this->refused( $decision, $target ? $target->ID : 0 );
		}
		// After the Gate, so an agent that may not add media hears that, not that its reference is unknown.
		$staged = $this->media->check_refs( $agent, $changes->upload_refs() );
		if ( is_wp_error( $staged ) ) {
			$this->gate->release( $agent, $decision['reserved_at'] );
			return $this->refused( $staged, $target ? $target->ID : 0 );
		}

		$refs   = $changes->upload_refs();
		$create = fn(): Proposal => array() === $refs
			? $this->proposals->create( $agent, $target, $post_type, $decision['changes'], $decision['risk'], $rationale, $source, $clone_of )
			// The proposal and its claim on the uploads are one transaction: a file taken meanwhile leaves no proposal.
			: $this->db->transaction(
				function () use ( $agent, $target, $post_type, $decision, $rationale, $source, $refs, $clone_of ): Proposal {
					$proposal = $this->proposals->create( $agent, $target, $post_type, $decision['changes'], $decision['risk'], $rationale, $source, $clone_of );
					$this->media->claim( $refs, $agent->id, $proposal->id );
					return $proposal;
				}
			);
		try {
			$proposal = null === $supersedes ? $create() : $this->decisions->supersede( $supersedes, $agent->id, $target ? $target->ID : 0, $create );
		} catch ( \Throwable $failure ) {
			$this->gate->release( $agent, $decision['reserved_at'] );
			throw $failure;
		}
		if ( is_wp_error( $proposal ) ) {
			$this->gate->release( $agent, $decision['reserved_at'] );
			return $this->refused( $proposal, $target ? $target->ID : 0 );
		}
		$this->audit->append(
			'proposal.submitted',
			array(
				'object_type' => $post_type,
				'object_id'   => $proposal->post,
				'proposal_id' => $proposal->id,
				'details'     => array(
					'fields'    => array_keys( $changes->fields() ),
					'clone_of'  => $clone_of?->ID,
					'risk'      => $proposal->risk,
					'rationale' => mb_substr( $rationale, 0, 200 ),
					'source'    => $source,
				),
			)
		);
		/**
		 * Fires after an agent's proposal is stored, before any auto-apply.
		 *
		 * @param Proposal $proposal The proposal.
		 */
		do_action( 'countersign_proposal_submitted', $proposal );
		if ( ! $decision['needs_approval'] ) {
			$applied  = $this->applier->approve( $proposal->id, $agent->id, array(), '', true );
			$proposal = $applied instanceof Proposal ? $applied : ( $this->proposals->find( $proposal->id ) ?? $proposal );
		}
		$response = $this->prepare_item_for_response( $proposal, $request );
		$response->set_status( 201 );
		$response->header( 'Location', rest_url( sprintf( '%s/%s/%d', $this->namespace, $this->rest_base, $proposal->id ) ) );
		return $response;
	}

	/**
	 * POST /proposals/{id}/approve.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function approve( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$edits = array();
		$raw   = $request->get_param( 'edits' );
		if ( null !== $raw && array() !== $raw ) {
			$proposal  = $this->proposals->find( (int) $request['id'] );
			$validated = ChangeSet::from_input( $raw, $proposal ? $proposal->post_type : 'post', 'edits' );
			if ( is_wp_error( $validated ) ) {
				return $validated;
			}
			// A reviewer may reword an upload's title, alt text or caption, never swap the file for another.
			if ( $proposal && isset( $validated->fields()['media'] ) && $validated->upload_refs() !== $proposal->changes->upload_refs() ) {
				return $this->invalid( 'edits.media', __( 'Edits may change the uploads\' texts, not which files they are.', 'countersign' ) );
			}
			$edits = $validated->fields();
		}
		$note = $request->get_param( 'note' );
		if ( null !== $note && ! is_string( $note ) ) {
			return $this->invalid( 'note', __( 'note must be a string.', 'countersign' ) );
		}
		$result = $this->applier->approve( (int) $request['id'], get_current_user_id(), $edits, sanitize_textarea_field( (string) $note ) );
		return is_wp_error( $result ) ? $result : $this->prepare_item_for_response( $result, $request );
	}

	/**
	 * POST /proposals/{id}/reject.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function reject( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$reason = $this->rejection_reason( $request->get_param( 'reason' ) );
		if ( is_wp_error( $reason ) ) {
			return $reason;
		}
		$result = $this->decisions->reject( (int) $request['id'], get_current_user_id(), $reason );
		return is_wp_error( $result ) ? $result : $this->prepare_item_for_response( $result, $request );
	}

	/**
	 * A rejection's reason: required, because the agent learns from it and the audit log keeps it.
	 *
	 * @param mixed $reason As sent.
	 * @return string|WP_Error The sanitised reason, or 400 naming the field.
	 */
	private function rejection_reason( mixed $reason ): string|WP_Error {
		$reason = is_string( $reason ) ? trim( sanitize_textarea_field( $reason ) ) : '';
		return '' === $reason ? $this->invalid( 'reason', __( 'A rejection needs a reason: the agent receives it and the audit log keeps it.', 'countersign' ) ) : $reason;
	}

	/**
	 * GET /proposals/{id}/conflicts: the blocks in conflict, and the merged content once each has a side.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function conflicts( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$choices = $request->get_param( 'choices' ) ?? array();
		if ( ! is_array( $choices ) ) {
			return $this->invalid( 'choices', __( 'choices maps a conflict path to current or proposed.', 'countersign' ) );
		}
		$chosen = array();
		foreach ( $choices as $path => $side ) {
			if ( ! preg_match( '#^\d+(/\d+)*$#', (string) $path ) || ! in_array( $side, array( 'current', 'proposed' ), true ) ) {
				return $this->invalid( 'choices', __( 'choices maps a conflict path to current or proposed.', 'countersign' ) );
			}
			$chosen[ (string) $path ] = $side;
		}
		$proposal = $this->proposals->find( (int) $request['id'] );
		if ( null === $proposal ) {
			return new WP_Error( 'countersign_not_found', __( 'No such proposal.', 'countersign' ), array( 'status' => 404 ) );
		}
		$result = $this->applier->content_conflicts( $proposal, $chosen );
		foreach ( array_keys( $chosen ) as $path ) {
			if ( ! in_array( (string) $path, array_column( $result['blocks'], 'path' ), true ) ) {
				return $this->invalid( 'choices', sprintf( /* translators: %s: block path. */ __( 'No block in conflict at %s.', 'countersign' ), (string) $path ) );
			}
		}
		return rest_ensure_response( $result );
	}

	/**
	 * POST /proposals/{id}/withdraw.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function withdraw( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$result = $this->decisions->withdraw( (int) $request['id'], get_current_user_id() );
		return is_wp_error( $result ) ? $result : $this->prepare_item_for_response( $result, $request );
	}

	/**
	 * A proposal as the API shows it.
	 *
	 * @param Proposal        $item    Proposal.
	 * @param WP_REST_Request $request Request.
	 */
	public function prepare_item_for_response( $item, $request ): WP_REST_Response {
		$agent    = $this->agents->find( $item->agent_id );
		$target   = $this->visible_target( $item );
		$decision = $item->decision;
		if ( null !== $decision ) {
			$user                  = get_userdata( (int) ( $decision['user'] ?? 0 ) );
			$decision['user_name'] = $user ? $user->display_name : '';
			unset( $decision['final'] );
		}
		$data = array(
			'id'           => $item->id,
			'agent'        => array(
				'id'     => $item->agent_id,
				'label'  => $agent ? $agent->label : __( 'Deleted agent', 'countersign' ),
				'color'  => $agent ? $agent->color : '#757575',
				// Where decisions happen, a paused or revoked agent is said before Approve is clicked, not after.
				'status' => $agent ? $agent->status : Agent::STATUS_REVOKED,
			),
			'post'         => $item->post,
			'post_type'    => $item->post_type,
			'post_title'   => $target instanceof WP_Post ? get_the_title( $target ) : ( SiteSettings::in( $item->changes ) ? __( 'Site settings', 'countersign' ) : wp_strip_all_tags( (string) ( $item->changes->fields()['title'] ?? '' ) ) ),
			'edit_link'    => $target instanceof WP_Post ? (string) get_edit_post_link( $target->ID, 'raw' ) : '',
			'status'       => StateMachine::public_name( $item->state ),
			'risk'         => $item->risk,
			'risk_label'   => RiskPolicy::LABELS[ $item->risk ] ?? '',
			// Why a proposal is level 5: its markup is kept as sent, so what kses would remove is found again here.
			'risk_reasons' => 5 === $item->risk ? MarkupRisk::findings( $item->changes ) : array(),
			'changes'      => (object) $item->changes->fields(),
			'rationale'    => $item->rationale,
			'source'       => (object) $item->source,
			'created'      => $item->created,
			'modified'     => $item->modified,
			'base'         => $item->base,
			'clone_from'   => $this->clone_of( $item ),
			'decision'     => $decision,
			'backup_id'    => $item->backup_id,
			// Files this proposal adds, while they wait: name, type, size, dimensions and the reviewers' preview URL.
			'uploads'      => $this->media->for_proposal( $item->id ),
			'approvals'    => array_map(
				function ( array $approval ): array {
					$user = get_userdata( (int) $approval['user'] );
					return array(
						'user'      => (int) $approval['user'],
						'user_name' => $user ? $user->display_name : '',
						'time'      => (string) $approval['time'],
					);
				},
				$this->proposals->approvals( $item->id )
			),
		);
		$context  = ! empty( $request['context'] ) ? (string) $request['context'] : 'view';
		$response = rest_ensure_response( $this->filter_response_by_context( $data, $context ) );
		$response->add_links(
			array(
				'self'       => array( 'href' => rest_url( sprintf( '%s/%s/%d', $this->namespace, $this->rest_base, $item->id ) ) ),
				'collection' => array( 'href' => rest_url( sprintf( '%s/%s', $this->namespace, $this->rest_base ) ) ),
			)
		);
		return $response;
	}

	/**
	 * The proposal's target post as the caller may see it now: an agent that can no longer read the post (made
	 * private, handed to another author) gets null, so nothing of what the post has become is shown to it; the
	 * agent's own proposed values are still its own.
	 *
	 * @param Proposal $proposal Proposal.
	 */
	private function visible_target( Proposal $proposal ): ?WP_Post {
		$target = $proposal->post > 0 ? get_post( $proposal->post ) : null;
		if ( ! $target instanceof WP_Post ) {
			return null;
		}
		$agent = $this->current_agent();
		return null === $agent || $this->gate->may_read( $agent, $target ) ? $target : null;
	}

	/**
	 * The post a proposal was cloned from, as the caller may see it: `{id, title, edit_link}`, only the id for an
	 * agent that can no longer read it, null for a proposal that is no clone.
	 *
	 * @param Proposal $proposal Proposal.
	 * @return array{id: int, title: string, edit_link: string}|null
	 */
	private function clone_of( Proposal $proposal ): ?array {
		$id = (int) ( $proposal->base['clone_from'] ?? 0 );
		if ( $id <= 0 ) {
			return null;
		}
		$source = get_post( $id );
		$agent  = $this->current_agent();
		$shown  = $source instanceof WP_Post && ( null === $agent || $this->gate->may_read( $agent, $source ) );
		return array(
			'id'        => $id,
			'title'     => $shown ? get_the_title( $source ) : '',
			'edit_link' => $shown ? (string) get_edit_post_link( $source->ID, 'raw' ) : '',
		);
	}

	/**
	 * Validates a submission.
	 *
	 * @param WP_REST_Request $request Request.
	 * @param Agent           $agent   The agent submitting.
	 * @return array{0: WP_Post|null, 1: string, 2: ChangeSet, 3: string, 4: array<string, mixed>, 5: WP_Post|null}|WP_Error
	 */
	private function validate_submission( WP_REST_Request $request, Agent $agent ): array|WP_Error {
		$post_id = $request->get_param( 'post' ) ?? 0;
		if ( ! ( is_int( $post_id ) && $post_id >= 0 ) && ! ( is_string( $post_id ) && ctype_digit( $post_id ) ) ) {
			return $this->invalid( 'post', __( 'post must be a post id, or 0 for a new post.', 'countersign' ) );
		}
		$target = null;
		if ( (int) $post_id > 0 ) {
			$target = get_post( (int) $post_id );
			// A post the agent may not read answers as one that does not exist, before anything else is compared.
			if ( ! $target instanceof WP_Post || ! $this->is_allowed_type( $target->post_type ) || ! $this->gate->may_read( $agent, $target ) ) {
				return $this->post_not_found();
			}
		}
		$post_type = $target ? $target->post_type : ( $request->get_param( 'post_type' ) ?? 'post' );
		if ( ! is_string( $post_type ) || ! $this->is_allowed_type( $post_type ) ) {
			return $this->invalid( $target ? 'post' : 'post_type', __( 'Agents may propose changes to public post types with REST support only.', 'countersign' ) );
		}
		if ( $target && null !== $request->get_param( 'post_type' ) && $request->get_param( 'post_type' ) !== $target->post_type ) {
			return $this->invalid( 'post_type', __( 'post_type does not match the target post.', 'countersign' ) );
		}
		$clone_of = $this->clone_source( $request, $agent, $target );
		if ( is_wp_error( $clone_of ) ) {
			return $clone_of;
		}
		if ( $clone_of ) {
			if ( null !== $request->get_param( 'post_type' ) && $request->get_param( 'post_type' ) !== $clone_of->post_type ) {
				return $this->invalid( 'post_type', __( 'post_type does not match the post to clone.', 'countersign' ) );
			}
			$post_type = $clone_of->post_type;
		}
		$raw     = $clone_of ? CloneSource::merged( $clone_of, $request->get_param( 'changes' ) ) : $request->get_param( 'changes' );
		$changes = ChangeSet::from_input( $raw, $post_type );
		if ( is_wp_error( $changes ) ) {
			return $changes;
		}
		if ( ( $target || $clone_of ) && SiteSettings::in( $changes ) ) {
			return $this->invalid( 'post', __( 'Site settings are proposed with post 0: they change the site, not a post.', 'countersign' ) );
		}
		if ( null === $target && $changes->library_only() ) {
			// Nothing but the media library: the proposal is about attachments, whatever post_type said.
			$post_type = 'attachment';
		}
		foreach ( array( 'rationale', 'source', 'confirm_token', 'base' ) as $name ) {
			$bad_utf8 = ChangeSet::invalid_utf8( $request->get_param( $name ), $name );
			if ( null !== $bad_utf8 ) {
				return $this->invalid( $bad_utf8, __( 'Text must be valid UTF-8.', 'countersign' ) );
			}
		}
		$rationale = $request->get_param( 'rationale' );
		if ( ! is_string( $rationale ) || '' === trim( $rationale ) ) {
			return $this->invalid( 'rationale', __( 'rationale is required: say why, in plain text.', 'countersign' ) );
		}
		if ( mb_strlen( $rationale ) > self::MAX_RATIONALE ) {
			return $this->invalid( 'rationale', __( 'rationale is longer than 2,000 characters.', 'countersign' ) );
		}
		$source = $request->get_param( 'source' ) ?? array();
		if ( ! is_array( $source ) || ( array() !== $source && array_is_list( $source ) ) || strlen( (string) wp_json_encode( $source ) ) > self::MAX_SOURCE ) {
			return $this->invalid( 'source', __( 'source must be an object of at most 2 KB (model, tool, run id).', 'countersign' ) );
		}
		$base = $request->get_param( 'base' );
		if ( null !== $base ) {
			if ( ! is_array( $base ) ) {
				return $this->invalid( 'base', __( 'base must be an object.', 'countersign' ) );
			}
			$seen = $base['modified_gmt'] ?? '';
			// A date out of range still names a version (PHP writes a never-saved draft's zero date as -0001-11-30):
			// it conflicts below. Anything that is no date at all is malformed.
			if ( ! is_string( $seen ) || ( '' !== $seen && null === ChangeSet::parse_date( $seen ) && ! preg_match( '/^-?\d{4}-\d{2}-\d{2}/', $seen ) ) ) {
				return $this->invalid( 'base.modified_gmt', __( 'base.modified_gmt must be the modified_gmt of the version you read (ISO 8601).', 'countersign' ) );
			}
			// The agent read an older version than the current one: its proposal would overwrite newer words.
			if ( $target && '' !== $seen && ChangeSet::parse_date( $seen ) !== ChangeSet::parse_date( ProposalRepository::modified_gmt( $target ) ) ) {
				return new WP_Error(
					'countersign_conflict',
					__( 'The post changed after the version you read; read it again and propose against the new version.', 'countersign' ),
					array(
						'status' => 409,
						'field'  => 'base.modified_gmt',
					)
				);
			}
		}
		return array( $target, $post_type, $changes, sanitize_textarea_field( $rationale ), map_deep( $source, fn( $v ) => is_string( $v ) ? sanitize_text_field( $v ) : ( is_scalar( $v ) ? $v : null ) ), $clone_of );
	}

	/**
	 * The post a submission clones (`clone_from`), or null when it clones nothing. A clone is a new post (`post` 0);
	 * a source the agent may not read answers as one that does not exist.
	 *
	 * @param WP_REST_Request $request Request.
	 * @param Agent           $agent   Agent.
	 * @param WP_Post|null    $target  The submission's target.
	 */
	private function clone_source( WP_REST_Request $request, Agent $agent, ?WP_Post $target ): WP_Post|WP_Error|null {
		$id = $request->get_param( 'clone_from' );
		if ( null === $id ) {
			return null;
		}
		if ( ! ( is_int( $id ) && $id > 0 ) && ! ( is_string( $id ) && ctype_digit( $id ) && (int) $id > 0 ) ) {
			return $this->invalid( 'clone_from', __( 'clone_from must be the id of the post to copy.', 'countersign' ) );
		}
		if ( null !== $target ) {
			return $this->invalid( 'clone_from', __( 'A clone is a new post: send post 0 with clone_from.', 'countersign' ) );
		}
		$source = get_post( (int) $id );
		if ( ! $source instanceof WP_Post || ! $this->is_allowed_type( $source->post_type ) || ! $this->gate->may_read( $agent, $source ) || ( '' !== $source->post_password && true !== $this->gate->check_read( $agent, $source ) ) ) {
			return new WP_Error(
				'countersign_not_found',
				__( 'No such post to clone.', 'countersign' ),
				array(
					'status' => 404,
					'field'  => 'clone_from',
				)
			);
		}
		return $source;
	}

	/**
	 * Audits a refused submission and passes the error on.
	 *
	 * @param WP_Error $error   Error.
	 * @param int      $post_id Target.
	 */
	private function refused( WP_Error $error, int $post_id ): WP_Error {
		$data = (array) $error->get_error_data();
		$this->audit->append(
			'proposal.refused',
			array(
				'object_type' => 'post',
				'object_id'   => $post_id,
				'outcome'     => 'refused',
				'details'     => array(
					'code'  => $error->get_error_code(),
					'field' => $data['field'] ?? null,
					'rule'  => $data['rule'] ?? null,
				),
			)
		);
		return $error;
	}

	/**
	 * Collection parameters.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function get_collection_params(): array {
		return array(
			'status'    => array( 'description' => __( 'Comma-separated states: pending, applied, rejected, withdrawn, conflict, failed, expired, reverted.', 'countersign' ) ),
			'agent'     => array( 'description' => __( 'Agent user id.', 'countersign' ) ),
			'post'      => array( 'description' => __( 'Target post id.', 'countersign' ) ),
			'risk'      => array( 'description' => __( 'Risk level.', 'countersign' ) ),
			'search'    => array( 'description' => __( 'Search proposed title and content.', 'countersign' ) ),
			'post_type' => array( 'description' => __( 'Post type of the target (or of the new post).', 'countersign' ) ),
			'after'     => array( 'description' => __( 'Proposed after this date (ISO 8601, UTC unless an offset is given).', 'countersign' ) ),
			'before'    => array( 'description' => __( 'Proposed before this date (ISO 8601).', 'countersign' ) ),
			'page'      => array( 'description' => __( 'Page, from 1.', 'countersign' ) ),
			'per_page'  => array( 'description' => __( 'Items per page, at most 100.', 'countersign' ) ),
			'orderby'   => array( 'description' => __( 'date (default) or risk.', 'countersign' ) ),
			'order'     => array( 'description' => __( 'desc (default: newest or riskiest first) or asc.', 'countersign' ) ),
		);
	}

	/**
	 * The proposal schema.
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema(): array {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'countersign-proposal',
			'type'       => 'object',
			'properties' => array(
				'id'           => array(
					'type'     => 'integer',
					'readonly' => true,
					'context'  => array( 'view', 'edit' ),
				),
				'agent'        => array(
					'type'       => 'object',
					'context'    => array( 'view', 'edit' ),
					'properties' => array(
						'id'     => array( 'type' => 'integer' ),
						'label'  => array( 'type' => 'string' ),
						'color'  => array( 'type' => 'string' ),
						'status' => array(
							'type' => 'string',
							'enum' => array( Agent::STATUS_ACTIVE, Agent::STATUS_PAUSED, Agent::STATUS_REVOKED ),
						),
					),
				),
				'post'         => array(
					'type'    => 'integer',
					'context' => array( 'view', 'edit' ),
				),
				'post_type'    => array(
					'type'    => 'string',
					'context' => array( 'view', 'edit' ),
				),
				'post_title'   => array(
					'type'    => 'string',
					'context' => array( 'view', 'edit' ),
				),
				'edit_link'    => array(
					'type'    => 'string',
					'context' => array( 'view', 'edit' ),
				),
				'status'       => array(
					'type'    => 'string',
					'enum'    => array_map( array( StateMachine::class, 'public_name' ), StateMachine::STATES ),
					'context' => array( 'view', 'edit' ),
				),
				'risk'         => array(
					'type'    => 'integer',
					'minimum' => 1,
					'maximum' => 5,
					'context' => array( 'view', 'edit' ),
				),
				'risk_label'   => array(
					'type'    => 'string',
					'context' => array( 'view', 'edit' ),
				),
				'words'        => array(
					'description' => __( 'Detail only: what the changed values are called (user names and avatars, image titles and thumbnails, term names under taxonomy labels, status labels, dates in the site format, meta labels), keyed by the value.', 'countersign' ),
					'type'        => 'object',
					'context'     => array( 'view', 'edit' ),
					'readonly'    => true,
				),
				'risk_reasons' => array(
					'description' => __( 'At level 5, what kses would remove and where: field, kind, element, attribute and a sentence.', 'countersign' ),
					'type'        => 'array',
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'field'     => array( 'type' => 'string' ),
							'kind'      => array(
								'type' => 'string',
								'enum' => array( 'element', 'attribute', 'url', 'style', 'block' ),
							),
							'element'   => array( 'type' => 'string' ),
							'attribute' => array( 'type' => 'string' ),
							'message'   => array( 'type' => 'string' ),
						),
					),
					'context'     => array( 'view', 'edit' ),
				),
				'changes'      => array(
					'type'    => 'object',
					'context' => array( 'view', 'edit' ),
				),
				'rationale'    => array(
					'type'    => 'string',
					'context' => array( 'view', 'edit' ),
				),
				'source'       => array(
					'type'    => 'object',
					'context' => array( 'view', 'edit' ),
				),
				'created'      => array(
					'type'    => 'string',
					'format'  => 'date-time',
					'context' => array( 'view', 'edit' ),
				),
				'modified'     => array(
					'type'    => 'string',
					'format'  => 'date-time',
					'context' => array( 'view', 'edit' ),
				),
				'base'         => array(
					'type'    => 'object',
					'context' => array( 'view', 'edit' ),
				),
				'clone_from'   => array(
					'type'        => array( 'object', 'null' ),
					'description' => __( 'For a clone, the post it copies: id, title and edit link (only the id for an agent that may no longer read it).', 'countersign' ),
					'context'     => array( 'view', 'edit' ),
				),
				'decision'     => array(
					'type'    => array( 'object', 'null' ),
					'context' => array( 'view', 'edit' ),
				),
				'backup_id'    => array(
					'type'    => array( 'integer', 'null' ),
					'context' => array( 'view', 'edit' ),
				),
				'uploads'      => array(
					'description' => __( 'Staged files this proposal adds, until it is decided.', 'countersign' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'object' ),
					'context'     => array( 'view', 'edit' ),
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
