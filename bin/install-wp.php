<?php
/**
 * Installs WordPress in the given directory (once) and activates Countersign (and the MCP Adapter, when linked in).
 * Idempotent.
 *
 * Usage: php bin/install-wp.php WORDPRESS_DIR URL [multisite]
 *
 * With `multisite`, the first run (wp-config without MULTISITE) turns the site into a subdirectory network
 * and prints `converted`; bin/site.sh then adds the MULTISITE constants to wp-config.php and runs this again,
 * which network-activates Countersign.
 *
 * @package Countersign
 */

declare(strict_types=1);

$countersign_wp        = $argv[1];
$countersign_url       = $argv[2];
$countersign_multisite = 'multisite' === ( $argv[3] ?? '' );
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
if ( $countersign_multisite && ! is_multisite() ) {
	require_once ABSPATH . 'wp-admin/includes/network.php';
	// Outside a network wpdb does not name the network tables; install_network() needs them (as in WP-CLI's convert).
	foreach ( $wpdb->tables( 'ms_global' ) as $countersign_table => $countersign_prefixed ) {
		$wpdb->$countersign_table = $countersign_prefixed;
	}
	install_network();
	$countersign_result = populate_network( 1, $countersign_host, 'admin@example.com', 'Countersign network', '/', false );
	if ( is_wp_error( $countersign_result ) ) {
		fwrite( STDERR, 'countersign: network setup failed: ' . $countersign_result->get_error_message() . "\n" );
		exit( 1 );
	}
	echo "converted\n";
	exit( 0 );
}
if ( is_multisite() ) {
	if ( ! is_plugin_active_for_network( 'countersign/plugin.php' ) ) {
		$countersign_result = activate_plugin( 'countersign/plugin.php', '', true );
		if ( is_wp_error( $countersign_result ) ) {
			fwrite( STDERR, 'countersign: network activation failed: ' . $countersign_result->get_error_message() . "\n" );
			exit( 1 );
		}
	}
} elseif ( ! is_plugin_active( 'countersign/plugin.php' ) ) {
	$countersign_result = activate_plugin( 'countersign/plugin.php' );
	if ( is_wp_error( $countersign_result ) ) {
		fwrite( STDERR, 'countersign: activation failed: ' . $countersign_result->get_error_message() . "\n" );
		exit( 1 );
	}
}
// The WordPress MCP Adapter, when bin/site.sh linked it in: Countersign's MCP server runs on it.
if ( ! is_multisite() && file_exists( WP_PLUGIN_DIR . '/mcp-adapter/mcp-adapter.php' ) && ! is_plugin_active( 'mcp-adapter/mcp-adapter.php' ) ) {
	$countersign_result = activate_plugin( 'mcp-adapter/mcp-adapter.php' );
	if ( is_wp_error( $countersign_result ) ) {
		fwrite( STDERR, 'countersign: MCP Adapter activation failed: ' . $countersign_result->get_error_message() . "\n" );
		exit( 1 );
	}
}
flush_rewrite_rules( false );
