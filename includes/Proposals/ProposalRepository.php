<?php
/**
 * Stores proposals as posts of the private proposal type.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use Countersign\Agents\Agent;
use Countersign\Policy\Capabilities;
use RuntimeException;
use WP_Post;
use WP_Query;

/**
 * Creates, reads and lists proposals. State changes go through the StateMachine.
 */
final class ProposalRepository {

	public const META_CHANGES   = 'countersign_changes';
	public const META_BASE      = 'countersign_base';
	public const META_RATIONALE = 'countersign_rationale';
	public const META_SOURCE    = 'countersign_source';
	public const META_DECISION  = 'countersign_decision';
	public const META_BACKUP    = 'countersign_backup_id';
	public const META_POST_TYPE = 'countersign_post_type';
	public const META_BASE_VALS = 'countersign_base_values';
	public const META_MERGE     = 'countersign_merge';
	public const META_APPROVALS = 'countersign_approvals';
	/** On a revision core made while applying a proposal: the proposal's id. */
	public const META_REVISION_OF = 'countersign_revision_of';

	/**
	 * Creates a pending proposal.
	 *
	 * @param Agent                $agent     Agent.
	 * @param WP_Post|null         $target    Target, null for a new post.
	 * @param string               $post_type Post type.
	 * @param ChangeSet            $changes   Sanitised change set.
	 * @param int                  $risk      Risk level.
	 * @param string               $rationale Rationale (plain text).
	 * @param array<string, mixed> $source    Source.
	 * @param WP_Post|null         $clone_of  The post a new post is cloned from.
	 * @throws RuntimeException When the post cannot be written.
	 */
	public function create( Agent $agent, ?WP_Post $target, string $post_type, ChangeSet $changes, int $risk, string $rationale, array $source, ?WP_Post $clone_of = null ): Proposal {
		$fields = $changes->fields();
		$now    = current_time( 'mysql', true );
		// The proposal stores the agent's values verbatim; kses runs at submission (Gate) and again at apply.
		$kses = false !== has_filter( 'content_save_pre', 'wp_filter_post_kses' );
		kses_remove_filters();
		$id = wp_insert_post(
			// @phpstan-ignore argument.type (wp_slash() keeps the array's shape; the stubs type it loosely.)
			wp_slash(
				array(
					'post_type'             => ProposalPostType::SLUG,
					'post_status'           => StateMachine::PENDING,
					'post_author'           => $agent->id,
					'post_parent'           => $target ? $target->ID : 0,
					'post_title'            => (string) ( $fields['title'] ?? '' ),
					'post_content'          => (string) ( $fields['content'] ?? '' ),
					'post_excerpt'          => (string) ( $fields['excerpt'] ?? '' ),
					'menu_order'            => $risk,
					'post_date_gmt'         => $now,
					'post_date'             => get_date_from_gmt( $now ),
					'comment_status'        => 'closed',
					'ping_status'           => 'closed',
					'post_name'             => 'proposal-' . wp_generate_uuid4(),
					'post_content_filtered' => '',
				)
			),
			true
		);
		if ( $kses ) {
			kses_init_filters();
		}
		if ( is_wp_error( $id ) ) {
			throw new RuntimeException( $id->get_error_message() );
		}
		$this->insert_meta(
			$id,
			array(
				self::META_CHANGES   => (string) wp_json_encode( $fields ),
				// A clone's base names its source, and the version of it that was copied.
				self::META_BASE      => (string) wp_json_encode(
					$this->base_of( $target, $changes ) + ( $clone_of ? array(
						'clone_from'         => $clone_of->ID,
						'clone_modified_gmt' => self::modified_gmt( $clone_of ),
					) : array() )
				),
				// The base values themselves, so a reviewer (and the merge) can see what the agent started from.
				self::META_BASE_VALS => (string) wp_json_encode( $target ? $changes->current_values( $target ) : $this->new_base_values( $changes ) ),
				self::META_SOURCE    => (string) wp_json_encode( $source ),
				self::META_RATIONALE => $rationale,
				self::META_POST_TYPE => $post_type,
			)
		);
		return $this->find( $id ) ?? throw new RuntimeException( __( 'The proposal vanished after it was written.', 'countersign' ) );
	}

	/**
	 * A proposal by id, read fresh from the database: its row and its meta rows themselves, never a cached copy
	 * (another web server may have decided it a moment ago, and a copy it cached before may still be in a shared
	 * object cache), and nothing is cached from here either.
	 *
	 * @param int $id Proposal id.
	 */
	public function find( int $id ): ?Proposal {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- the rows themselves, as said above.
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$wpdb->posts} WHERE ID = %d AND post_type = %s", $id, ProposalPostType::SLUG ) );
		if ( ! is_object( $row ) ) {
			return null;
		}
		$post = new WP_Post( $row );
		$meta = array();
		foreach ( (array) $wpdb->get_results( $wpdb->prepare( "SELECT meta_key, meta_value FROM {$wpdb->postmeta} WHERE post_id = %d ORDER BY meta_id", $id ), ARRAY_A ) as $pair ) {
			$meta[ (string) $pair['meta_key'] ] ??= maybe_unserialize( (string) $pair['meta_value'] );
		}
		// phpcs:enable
		$json     = static function ( string $key ) use ( $meta ): array {
			$value = json_decode( (string) ( $meta[ $key ] ?? '' ), true );
			return is_array( $value ) ? $value : array();
		};
		$decision = $json( self::META_DECISION );
		$backup   = (int) ( $meta[ self::META_BACKUP ] ?? 0 );
		return new Proposal(
			$id,
			(int) $post->post_author,
			(int) $post->post_parent,
			(string) ( $meta[ self::META_POST_TYPE ] ?? '' ),
			$post->post_status,
			(int) $post->menu_order,
			ChangeSet::from_stored( $json( self::META_CHANGES ) ),
			(string) ( $meta[ self::META_RATIONALE ] ?? '' ),
			$json( self::META_SOURCE ),
			mysql_to_rfc3339( $post->post_date_gmt ),
			mysql_to_rfc3339( $post->post_modified_gmt ),
			$json( self::META_BASE ),
			$decision ? $decision : null,
			$backup > 0 ? $backup : null
		);
	}

	/**
	 * Ids of the proposals a reviewer's search finds: in the post's title as it is now, the rationale, or the
	 * proposed title, excerpt or content. Never empty (no match is `[0]`), so it can go to `post__in` as it is.
	 *
	 * @param string $search Words, as typed.
	 * @return list<int>
	 */
	private function search( string $search ): array {
		global $wpdb;
		$like = '%' . $wpdb->esc_like( $search ) . '%';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a search across two posts and a meta row; nothing to cache.
		$ids = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT p.ID FROM {$wpdb->posts} p
				LEFT JOIN {$wpdb->posts} t ON t.ID = p.post_parent
				LEFT JOIN {$wpdb->postmeta} m ON m.post_id = p.ID AND m.meta_key = %s
				WHERE p.post_type = %s AND ( t.post_title LIKE %s OR m.meta_value LIKE %s OR p.post_title LIKE %s OR p.post_excerpt LIKE %s OR p.post_content LIKE %s )",
				self::META_RATIONALE,
				ProposalPostType::SLUG,
				$like,
				$like,
				$like,
				$like,
				$like
			)
		);
		return array() === $ids ? array( 0 ) : array_map( 'intval', $ids );
	}

	/**
	 * Lists proposals.
	 *
	 * @param array{status?: list<string>, agent?: int, post?: int, risk?: int, search?: string, post_type?: string, after?: string, before?: string, orderby?: string, order?: string} $filters  Filters.
	 * @param int                                                                                                                                                                       $page     Page.
	 * @param int                                                                                                                                                                       $per_page Per page.
	 * @param int|null                                                                                                                                                                  $reviewer Only what this user may review (null: no filter).
	 * @return array{items: list<Proposal>, total: int}
	 */
	public function query( array $filters, int $page, int $per_page, ?int $reviewer ): array {
		$args = array(
			'post_type'        => ProposalPostType::SLUG,
			'post_status'      => $filters['status'] ?? StateMachine::STATES,
			// Ties (one risk level, one second) go by id in the same direction, so asc is desc reversed.
			'orderby'          => array(
				( $filters['orderby'] ?? 'date' ) === 'risk' ? 'menu_order' : 'date' => strtoupper( $filters['order'] ?? 'desc' ),
				'ID' => strtoupper( $filters['order'] ?? 'desc' ),
			),
			'fields'           => 'ids',
			'suppress_filters' => true,
		);
		if ( isset( $filters['agent'] ) ) {
			$args['author'] = $filters['agent'];
		}
		if ( isset( $filters['post'] ) ) {
			$args['post_parent'] = $filters['post'];
		}
		if ( isset( $filters['risk'] ) ) {
			$args['menu_order'] = $filters['risk'];
		}
		if ( isset( $filters['post_type'] ) ) {
			// phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query -- meta_key is indexed; one equality join.
			$args['meta_query'] = array(
				array(
					'key'   => self::META_POST_TYPE,
					'value' => $filters['post_type'],
				),
			);
		}
		$dates = array_filter(
			array(
				'after'  => $filters['after'] ?? null,
				'before' => $filters['before'] ?? null,
			)
		);
		if ( $dates ) {
			$args['date_query'] = array( array_merge( $dates, array( 'column' => 'post_date_gmt' ) ) );
		}
		if ( isset( $filters['search'] ) && '' !== $filters['search'] ) {
			$args['post__in'] = $this->search( $filters['search'] );
		}
		// People who may edit every post see everything and page in SQL; others are filtered post by post.
		$unfiltered = null === $reviewer || ( user_can( $reviewer, 'edit_others_posts' ) && user_can( $reviewer, 'edit_others_pages' ) );
		if ( $unfiltered ) {
			$args['posts_per_page'] = $per_page;
			$args['paged']          = $page;
			// SQL_CALC_FOUND_ROWS reads every match to count them; a COUNT(*) on the indexed columns does not, and
			// keeps the queue as fast at 50,000 proposals as at 1,000.
			$total                 = $this->count_indexed( $filters, $args['post_status'] );
			$args['no_found_rows'] = null !== $total;
			$query                 = new WP_Query( $args );
			$ids                   = $query->posts;
			$total               ??= (int) $query->found_posts;
		} else {
			$args['posts_per_page'] = -1;
			$args['no_found_rows']  = true;
			$all                    = array_values( array_filter( ( new WP_Query( $args ) )->posts, fn( $id ) => user_can( (int) $reviewer, Capabilities::REVIEW_PROPOSAL, (int) $id ) ) );
			$total                  = count( $all );
			$ids                    = array_slice( $all, ( $page - 1 ) * $per_page, $per_page );
		}
		return array(
			'items' => array_values( array_filter( array_map( fn( $id ) => $this->find( (int) $id ), $ids ) ) ),
			'total' => $total,
		);
	}

	/**
	 * How many proposals match, counted on wp_posts' own columns; null when a filter needs more (post type meta,
	 * search), and WP_Query counts instead.
	 *
	 * @param array<string, mixed> $filters  Filters as for query().
	 * @param list<string>|string  $statuses States.
	 */
	private function count_indexed( array $filters, array|string $statuses ): ?int {
		global $wpdb;
		if ( isset( $filters['post_type'] ) || ( isset( $filters['search'] ) && '' !== $filters['search'] ) ) {
			return null;
		}
		$statuses = (array) $statuses;
		$where    = array( 'post_type = %s', 'post_status IN (' . implode( ', ', array_fill( 0, count( $statuses ), '%s' ) ) . ')' );
		$args     = array_merge( array( ProposalPostType::SLUG ), $statuses );
		$columns  = array(
			'agent' => 'post_author = %d',
			'post'  => 'post_parent = %d',
			'risk'  => 'menu_order = %d',
		);
		foreach ( $columns as $filter => $clause ) {
			if ( isset( $filters[ $filter ] ) ) {
				$where[] = $clause;
				$args[]  = (int) $filters[ $filter ];
			}
		}
		if ( isset( $filters['after'] ) ) {
			$where[] = 'post_date_gmt > %s';
			$args[]  = (string) $filters['after'];
		}
		if ( isset( $filters['before'] ) ) {
			$where[] = 'post_date_gmt < %s';
			$args[]  = (string) $filters['before'];
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare,WordPress.DB.DirectDatabaseQuery -- fixed clauses with the placeholders built above; COUNT(*) on indexed columns instead of WP_Query's SQL_CALC_FOUND_ROWS (see bench/RESULTS.md).
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE " . implode( ' AND ', $where ), $args ) );
	}

	/**
	 * The values each changed field had when the proposal was made (null for a new post).
	 *
	 * @param int $id Proposal.
	 * @return array<string, mixed>
	 */
	public function base_values( int $id ): array {
		return $this->get_meta( $id, self::META_BASE_VALS );
	}

	/**
	 * How many proposals an agent made since a time (for budgets).
	 *
	 * @param int $agent_id Agent.
	 * @param int $since    Unix time.
	 */
	public function count_since( int $agent_id, int $since ): int {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a budget needs the exact count, and WP_Query would load the posts.
		return (int) $wpdb->get_var(
			$wpdb->prepare(
				"SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = %s AND post_author = %d AND post_date_gmt >= %s",
				ProposalPostType::SLUG,
				$agent_id,
				gmdate( 'Y-m-d H:i:s', $since )
			)
		);
	}

	/**
	 * Records the decision.
	 *
	 * @param int                  $id       Proposal.
	 * @param array<string, mixed> $decision Decision.
	 */
	public function set_decision( int $id, array $decision ): void {
		$this->put_meta( $id, self::META_DECISION, $decision );
	}

	/**
	 * Approvals recorded towards a quorum.
	 *
	 * @param int $id Proposal.
	 * @return list<array{user: int, time: string, note: string, changes: string}>
	 */
	public function approvals( int $id ): array {
		$approvals = array();
		foreach ( get_post_meta( $id, self::META_APPROVALS, false ) as $json ) {
			$approval = json_decode( (string) $json, true );
			if ( is_array( $approval ) ) {
				$approvals[] = $approval;
			}
		}
		return $approvals;
	}

	/**
	 * Records one approval towards a quorum.
	 *
	 * @param int                  $id       Proposal.
	 * @param array<string, mixed> $approval Who, when, and the hash of what they approved.
	 */
	public function add_approval( int $id, array $approval ): void {
		add_post_meta( $id, self::META_APPROVALS, wp_slash( (string) wp_json_encode( $approval ) ) );
	}

	/**
	 * Records how a stale base was resolved.
	 *
	 * @param int                  $id    Proposal.
	 * @param array<string, mixed> $merge What was merged, how.
	 */
	public function set_merge( int $id, array $merge ): void {
		$this->put_meta( $id, self::META_MERGE, $merge );
	}

	/**
	 * Records the backup taken before applying.
	 *
	 * @param int $id        Proposal.
	 * @param int $backup_id Backup.
	 */
	public function set_backup( int $id, int $backup_id ): void {
		update_post_meta( $id, self::META_BACKUP, $backup_id );
	}

	/**
	 * Points a proposal for a new post at the post it created.
	 *
	 * @param int $id      Proposal.
	 * @param int $post_id Created post.
	 */
	public function set_target( int $id, int $post_id ): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- one column, inside the apply's transaction; wp_update_post() would run every save hook on a proposal.
		$wpdb->update( $wpdb->posts, array( 'post_parent' => $post_id ), array( 'ID' => $id ), array( '%d' ), array( '%d' ) );
		clean_post_cache( $id );
	}

	/**
	 * The base a proposal was made against: the target's latest revision, its modified time, and a hash of each
	 * changed field's value.
	 *
	 * @param WP_Post|null $target  Target.
	 * @param ChangeSet    $changes Change set.
	 * @return array<string, mixed>
	 */
	public function base_of( ?WP_Post $target, ChangeSet $changes ): array {
		if ( null === $target ) {
			return array(
				'revision_id'  => null,
				'modified_gmt' => null,
				'hashes'       => array(),
			);
		}
		$revisions = wp_get_post_revisions(
			$target->ID,
			array(
				'numberposts' => 1,
				'fields'      => 'ids',
			)
		);
		$hashes    = array_map( array( ChangeSet::class, 'hash_value' ), $changes->current_values( $target ) );
		return array(
			'revision_id'  => $revisions ? (int) reset( $revisions ) : null,
			'modified_gmt' => self::modified_gmt( $target ),
			'hashes'       => $hashes,
		);
	}

	/**
	 * The base values of a proposal without a target post: nothing for a new post, the settings' values as they were
	 * for a site-settings change (what the queue and the audit show as old values).
	 *
	 * @param ChangeSet $changes Change set.
	 * @return array<string, mixed>
	 */
	private function new_base_values( ChangeSet $changes ): array {
		$fields = $changes->fields();
		if ( SiteSettings::in( $changes ) ) {
			return array( SiteSettings::FIELD => SiteSettings::current( (array) $fields[ SiteSettings::FIELD ] ) );
		}
		return array_fill_keys( array_keys( $fields ), null );
	}

	/**
	 * Adds the meta of a brand-new proposal in one statement: it has no meta yet, and submit is the hot path.
	 *
	 * @param int                   $id   Proposal.
	 * @param array<string, string> $meta Key => value.
	 * @throws RuntimeException When the database refuses it.
	 */
	private function insert_meta( int $id, array $meta ): void {
		global $wpdb;
		$rows = array();
		$args = array();
		foreach ( $meta as $key => $value ) {
			$rows[] = '(%d, %s, %s)';
			array_push( $args, $id, $key, $value );
		}
		// phpcs:ignore WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare,WordPress.DB.PreparedSQL.NotPrepared,WordPress.DB.DirectDatabaseQuery.DirectQuery -- one placeholder triple per row; add_post_meta() would take one INSERT per key on the hot path.
		if ( false === $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES " . implode( ', ', $rows ), $args ) ) ) {
			throw new RuntimeException( 'Could not store the proposal: ' . $wpdb->last_error );
		}
		wp_cache_delete( $id, 'post_meta' );
	}

	/**
	 * When a post last changed, in UTC (ISO 8601). Core leaves post_modified_gmt zero on never-updated drafts, so
	 * the local time is converted then.
	 *
	 * @param WP_Post $post Post.
	 */
	public static function modified_gmt( WP_Post $post ): string {
		$gmt = '0000-00-00 00:00:00' === $post->post_modified_gmt ? get_gmt_from_date( $post->post_modified ) : $post->post_modified_gmt;
		return mysql_to_rfc3339( $gmt );
	}

	/**
	 * Writes JSON meta.
	 *
	 * @param int                  $id    Post.
	 * @param string               $key   Key.
	 * @param array<string, mixed> $value Value.
	 */
	private function put_meta( int $id, string $key, array $value ): void {
		update_post_meta( $id, $key, wp_slash( (string) wp_json_encode( $value ) ) );
	}

	/**
	 * Reads JSON meta.
	 *
	 * @param int    $id  Post.
	 * @param string $key Key.
	 * @return array<string, mixed>
	 */
	private function get_meta( int $id, string $key ): array {
		$value = json_decode( (string) get_post_meta( $id, $key, true ), true );
		return is_array( $value ) ? $value : array();
	}
}
