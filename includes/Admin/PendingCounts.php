<?php
/**
 * What waits for a reviewer, counted where WordPress shows counts.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Policy\Capabilities;
use Countersign\Policy\RiskPolicy;
use Countersign\Proposals\ProposalPostType;
use Countersign\Proposals\ProposalRepository;
use Countersign\Proposals\StateMachine;
use WP_Admin_Bar;
use WP_Post;

/**
 * Proposals that need a reviewer (pending, conflicts, failed applies: the queue's default view) counted for the
 * current user, and shown as WordPress shows comments awaiting moderation: a bubble on the Countersign menu, a node
 * in the admin bar, a state label on each post in the Posts and Pages lists, and a dashboard widget by risk level.
 *
 * The counts are read from the database on each page (one grouped COUNT on indexed columns), never from the object
 * cache: another server's decision must show at once.
 */
final class PendingCounts {

	/**
	 * Per request: the current user's counts by risk, once computed.
	 *
	 * @var array<int, int>|null
	 */
	private ?array $by_risk = null;

	/**
	 * Per request: waiting proposals by target post, for the list being shown.
	 *
	 * @var array<int, int>|null
	 */
	private ?array $by_post = null;

	/**
	 * Constructor.
	 *
	 * @param ProposalRepository $proposals Proposals.
	 */
	public function __construct( private readonly ProposalRepository $proposals ) {}

	/**
	 * Hooks the admin bar, the post lists and the dashboard.
	 */
	public function register(): void {
		add_action( 'admin_bar_menu', array( $this, 'admin_bar' ), 75 );
		add_filter( 'display_post_states', array( $this, 'post_states' ), 10, 2 );
		add_action( 'wp_dashboard_setup', array( $this, 'dashboard' ) );
	}

	/**
	 * Waiting proposals the current user may decide, by risk level (1-5, each present).
	 *
	 * @return array<int, int>
	 */
	public function by_risk(): array {
		if ( null !== $this->by_risk ) {
			return $this->by_risk;
		}
		$counts = array_fill( 1, 5, 0 );
		$user   = get_current_user_id();
		if ( $user > 0 && current_user_can( Capabilities::REVIEW ) ) {
			if ( current_user_can( 'edit_others_posts' ) && current_user_can( 'edit_others_pages' ) ) {
				global $wpdb;
				// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a live count on every admin page: the object cache may be another server's stale copy.
				$rows = $wpdb->get_results( $wpdb->prepare( "SELECT menu_order AS risk, COUNT(*) AS n FROM {$wpdb->posts} WHERE post_type = %s AND post_status IN (%s, %s, %s) GROUP BY menu_order", ProposalPostType::SLUG, StateMachine::PENDING, StateMachine::CONFLICT, StateMachine::FAILED ) );
				foreach ( (array) $rows as $row ) {
					$risk             = max( 1, min( 5, (int) $row->risk ) );
					$counts[ $risk ] += (int) $row->n;
				}
			} else {
				// Someone who may review only some posts sees only their proposals, as in the queue.
				foreach ( $this->proposals->query( array( 'status' => StateMachine::DECIDABLE ), 1, 1000, $user )['items'] as $proposal ) {
					$risk = max( 1, min( 5, $proposal->risk ) );
					++$counts[ $risk ];
				}
			}
		}
		$this->by_risk = $counts;
		return $counts;
	}

	/**
	 * Waiting proposals the current user may decide.
	 */
	public function total(): int {
		return array_sum( $this->by_risk() );
	}

	/**
	 * The menu title with a count bubble, like Comments.
	 *
	 * @param string $title Menu title.
	 */
	public function menu_title( string $title ): string {
		$count = $this->total();
		if ( 0 === $count ) {
			return $title;
		}
		return sprintf(
			'%1$s <span class="awaiting-mod count-%2$d"><span class="pending-count" aria-hidden="true">%3$s</span><span class="screen-reader-text">%4$s</span></span>',
			esc_html( $title ),
			$count,
			esc_html( number_format_i18n( $count ) ),
			/* translators: %s: number of proposals. */
			esc_html( sprintf( _n( '%s agent proposal waits for review', '%s agent proposals wait for review', $count, 'countersign' ), number_format_i18n( $count ) ) )
		);
	}

	/**
	 * `admin_bar_menu`: a node with the count, linking to the queue, for reviewers.
	 *
	 * @param WP_Admin_Bar $bar Admin bar.
	 */
	public function admin_bar( WP_Admin_Bar $bar ): void {
		if ( ! current_user_can( Capabilities::REVIEW ) ) {
			return;
		}
		$count = $this->total();
		$label = sprintf(
			/* translators: %s: number of proposals. */
			_n( '%s agent proposal waits for review', '%s agent proposals wait for review', $count, 'countersign' ),
			number_format_i18n( $count )
		);
		$bar->add_node(
			array(
				'id'    => 'countersign-waiting',
				'title' => sprintf(
					'<span class="ab-icon dashicons dashicons-yes-alt" aria-hidden="true"></span><span class="ab-label" aria-hidden="true">%1$s</span><span class="screen-reader-text">%2$s</span>',
					esc_html( number_format_i18n( $count ) ),
					esc_html( $label )
				),
				'href'  => admin_url( 'admin.php?page=countersign' ),
				'meta'  => array( 'title' => $label ),
			)
		);
	}

	/**
	 * `display_post_states`: "2 agent proposals" on each post of the Posts and Pages lists that has some waiting.
	 *
	 * @param array<string, string> $states Post states.
	 * @param WP_Post               $post   Post.
	 * @return array<string, string>
	 */
	public function post_states( array $states, WP_Post $post ): array {
		if ( ! is_admin() || ! current_user_can( Capabilities::REVIEW ) ) {
			return $states;
		}
		$count = $this->by_post()[ $post->ID ] ?? 0;
		if ( $count > 0 ) {
			$states['countersign'] = sprintf(
				/* translators: %s: number of proposals. */
				_n( '%s agent proposal', '%s agent proposals', $count, 'countersign' ),
				number_format_i18n( $count )
			);
		}
		return $states;
	}

	/**
	 * `wp_dashboard_setup`: the widget, for reviewers.
	 */
	public function dashboard(): void {
		if ( current_user_can( Capabilities::REVIEW ) ) {
			wp_add_dashboard_widget( 'countersign_waiting', __( 'Agent proposals waiting', 'countersign' ), array( $this, 'render_dashboard' ) );
		}
	}

	/**
	 * The dashboard widget: what waits, by risk, most severe first, each linking to the queue.
	 */
	public function render_dashboard(): void {
		$counts = $this->by_risk();
		$total  = array_sum( $counts );
		if ( 0 === $total ) {
			echo '<p>' . esc_html__( 'Nothing waits for review.', 'countersign' ) . '</p>';
			return;
		}
		printf(
			'<p><strong>%s</strong></p><ul class="countersign-dashboard-risks">',
			esc_html(
				sprintf(
					/* translators: %s: number of proposals. */
					_n( '%s agent proposal waits for review', '%s agent proposals wait for review', $total, 'countersign' ),
					number_format_i18n( $total )
				)
			)
		);
		foreach ( array_reverse( $counts, true ) as $risk => $count ) {
			if ( 0 === $count ) {
				continue;
			}
			printf(
				'<li>%1$s: <strong>%2$s</strong></li>',
				esc_html(
					sprintf(
						/* translators: 1: risk level number, 2: risk word such as High. */
						__( 'Risk %1$d · %2$s', 'countersign' ),
						$risk,
						self::risk_word( (int) $risk )
					)
				),
				esc_html( number_format_i18n( $count ) )
			);
		}
		printf( '</ul><p><a class="button button-primary" href="%1$s">%2$s</a></p>', esc_url( admin_url( 'admin.php?page=countersign' ) ), esc_html__( 'Open the review queue', 'countersign' ) );
	}

	/**
	 * A risk level's word in the site's language.
	 *
	 * @param int $risk Level.
	 */
	private static function risk_word( int $risk ): string {
		return match ( RiskPolicy::LABELS[ $risk ] ?? '' ) {
			'read'    => __( 'Read', 'countersign' ),
			'low'     => __( 'Low', 'countersign' ),
			'medium'  => __( 'Medium', 'countersign' ),
			'high'    => __( 'High', 'countersign' ),
			default   => __( 'Extreme', 'countersign' ),
		};
	}

	/**
	 * Waiting proposals by target post, for the posts of the list query being shown (one grouped COUNT).
	 *
	 * @return array<int, int>
	 */
	private function by_post(): array {
		if ( null !== $this->by_post ) {
			return $this->by_post;
		}
		global $wpdb, $wp_query;
		$this->by_post = array();
		$ids           = array_map( 'intval', wp_list_pluck( (array) ( $wp_query->posts ?? array() ), 'ID' ) );
		if ( array() === $ids ) {
			return $this->by_post;
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare,WordPress.DB.DirectDatabaseQuery -- one %d per id, built here; a live count (see by_risk()).
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT post_parent, COUNT(*) AS n FROM {$wpdb->posts} WHERE post_type = %s AND post_status IN (%s, %s, %s) AND post_parent IN (" . implode( ', ', array_fill( 0, count( $ids ), '%d' ) ) . ') GROUP BY post_parent', array_merge( array( ProposalPostType::SLUG ), StateMachine::DECIDABLE, $ids ) ) );
		foreach ( (array) $rows as $row ) {
			$this->by_post[ (int) $row->post_parent ] = (int) $row->n;
		}
		return $this->by_post;
	}
}
