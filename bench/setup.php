<?php
/**
 * Prepares the benchmark site: an administrator Application Password, a supervised agent with its own, and the
 * posts the measured requests change (one post per request, so no two requests contend for one post's lock).
 * Prints JSON.
 *
 * Usage: php bench/setup.php WORDPRESS_DIR POSTS
 *
 * @package Countersign
 */

declare(strict_types=1);

[ , $countersign_wp, $countersign_posts ] = $argv;
require __DIR__ . '/bench.php';
$_SERVER['HTTP_HOST'] = countersign_bench_host();
require $countersign_wp . '/wp-load.php';

wp_set_current_user( 1 );
$countersign_admin = WP_Application_Passwords::create_new_application_password( 1, array( 'name' => 'bench ' . microtime( true ) ) );

$countersign_request = new WP_REST_Request( 'POST', '/countersign/v1/agents' );
$countersign_request->set_body_params(
	array(
		'label'                 => 'Bench agent ' . wp_generate_password( 4, false ),
		'role'                  => 'editor',
		'preset'                => 'content_manager',
		// The benchmark measures the work, not the limits.
		'rate_limit'            => 100000,
		'daily_proposal_budget' => 100000,
	)
);
update_option( 'countersign_settings', array( 'ip_rate_limit' => 0 ) + (array) get_option( 'countersign_settings', array() ) );
$countersign_agent = rest_do_request( $countersign_request )->get_data();

$countersign_content = '';
for ( $countersign_i = 0; $countersign_i < 12; $countersign_i++ ) {
	$countersign_content .= "<!-- wp:paragraph -->\n<p>Paragraph {$countersign_i} of a typical post, with a few sentences of ordinary prose so the content is realistic in size.</p>\n<!-- /wp:paragraph -->\n\n";
}
$countersign_ids = array();
for ( $countersign_i = 0; $countersign_i < (int) $countersign_posts; $countersign_i++ ) {
	$countersign_ids[] = wp_insert_post(
		array(
			'post_title'   => "Bench post {$countersign_i}",
			'post_content' => $countersign_content,
			'post_status'  => 'publish',
		)
	);
}

echo wp_json_encode(
	array(
		'admin'   => array( 'admin', $countersign_admin[0] ),
		'agent'   => array( $countersign_agent['user_login'], $countersign_agent['application_password'] ),
		'posts'   => $countersign_ids,
		'content' => $countersign_content,
	)
);
