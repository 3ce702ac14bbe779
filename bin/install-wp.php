<?php
/**
 * Installs WordPress in the given directory (once) and activates Countersign. Idempotent.
 *
 * Usage: php bin/install-wp.php WORDPRESS_DIR URL
 *
 * @package Countersign
 */

declare(strict_types=1);

[ , $countersign_wp, $countersign_url ] = $argv;
$countersign_host = (string) parse_url( $countersign_url, PHP_URL_HOST ) . ':' . (string) parse_url( $countersign_url, PHP_URL_PORT );

$_SERVER['HTTP_HOST']   = $countersign_host;
$_SERVER['SERVER_NAME'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/';
define( 'WP_INSTALLING', true );
require $countersign_wp . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if ( ! is_blog_installed() ) {
	wp_install( 'Countersign', 'admin', 'admin@example.com', true, '', 'password' );
	update_option( 'permalink_structure', '/%postname%/' );
	update_option( 'blogdescription', 'A local site for Countersign' );
}
if ( ! is_plugin_active( 'countersign/plugin.php' ) ) {
	$countersign_result = activate_plugin( 'countersign/plugin.php' );
	if ( is_wp_error( $countersign_result ) ) {
		fwrite( STDERR, 'countersign: activation failed: ' . $countersign_result->get_error_message() . "\n" );
		exit( 1 );
	}
}
flush_rewrite_rules( false );
