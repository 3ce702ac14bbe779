<?php
/**
 * A second reviewer reads and decides through core's post lock.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Policy\Capabilities;
use WP_Post;

/**
 * Core's post lock keeps a second person out of a post someone else is editing ("Jane is currently editing this
 * post", with Go back or Take over). A reviewer who comes to decide a proposal (the queue's, the e-mail's or the
 * notice's link: `post.php?…&countersign=42`) does not need to edit and should not have to take over. For that
 * visit the lock dialog is not shown, and the editor opens to read and decide:
 *
 * - saving and autosaving are locked in the browser, and a notice says who is editing and why saving is off;
 * - the lock stays with the person editing: the screen leaves core's lock refresh out of its Heartbeat, so it
 *   neither takes the lock nor is told it was taken over;
 * - deciding goes through Countersign's own REST routes, which do not depend on the lock (approving applies through
 *   core after a backup, and the editing person's screen learns of it from its own Heartbeat).
 */
final class ReviewThroughLock {

	/**
	 * Who holds the lock, when this screen reads through it.
	 *
	 * @var array{post: int, name: string}|null
	 */
	private ?array $reading = null;

	/**
	 * Hooks the lock dialog and the screen's flag.
	 */
	public function register(): void {
		add_filter( 'show_post_locked_dialog', array( $this, 'dialog' ), 10, 3 );
		add_action( 'admin_footer', array( $this, 'flag' ) );
	}

	/**
	 * `show_post_locked_dialog`: not for a reviewer who came to decide a proposal on this post.
	 *
	 * @param bool    $show    Whether to show the dialog.
	 * @param WP_Post $post    The locked post.
	 * @param int     $user_id Who holds the lock.
	 */
	public function dialog( bool $show, WP_Post $post, int $user_id ): bool {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- which proposal the link is about; nothing is changed here.
		$proposal = isset( $_GET['countersign'] ) ? absint( $_GET['countersign'] ) : 0;
		if ( ! $show || 0 === $proposal || (int) wp_get_post_parent_id( $proposal ) !== $post->ID || ! current_user_can( Capabilities::REVIEW_PROPOSAL, $proposal ) ) {
			return $show;
		}
		$holder        = get_userdata( $user_id );
		$this->reading = array(
			'post' => $post->ID,
			'name' => false === $holder ? '' : $holder->display_name,
		);
		return false;
	}

	/**
	 * `admin_footer`: tells the sidebar it reads through a lock, and whose.
	 */
	public function flag(): void {
		if ( null !== $this->reading && wp_script_is( 'countersign-sidebar' ) ) {
			wp_add_inline_script( 'countersign-sidebar', 'window.countersignReadingThroughLock = ' . wp_json_encode( $this->reading ) . ';', 'before' );
		}
	}
}
