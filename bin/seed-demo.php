<?php
/**
 * Seeds the local site with demo agents, posts and pending proposals, through the same REST routes agents use.
 * Runs once per site; later runs print the saved credentials again.
 *
 * Usage: php bin/seed-demo.php WORDPRESS_DIR CREDENTIALS_FILE
 *
 * @package Countersign
 */

declare(strict_types=1);

[ , $countersign_wp, $countersign_credentials ] = $argv;

$_SERVER['HTTP_HOST']   = 'localhost:8888';
$_SERVER['SERVER_NAME'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/';
require $countersign_wp . '/wp-load.php';

if ( get_option( 'countersign_demo_seeded' ) && is_readable( $countersign_credentials ) ) {
	exit( 0 );
}

/**
 * Dispatches a REST request as a user and fails loudly on an error.
 *
 * @param int                  $user_id User.
 * @param string               $method  Method.
 * @param string               $route   Route.
 * @param array<string, mixed> $body    Body.
 * @return array<string, mixed>
 */
function countersign_demo_request( int $user_id, string $method, string $route, array $body = array() ): array {
	wp_set_current_user( $user_id );
	$request = new WP_REST_Request( $method, $route );
	$request->set_header( 'content-type', 'application/json' );
	$request->set_body( (string) wp_json_encode( $body ) );
	$response = rest_do_request( $request );
	$data     = rest_get_server()->response_to_data( $response, false );
	if ( $response->is_error() ) {
		fwrite( STDERR, "countersign demo: {$method} {$route} failed: " . wp_json_encode( $data ) . "\n" );
		exit( 1 );
	}
	return $data;
}

$countersign_admin = get_user_by( 'login', 'admin' );
$countersign_admin = $countersign_admin ? (int) $countersign_admin->ID : 1;

$countersign_claude = countersign_demo_request(
	$countersign_admin,
	'POST',
	'/countersign/v1/agents',
	array(
		'label'       => 'Claude (editorial assistant)',
		'description' => 'Drafts copy edits and new posts for the editorial team.',
		'role'        => 'editor',
		'preset'      => 'content_manager',
		'color'       => '#d97757',
	)
);
$countersign_ci = countersign_demo_request(
	$countersign_admin,
	'POST',
	'/countersign/v1/agents',
	array(
		'label'       => 'Docs CI bot',
		'description' => 'Keeps release notes in sync with the changelog.',
		'role'        => 'author',
		'preset'      => 'draft_only',
		'color'       => '#3858e9',
		'autonomy'    => 'supervised',
	)
);

wp_set_current_user( $countersign_admin );
$countersign_published = wp_insert_post(
	array(
		'post_title'   => 'Welcome to our garden club',
		'post_status'  => 'publish',
		'post_content' => "<!-- wp:paragraph -->\n<p>Our club meets every second Saturday at the community garden. Bring gloves and a friend.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">What we grow</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Tomatoes, beans and far too many courgettes.</p>\n<!-- /wp:paragraph -->",
	)
);
$countersign_draft     = wp_insert_post(
	array(
		'post_title'   => 'Spring planting guide (draft)',
		'post_status'  => 'draft',
		'post_content' => "<!-- wp:paragraph -->\n<p>Plant peas as soon as the soil can be worked.</p>\n<!-- /wp:paragraph -->",
	)
);
$countersign_notes     = wp_insert_post(
	array(
		'post_title'   => 'Release notes 1.2',
		'post_status'  => 'draft',
		'post_author'  => (int) $countersign_ci['id'],
		'post_content' => "<!-- wp:paragraph -->\n<p>Version 1.2 fixes the calendar export.</p>\n<!-- /wp:paragraph -->",
	)
);

// Risk 3: a copy edit of a published post.
countersign_demo_request(
	(int) $countersign_claude['id'],
	'POST',
	'/countersign/v1/proposals',
	array(
		'post'      => $countersign_published,
		'changes'   => array(
			'title'   => 'Welcome to the Riverside Garden Club',
			'content' => "<!-- wp:paragraph -->\n<p>Our club meets every second Saturday at 10am at the Riverside community garden. Bring gloves, water and a friend.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">What we grow</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Tomatoes, runner beans and far too many courgettes.</p>\n<!-- /wp:paragraph -->",
		),
		'rationale' => 'Adds the meeting time and place members keep asking about, and names the club.',
		'source'    => array(
			'model' => 'claude-opus-4',
			'tool'  => 'countersign-demo',
		),
	)
);
// Risk 2: an excerpt on a draft.
countersign_demo_request(
	(int) $countersign_claude['id'],
	'POST',
	'/countersign/v1/proposals',
	array(
		'post'      => $countersign_draft,
		'changes'   => array( 'excerpt' => 'When to sow peas, beans and salad leaves this spring.' ),
		'rationale' => 'The draft had no excerpt; search results and the blog index show one.',
	)
);
// Risk 2: a new post.
countersign_demo_request(
	(int) $countersign_ci['id'],
	'POST',
	'/countersign/v1/proposals',
	array(
		'post'      => 0,
		'post_type' => 'post',
		'changes'   => array(
			'title'   => 'Release notes 1.3',
			'content' => "<!-- wp:paragraph -->\n<p>Version 1.3 adds recurring events and fixes time zones in reminders.</p>\n<!-- /wp:paragraph -->",
		),
		'rationale' => 'Changelog for 1.3 was merged; these notes mirror it.',
		'source'    => array( 'tool' => 'github-actions', 'run' => '8812' ),
	)
);
// Risk 4: publishing needs a confirmation token first.
$countersign_publish = array( 'status' => 'publish' );
$countersign_intent  = countersign_demo_request(
	(int) $countersign_claude['id'],
	'POST',
	'/countersign/v1/intents',
	array(
		'post'    => $countersign_draft,
		'changes' => $countersign_publish,
	)
);
countersign_demo_request(
	(int) $countersign_claude['id'],
	'POST',
	'/countersign/v1/proposals',
	array(
		'post'          => $countersign_draft,
		'changes'       => $countersign_publish,
		'rationale'     => 'The planting guide is complete and spring starts next week.',
		'confirm_token' => $countersign_intent['token'],
	)
);

file_put_contents(
	$countersign_credentials,
	(string) wp_json_encode(
		array(
			'agent_id'             => $countersign_claude['id'],
			'user_login'           => $countersign_claude['user_login'],
			'label'                => $countersign_claude['label'],
			'application_password' => $countersign_claude['application_password'],
			'post'                 => $countersign_published,
		),
		JSON_PRETTY_PRINT
	)
);
update_option( 'countersign_demo_seeded', 1, false );
