<?php
/**
 * REST: backups and restore.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Backups\BackupStore;
use Countersign\Policy\Capabilities;
use Countersign\Proposals\SiteSettings;
use Countersign\Proposals\Applier;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET /posts/{id}/backups` and `POST /backups/{id}/restore`, for reviewers of that post.
 */
final class BackupsController extends Controller {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents  Agents.
	 * @param BackupStore     $backups Backups.
	 * @param Applier         $applier Applier (restores go through it).
	 */
	public function __construct( AgentRepository $agents, private readonly BackupStore $backups, private readonly Applier $applier ) {
		parent::__construct( $agents );
		$this->rest_base = 'backups';
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/posts/(?P<id>\d+)/backups',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_items' ),
				'permission_callback' => array( $this, 'get_items_permissions_check' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/backups/(?P<id>\d+)/restore',
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'restore' ),
				'permission_callback' => array( $this, 'restore_permissions_check' ),
			)
		);
	}

	/**
	 * Reviewers who may edit the post.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_items_permissions_check( $request ): true|WP_Error {
		return current_user_can( Capabilities::REVIEW_POST, (int) $request['id'] ) ? true : $this->forbidden();
	}

	/**
	 * Reviewers who may edit the backed-up post.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function restore_permissions_check( WP_REST_Request $request ): true|WP_Error {
		$backup = $this->backups->find( (int) $request['id'] );
		if ( null === $backup ) {
			return current_user_can( Capabilities::REVIEW ) ? new WP_Error( 'countersign_not_found', __( 'No such backup.', 'countersign' ), array( 'status' => 404 ) ) : $this->forbidden();
		}
		// A backup of post 0 holds site settings: restored by those who may change them.
		$allowed = 0 === $backup['post_id'] ? current_user_can( Capabilities::REVIEW ) && current_user_can( SiteSettings::CAPABILITY ) : current_user_can( Capabilities::REVIEW_POST, $backup['post_id'] );
		return $allowed ? true : $this->forbidden();
	}

	/**
	 * GET /posts/{id}/backups.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_items( $request ): WP_REST_Response|WP_Error {
		$paging = $this->pagination( $request );
		if ( is_wp_error( $paging ) ) {
			return $paging;
		}
		$result = $this->backups->for_post( (int) $request['id'], $paging[0], $paging[1] );
		return $this->list_response( array_map( array( $this, 'described' ), $result['items'] ), $result['total'], $paging[1] );
	}

	/**
	 * A backup with why it was taken, in words: "Before approving #12 by Claude", "Before a restore by Jane".
	 *
	 * @param array{id: int, post_id: int, proposal_id: int, created_at: string, created_by: int, reason: string} $backup Backup row.
	 * @return array<string, mixed>
	 */
	private function described( array $backup ): array {
		$user = get_userdata( $backup['created_by'] );
		$who  = false === $user ? __( 'someone no longer on the site', 'countersign' ) : $user->display_name;
		if ( 'before_apply' === $backup['reason'] ) {
			$proposal              = get_post( $backup['proposal_id'] );
			$agent                 = null === $proposal ? null : $this->agents->find( (int) $proposal->post_author );
			$backup['description'] = null === $agent
				/* translators: 1: proposal id, 2: the reviewer who approved it. */
				? sprintf( __( 'Before approving #%1$d (approved by %2$s)', 'countersign' ), $backup['proposal_id'], $who )
				/* translators: 1: proposal id, 2: the agent that proposed it, 3: the reviewer who approved it. */
				: sprintf( __( 'Before approving #%1$d by %2$s (approved by %3$s)', 'countersign' ), $backup['proposal_id'], $agent->label, $who );
		} elseif ( 'before_restore' === $backup['reason'] ) {
			/* translators: %s: the reviewer who restored an older backup. */
			$backup['description'] = sprintf( __( 'Before a restore by %s', 'countersign' ), $who );
		} else {
			$backup['description'] = $backup['reason'];
		}
		return $backup;
	}

	/**
	 * POST /backups/{id}/restore.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function restore( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$result = $this->applier->restore( (int) $request['id'], get_current_user_id() );
		return is_wp_error( $result ) ? $result : rest_ensure_response( $result );
	}
}
