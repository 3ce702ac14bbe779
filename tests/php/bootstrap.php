<?php
/**
 * Loads the real WordPress of the test site (bin/site.sh up test 8889), with Countersign active, on its MariaDB.
 *
 * @package Countersign
 */

declare(strict_types=1);

$countersign_wp = getenv( 'COUNTERSIGN_WP_DIR' ) ? getenv( 'COUNTERSIGN_WP_DIR' ) : dirname( __DIR__, 2 ) . '/.run/test/wordpress';
if ( ! is_readable( $countersign_wp . '/wp-load.php' ) ) {
	fwrite( STDERR, "No test site at {$countersign_wp}: run `npm test` (or bin/site.sh up test 8889).\n" );
	exit( 1 );
}
$countersign_url        = getenv( 'COUNTERSIGN_TEST_URL' ) ? (string) getenv( 'COUNTERSIGN_TEST_URL' ) : 'http://localhost:8889';
$_SERVER['HTTP_HOST']   = parse_url( $countersign_url, PHP_URL_HOST ) . ':' . parse_url( $countersign_url, PHP_URL_PORT ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- WordPress is not loaded yet.
$_SERVER['SERVER_NAME'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
require $countersign_wp . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
require_once ABSPATH . 'wp-admin/includes/post.php';
require_once __DIR__ . '/TestCase.php';
require_once __DIR__ . '/Http.php';
require_once __DIR__ . '/Browser.php';
require_once __DIR__ . '/CapturesMail.php';
require_once __DIR__ . '/RegistersPostMeta.php';

if ( ! class_exists( \Countersign\Plugin::class ) ) {
	fwrite( STDERR, "Countersign is not active on the test site.\n" );
	exit( 1 );
}

// This process is the tests' observer: behind a drop-in that sends reads to replicas (the replicas suite), it reads
// the primary, so what a test checks is what is true, not what a lagging replica says.
\Countersign\Support\Database::reads_to_primary( $GLOBALS['wpdb'] );
