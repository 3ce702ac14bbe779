<?php
/**
 * The page a reviewer's email links to: the proposal's diff with Approve and Reject.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Notifications\InboxLinks;
use Countersign\Policy\Capabilities;
use WP_Error;
use WP_REST_Request;

/**
 * `admin.php?page=countersign-decide&proposal=ID&token=…` (logged-in reviewers; wp-admin sends others through the
 * login and back). The GET only shows: the proposal, each field's current and proposed value as a diff, and, while
 * the link is valid and the proposal waits, a form. Approve and Reject are a POST to admin-post.php with the
 * reviewer's nonce; the link is used (atomically, once) and the decision goes through the same REST route the editor
 * and the queue use, as the logged-in reviewer, so the same capability checks, Gate, Applier and audit apply. A used,
 * expired or altered link says so and decides nothing.
 */
final class InboxDecision {

	/** The admin-post action. */
	public const ACTION = 'countersign_decide';

	/**
	 * Constructor.
	 *
	 * @param InboxLinks $links The links.
	 */
	public function __construct( private readonly InboxLinks $links ) {}

	/**
	 * Hooks the page and the form handler.
	 */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_page' ) );
		add_action( 'admin_post_' . self::ACTION, array( $this, 'handle' ) );
	}

	/**
	 * A page without a menu entry.
	 */
	public function add_page(): void {
		add_submenu_page( '', __( 'Decide a proposal', 'countersign' ), '', Capabilities::REVIEW, InboxLinks::PAGE, array( $this, 'render' ) );
	}

	/**
	 * Uses the link and decides, as the logged-in reviewer, through the REST route the editor uses.
	 *
	 * @param int    $proposal_id Proposal.
	 * @param string $token       The link's token.
	 * @param string $action      approve or reject.
	 * @param string $reason      Rejection reason (or approval note).
	 * @param int    $user_id     The logged-in reviewer.
	 * @return array<string, mixed>|WP_Error The decided proposal, or why nothing was decided.
	 */
	public function decide( int $proposal_id, string $token, string $action, string $reason, int $user_id ): array|WP_Error {
		if ( ! in_array( $action, array( 'approve', 'reject' ), true ) ) {
			return new WP_Error( 'countersign_invalid_payload', __( 'Choose Approve or Reject.', 'countersign' ), array( 'status' => 400 ) );
		}
		$status = $this->links->status( $token, $proposal_id, $user_id, time() );
		if ( 'valid' !== $status ) {
			return new WP_Error( 'countersign_invalid_token', self::status_message( $status ), array( 'status' => 403 ) );
		}
		if ( ! $this->links->consume( $token, $proposal_id, $user_id, time() ) ) {
			return new WP_Error( 'countersign_invalid_token', self::status_message( 'used' ), array( 'status' => 403 ) );
		}
		$request = new WP_REST_Request( 'POST', sprintf( '/countersign/v1/proposals/%d/%s', $proposal_id, $action ) );
		$request->set_body_params( 'reject' === $action ? array( 'reason' => $reason ) : array( 'note' => $reason ) );
		$response = rest_do_request( $request );
		if ( $response->is_error() ) {
			// Nothing was decided: the link still works (a missing reason, another reviewer's lock…).
			$this->links->restore( $token, $user_id );
			$error = $response->as_error();
			return $error instanceof WP_Error ? $error : new WP_Error( 'countersign_invalid_state', __( 'The decision failed.', 'countersign' ) );
		}
		return (array) $response->get_data();
	}

	/**
	 * The form's POST to admin-post.php (nonce, logged-in reviewer), then back to the page to say what happened.
	 */
	public function handle(): void {
		$proposal_id = isset( $_POST['proposal'] ) ? absint( $_POST['proposal'] ) : 0;
		check_admin_referer( self::ACTION . '_' . $proposal_id );
		if ( ! current_user_can( Capabilities::REVIEW ) ) {
			wp_die( esc_html__( 'You may not decide proposals.', 'countersign' ), 403 );
		}
		$token  = isset( $_POST['token'] ) ? sanitize_text_field( wp_unslash( $_POST['token'] ) ) : '';
		$action = isset( $_POST['decision'] ) ? sanitize_key( wp_unslash( $_POST['decision'] ) ) : '';
		$reason = isset( $_POST['reason'] ) ? sanitize_textarea_field( wp_unslash( $_POST['reason'] ) ) : '';
		$result = $this->decide( $proposal_id, $token, $action, $reason, get_current_user_id() );
		$args   = array(
			'page'     => InboxLinks::PAGE,
			'proposal' => $proposal_id,
			'token'    => $token,
		);
		if ( is_wp_error( $result ) ) {
			$args['failed'] = $result->get_error_code();
			set_transient( 'countersign_decide_error_' . get_current_user_id(), $result->get_error_message(), MINUTE_IN_SECONDS );
		} else {
			$args['done'] = 'approve' === $action ? ( 'applied' === ( $result['status'] ?? '' ) ? 'applied' : 'approved' ) : 'rejected';
		}
		wp_safe_redirect( add_query_arg( $args, admin_url( 'admin.php' ) ) );
		exit;
	}

	/**
	 * The page (GET): what happened, the proposal and its diff, and the form while the link is valid.
	 */
	public function render(): void {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- a GET that only shows; the POST checks the nonce.
		$proposal_id = isset( $_GET['proposal'] ) ? absint( $_GET['proposal'] ) : 0;
		$token       = isset( $_GET['token'] ) ? sanitize_text_field( wp_unslash( $_GET['token'] ) ) : '';
		$done        = isset( $_GET['done'] ) ? sanitize_key( wp_unslash( $_GET['done'] ) ) : '';
		$failed      = isset( $_GET['failed'] ) ? sanitize_key( wp_unslash( $_GET['failed'] ) ) : '';
		// phpcs:enable
		$user_id = get_current_user_id();
		$status  = $this->links->status( $token, $proposal_id, $user_id, time() );
		echo '<div class="wrap countersign-decide"><h1>' . esc_html__( 'Decide a proposal', 'countersign' ) . '</h1>';
		if ( '' !== $done ) {
			$messages = array(
				'applied'  => __( 'Approved and applied.', 'countersign' ),
				'approved' => __( 'Your approval is recorded; the proposal waits for another reviewer.', 'countersign' ),
				'rejected' => __( 'Rejected. The agent sees your reason.', 'countersign' ),
			);
			printf( '<div class="notice notice-success"><p>%s</p></div>', esc_html( $messages[ $done ] ?? '' ) );
		} elseif ( '' !== $failed ) {
			$message = (string) get_transient( 'countersign_decide_error_' . $user_id );
			delete_transient( 'countersign_decide_error_' . $user_id );
			printf( '<div class="notice notice-error"><p>%s <code>%s</code></p></div>', esc_html( '' !== $message ? $message : __( 'Nothing was decided.', 'countersign' ) ), esc_html( $failed ) );
		}
		if ( 'valid' !== $status ) {
			printf( '<div class="notice notice-warning"><p>%s</p></div>', esc_html( self::status_message( $status ) ) );
		}
		// Read as this reviewer through the same route the queue uses: its permission check decides what is shown.
		$response = rest_do_request( new WP_REST_Request( 'GET', '/countersign/v1/proposals/' . $proposal_id ) );
		if ( 'invalid' === $status || $response->is_error() ) {
			if ( 'invalid' !== $status ) {
				printf( '<div class="notice notice-error"><p>%s</p></div>', esc_html__( 'You may not see this proposal, or it no longer exists.', 'countersign' ) );
			}
			echo '</div>';
			return;
		}
		$proposal = (array) $response->get_data();
		$this->render_proposal( $proposal );
		if ( 'valid' === $status && in_array( $proposal['status'] ?? '', array( 'pending', 'conflict', 'failed' ), true ) ) {
			$this->render_form( $proposal_id, $token );
		} elseif ( 'valid' === $status ) {
			/* translators: %s: status such as applied or rejected. */
			printf( '<p>%s</p>', esc_html( sprintf( __( 'This proposal has already been decided (%s).', 'countersign' ), (string) ( $proposal['status'] ?? '' ) ) ) );
		}
		printf(
			'<p><a href="%s">%s</a></p></div>',
			esc_url( add_query_arg( array( 'page' => 'countersign' ), admin_url( 'admin.php' ) ) ),
			esc_html__( 'Open the review queue', 'countersign' )
		);
	}

	/**
	 * What a link's status means to the reviewer.
	 *
	 * @param string $status valid, used, expired or invalid.
	 */
	public static function status_message( string $status ): string {
		return match ( $status ) {
			'used'    => __( 'This link has already been used: it decides once. Open the review queue to see the proposal.', 'countersign' ),
			'expired' => __( 'This link has expired. Open the review queue to decide the proposal.', 'countersign' ),
			'valid'   => '',
			default   => __( 'This link is not valid for you: it was changed, or it was sent to another reviewer.', 'countersign' ),
		};
	}

	/**
	 * The proposal and its diff, field by field (WordPress's own text diff for text, values for the rest).
	 *
	 * @param array<string, mixed> $proposal GET /proposals/{id}.
	 */
	private function render_proposal( array $proposal ): void {
		printf(
			'<h2>%s</h2><p>%s</p>',
			esc_html( (string) ( $proposal['post_title'] ?? '' ) ),
			esc_html(
				sprintf(
					/* translators: 1: agent, 2: risk level, 3: risk word. */
					__( 'Proposed by %1$s · risk %2$d (%3$s)', 'countersign' ),
					(string) ( $proposal['agent']['label'] ?? '' ),
					(int) ( $proposal['risk'] ?? 0 ),
					(string) ( $proposal['risk_label'] ?? '' )
				)
			)
		);
		if ( '' !== (string) ( $proposal['rationale'] ?? '' ) ) {
			printf( '<blockquote class="countersign-decide__rationale">%s</blockquote>', esc_html( (string) $proposal['rationale'] ) );
		}
		foreach ( (array) ( $proposal['fields'] ?? array() ) as $field => $values ) {
			$before = $values['current'] ?? $values['base'] ?? null;
			$after  = $values['proposed'] ?? null;
			$text   = static fn( mixed $value ): string => is_string( $value ) ? $value : (string) wp_json_encode( $value, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
			$diff   = wp_text_diff(
				$text( $before ),
				$text( $after ),
				array(
					'title_left'  => __( 'Now', 'countersign' ),
					'title_right' => __( 'Proposed', 'countersign' ),
				)
			);
			printf( '<h3>%s</h3>', esc_html( (string) $field ) );
			// wp_text_diff() escapes the texts it compares and returns its own table markup.
			echo '' !== $diff ? wp_kses_post( $diff ) : '<p>' . esc_html__( 'No difference.', 'countersign' ) . '</p>';
		}
	}

	/**
	 * Approve and Reject: a POST with the reviewer's nonce.
	 *
	 * @param int    $proposal_id Proposal.
	 * @param string $token       The link's token.
	 */
	private function render_form( int $proposal_id, string $token ): void {
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="countersign-decide__form">';
		wp_nonce_field( self::ACTION . '_' . $proposal_id );
		printf( '<input type="hidden" name="action" value="%s" />', esc_attr( self::ACTION ) );
		printf( '<input type="hidden" name="proposal" value="%d" />', (int) $proposal_id );
		printf( '<input type="hidden" name="token" value="%s" />', esc_attr( $token ) );
		printf(
			'<p><label for="countersign-decide-reason">%s</label><br /><textarea id="countersign-decide-reason" name="reason" rows="3" cols="60"></textarea></p>',
			esc_html__( 'Reason (required to reject; a note when approving)', 'countersign' )
		);
		printf(
			'<p><button type="submit" name="decision" value="approve" class="button button-primary">%s</button> <button type="submit" name="decision" value="reject" class="button">%s</button></p>',
			esc_html__( 'Approve', 'countersign' ),
			esc_html__( 'Reject', 'countersign' )
		);
		echo '</form>';
	}
}
