<?php
/**
 * Queue at scale: GET /countersign/v1/proposals (the review queue's request: pending, newest first, 20 a page)
 * against core's posts list request GET /wp/v2/posts (drafts, newest first, 20 a page, context=edit), both as the
 * administrator over HTTP, at 1k, 10k and 50k proposals and posts in the same database.
 *
 * Rows are cloned in bulk with SQL from one real proposal (with all its meta) and one real post, so seeding 50k
 * takes seconds; every clone is a complete, valid row that the REST routes read like any other.
 *
 * Usage: php bench/queue.php WORDPRESS_DIR URL OUT_JSON [sizes=1000,10000,50000] [requests=100]
 *
 * At each size the two requests take turns, `requests` times each after 5 warm-ups.
 *
 * @package Countersign
 */

declare(strict_types=1);

[ , $countersign_wp, $countersign_url, $countersign_out ] = $argv;
$countersign_sizes    = array_map( 'intval', explode( ',', $argv[4] ?? '1000,10000,50000' ) );
$countersign_requests = max( 1, (int) ( $argv[5] ?? 100 ) );
$_SERVER['HTTP_HOST'] = (string) parse_url( $countersign_url, PHP_URL_HOST ) . ':' . (string) parse_url( $countersign_url, PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- WordPress is not loaded yet.
require $countersign_wp . '/wp-load.php';
require __DIR__ . '/bench.php';

global $wpdb;
wp_set_current_user( 1 );
$countersign_admin = WP_Application_Passwords::create_new_application_password( 1, array( 'name' => 'queue bench ' . microtime( true ) ) );
$countersign_auth  = 'admin:' . $countersign_admin[0];

// One real proposal and one real draft to clone.
$countersign_request = new WP_REST_Request( 'POST', '/countersign/v1/agents' );
$countersign_request->set_body_params( array( 'label' => 'Queue bench', 'role' => 'editor', 'preset' => 'content_manager', 'rate_limit' => 100000, 'daily_proposal_budget' => 100000 ) );
$countersign_agent  = rest_do_request( $countersign_request )->get_data();
$countersign_target = wp_insert_post( array( 'post_title' => 'Queue bench target', 'post_status' => 'draft', 'post_content' => "<!-- wp:paragraph -->\n<p>Target.</p>\n<!-- /wp:paragraph -->" ) );
wp_set_current_user( (int) $countersign_agent['id'] );
$countersign_request = new WP_REST_Request( 'POST', '/countersign/v1/proposals' );
$countersign_request->set_body_params(
	array(
		'post'      => $countersign_target,
		'changes'   => array(
			'title'   => 'A proposed title',
			'content' => "<!-- wp:paragraph -->\n<p>Proposed.</p>\n<!-- /wp:paragraph -->",
		),
		'rationale' => 'Queue bench.',
	)
);
$countersign_template = (int) rest_do_request( $countersign_request )->get_data()['id'];
wp_set_current_user( 1 );
$countersign_draft = wp_insert_post( array( 'post_title' => 'Queue bench draft', 'post_status' => 'draft', 'post_content' => "<!-- wp:paragraph -->\n<p>Draft.</p>\n<!-- /wp:paragraph -->" ) );

/**
 * Clones a post row (and its meta) $count times, in batches.
 *
 * @param int $template Post to clone.
 * @param int $count    Copies.
 */
function countersign_clone( int $template, int $count ): void {
	global $wpdb;
	$columns = 'post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, comment_status, ping_status, post_password, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_parent, guid, menu_order, post_type, post_mime_type, comment_count';
	$meta    = $wpdb->get_results( $wpdb->prepare( "SELECT meta_key, meta_value FROM {$wpdb->postmeta} WHERE post_id = %d", $template ) );
	for ( $done = 0; $done < $count; $done += 1000 ) {
		$batch = min( 1000, $count - $done );
		$first = (int) $wpdb->get_var( "SELECT MAX(ID) FROM {$wpdb->posts}" ) + 1;
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- column list is a constant.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->posts} ({$columns}, post_name) SELECT {$columns}, CONCAT('bench-', seq) FROM {$wpdb->posts} JOIN (SELECT seq FROM seq_1_to_{$batch}) s WHERE ID = %d", $template ) );
		$last = (int) $wpdb->get_var( "SELECT MAX(ID) FROM {$wpdb->posts}" );
		foreach ( $meta as $row ) {
			$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) SELECT ID, %s, %s FROM {$wpdb->posts} WHERE ID BETWEEN %d AND %d", $row->meta_key, $row->meta_value, $first, $last ) );
		}
	}
}

/**
 * p50 and p95 of $n GETs of each URL (after warm-ups), the URLs taking turns request by request (and which goes first
 * alternating), so a burst of load on this shared machine lands on both sides of a ratio rather than on one.
 *
 * @param string[] $urls URLs.
 * @param string   $auth Basic credentials.
 * @param int      $n    Requests of each.
 * @return array<int, array{p50: float, p95: float, total: int}>
 */
function countersign_measure( array $urls, string $auth, int $n ): array {
	$times  = array_fill( 0, count( $urls ), array() );
	$totals = array_fill( 0, count( $urls ), 0 );
	for ( $i = 0; $i < $n + 5; $i++ ) {
		$order = array_keys( $urls );
		if ( $i % 2 ) {
			$order = array_reverse( $order );
		}
		foreach ( $order as $which ) {
			$handle = curl_init( $urls[ $which ] );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_USERPWD        => $auth,
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_HEADER         => true,
				)
			);
			$raw = (string) curl_exec( $handle );
			if ( 200 !== curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ) ) {
				fwrite( STDERR, "{$urls[ $which ]}: " . substr( $raw, 0, 500 ) . "\n" );
				exit( 1 );
			}
			if ( preg_match( '/^X-WP-Total: (\d+)/mi', $raw, $match ) ) {
				$totals[ $which ] = (int) $match[1];
			}
			if ( $i >= 5 ) {
				$times[ $which ][] = 1000 * (float) curl_getinfo( $handle, CURLINFO_TOTAL_TIME );
			}
		}
	}
	return array_map(
		static fn( array $runs, int $total ): array => array(
			'p50'   => countersign_percentile( $runs, 50 ),
			'p95'   => countersign_percentile( $runs, 95 ),
			'total' => $total,
		),
		$times,
		$totals
	);
}

$countersign_rows = array();
$countersign_have = 1;
foreach ( $countersign_sizes as $countersign_size ) {
	countersign_clone( $countersign_template, $countersign_size - $countersign_have );
	countersign_clone( $countersign_draft, $countersign_size - $countersign_have );
	$countersign_have = $countersign_size;
	wp_cache_flush();
	[ $countersign_ours, $countersign_core ] = countersign_measure(
		array(
			$countersign_url . '/wp-json/countersign/v1/proposals?status=pending&per_page=20',
			$countersign_url . '/wp-json/wp/v2/posts?status=draft&per_page=20&context=edit',
		),
		$countersign_auth,
		$countersign_requests
	);
	if ( $countersign_ours['total'] < $countersign_size || $countersign_core['total'] < $countersign_size ) {
		fwrite( STDERR, "seeding fell short: {$countersign_ours['total']} proposals, {$countersign_core['total']} drafts for {$countersign_size}\n" );
		exit( 1 );
	}
	$countersign_rows[] = array(
		'group'  => 'Review queue',
		'name'   => sprintf( 'GET /proposals vs GET /wp/v2/posts, %s items (p50)', number_format( $countersign_size ) ),
		'ours'   => $countersign_ours['p50'],
		'core'   => $countersign_core['p50'],
		'unit'   => 'ms',
		'target' => 1.2,
	);
	printf( "%6d items: queue p50 %.1f ms p95 %.1f ms; core posts list p50 %.1f ms p95 %.1f ms; ratio %.2fx\n", $countersign_size, $countersign_ours['p50'], $countersign_ours['p95'], $countersign_core['p50'], $countersign_core['p95'], $countersign_ours['p50'] / $countersign_core['p50'] );
}
// Flatness against core in the same run: how much the queue's ratio to core's list grows from the smallest size to
// the largest. The queue's own p50 at 50k over 1k also carries whatever the machine did meanwhile (core's list slowed
// by 1.4x in one run where the queue slowed by the same), which this cancels.
$countersign_first = $countersign_rows[0];
$countersign_last  = end( $countersign_rows );
printf(
	"from %d to %d items: queue p50 %.2fx, core posts list p50 %.2fx\n",
	$countersign_sizes[0],
	end( $countersign_sizes ),
	$countersign_last['ours'] / $countersign_first['ours'],
	$countersign_last['core'] / $countersign_first['core']
);
$countersign_rows[] = array(
	'group'    => 'Review queue',
	'name'     => 'Queue / core ratio at the largest size vs at the smallest (flat = 1.0: the queue grows as core\'s list does)',
	'ours'     => $countersign_last['ours'] / $countersign_last['core'],
	'core'     => $countersign_first['ours'] / $countersign_first['core'],
	'baseline' => 'at the smallest size',
	'unit'     => '×',
	'target'   => 1.2,
);
countersign_bench_write( $countersign_out, $countersign_rows );
