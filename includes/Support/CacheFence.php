<?php
/**
 * Keeps what an apply writes out of the shared object cache until it is committed.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Support;

/**
 * An apply, restore or retry writes the post through core inside a database transaction, and core caches what it
 * reads back. With a persistent object cache every web server would then serve rows that may still roll back, and
 * a process that dies mid-apply never cleans up. So each fenced write:
 *
 * 1. records a fence row in the counters table (`fence:<lock>`, the post's id, a random token), committed before the
 *    transaction opens, while the post's named lock is held;
 * 2. runs the transaction, during which Database suspends cache additions (`wp_suspend_cache_addition()`): core's
 *    writes inside it only delete entries, so other servers read the committed row from the database meanwhile;
 * 3. after the commit or rollback, drops the post's cache entries (post, meta, terms, counts, and the
 *    `last_changed` salts of cached queries) and deletes its fence row.
 *
 * If the process or the database dies before step 3, the fence row stays while the named lock is gone (MariaDB
 * releases it with the connection). Every request's first act (recover(), on `init`) is one read of the fence rows:
 * a row whose lock is free belongs to a dead apply, and whoever deletes it (row count 1) drops that post's cache.
 */
final class CacheFence {

	private const PREFIX = 'fence:';

	/**
	 * Constructor.
	 *
	 * @param Database $db Connection and named locks.
	 */
	public function __construct( private readonly Database $db ) {}

	/**
	 * Runs recover() at the start of every request.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'recover' ), 0 );
	}

	/**
	 * Runs $work (which opens and ends the transaction) fenced for a post. The caller holds the named lock $lock.
	 *
	 * @template T
	 * @param int          $post_id The post written (0 while it is yet to be created).
	 * @param string       $lock    The named lock the caller holds for it.
	 * @param callable():T $work    The transaction.
	 * @return T
	 */
	public function around( int $post_id, string $lock, callable $work ): mixed {
		$wpdb  = $this->db->wpdb();
		$token = random_int( 1, PHP_INT_MAX );
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->countersign_counters} (counter_key, window_start, hits) VALUES (%s, %d, %d) ON DUPLICATE KEY UPDATE hits = VALUES(hits)", self::PREFIX . $lock, $post_id, $token ) );
		try {
			return $work();
		} finally {
			self::invalidate( $post_id );
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_counters} WHERE counter_key = %s AND window_start = %d AND hits = %d", self::PREFIX . $lock, $post_id, $token ) );
		}
	}

	/**
	 * `init`: drops the cache of every post whose fenced write died before it could.
	 */
	public function recover(): void {
		$wpdb   = $this->db->wpdb();
		$fences = $wpdb->get_results( $wpdb->prepare( "SELECT counter_key, window_start, hits FROM {$wpdb->countersign_counters} WHERE counter_key LIKE %s", $wpdb->esc_like( self::PREFIX ) . '%' ), ARRAY_A );
		foreach ( (array) $fences as $fence ) {
			$lock = substr( (string) $fence['counter_key'], strlen( self::PREFIX ) );
			if ( ! $this->db->lock_is_free( $lock ) ) {
				continue;
			}
			if ( 1 === (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_counters} WHERE counter_key = %s AND window_start = %d AND hits = %d", $fence['counter_key'], $fence['window_start'], $fence['hits'] ) ) ) {
				self::invalidate( (int) $fence['window_start'] );
			}
		}
	}

	/**
	 * Drops every cache entry a write to the post may have touched.
	 *
	 * @param int $post_id Post (0: only the query salts).
	 */
	public static function invalidate( int $post_id ): void {
		if ( $post_id > 0 ) {
			$post = get_post( $post_id );
			if ( $post instanceof \WP_Post ) {
				clean_post_cache( $post );
				wp_cache_delete( _count_posts_cache_key( $post->post_type ), 'counts' );
				wp_cache_delete( _count_posts_cache_key( $post->post_type, 'readable' ), 'counts' );
			}
			wp_cache_delete( $post_id, 'posts' );
			wp_cache_delete( $post_id, 'post_meta' );
		}
		wp_cache_set_posts_last_changed();
		wp_cache_set_terms_last_changed();
	}
}
