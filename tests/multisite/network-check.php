<?php
/**
 * Countersign on a real multisite network (bin/site.sh up NAME PORT --multisite): network activation reaches
 * every existing site, a new site is set up at once, a deleted site's tables go with it, and uninstall cleans
 * every site. Run by `bin/test.sh multisite`; prints one line a check and exits non-zero on any failure.
 *
 * Usage: php tests/multisite/network-check.php WORDPRESS_DIR HOST:PORT
 *
 * It changes the network (sites, activation, and finally uninstalls), so it runs on a throwaway site only.
 *
 * @package Countersign
 */

declare(strict_types=1);

$_SERVER['HTTP_HOST']   = $argv[2] ?? 'localhost';
$_SERVER['SERVER_NAME'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/';
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$countersign_passed = 0;
$countersign_failed = 0;

/**
 * Records one check.
 *
 * @param string $what      What is checked.
 * @param bool   $condition Whether it holds.
 */
function countersign_check( string $what, bool $condition ): void {
	global $countersign_passed, $countersign_failed;
	if ( $condition ) {
		++$countersign_passed;
		echo "  ok    {$what}\n";
	} else {
		++$countersign_failed;
		echo "  FAIL  {$what}\n";
	}
}

/**
 * Whether all of a site's Countersign tables exist (true), none do (false), or some do (null).
 *
 * @param int $site_id Site.
 */
function countersign_tables( int $site_id ): ?bool {
	global $wpdb;
	$found = 0;
	foreach ( array( 'countersign_backups', 'countersign_audit', 'countersign_counters' ) as $table ) {
		$name   = $wpdb->get_blog_prefix( $site_id ) . $table;
		$found += (int) ( $name === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $name ) ) );
	}
	return 3 === $found ? true : ( 0 === $found ? false : null );
}

/**
 * Whether a site's administrators hold Countersign's manage capability.
 *
 * @param int $site_id Site.
 */
function countersign_admin_caps( int $site_id ): bool {
	switch_to_blog( $site_id );
	$role = get_role( 'administrator' );
	$has  = $role && $role->has_cap( 'countersign_manage' );
	restore_current_blog();
	return $has;
}

$countersign_plugin = 'countersign/plugin.php';
$countersign_host   = (string) $_SERVER['HTTP_HOST'];

countersign_check( 'the site is a network', is_multisite() );
countersign_check( 'Countersign is network-active', is_plugin_active_for_network( $countersign_plugin ) );
countersign_check( 'the main site has its tables', true === countersign_tables( 1 ) );

// A site created while the plugin is off stays untouched, so the next checks show activation reaching it.
deactivate_plugins( $countersign_plugin, false, true );
$countersign_two = wp_insert_site(
	array(
		'domain' => $countersign_host,
		'path'   => '/two-' . wp_generate_password( 6, false ) . '/',
		'title'  => 'Two',
	)
);
countersign_check( 'a second site was created', is_int( $countersign_two ) );
$countersign_two = (int) $countersign_two;
countersign_check( 'while inactive, a new site gets no tables', false === countersign_tables( $countersign_two ) );

$countersign_result = activate_plugin( $countersign_plugin, '', true );
countersign_check( 'network activation succeeds', ! is_wp_error( $countersign_result ) );
countersign_check( 'network activation creates the existing site\'s tables', true === countersign_tables( $countersign_two ) );
countersign_check( 'network activation grants the existing site\'s administrators', countersign_admin_caps( $countersign_two ) );
switch_to_blog( $countersign_two );
countersign_check( 'network activation records the schema version on the existing site', '' !== (string) get_option( 'countersign_schema_version', '' ) );
restore_current_blog();

// Queries name the tables as $wpdb->countersign_*; they must follow switch_to_blog() like core's $wpdb->posts.
switch_to_blog( $countersign_two );
countersign_check( 'switch_to_blog() renames $wpdb->countersign_audit to the site\'s table', $wpdb->get_blog_prefix( $countersign_two ) . 'countersign_audit' === $wpdb->countersign_audit );
\Countersign\Plugin::instance()->audit->append( 'multisite.check', array( 'actor_type' => 'system' ) );
$countersign_rows = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM `' . esc_sql( $wpdb->get_blog_prefix( $countersign_two ) . 'countersign_audit' ) . '` WHERE action = %s', 'multisite.check' ) );
countersign_check( 'an audit row written while switched lands in that site\'s table', 1 === $countersign_rows );
restore_current_blog();
countersign_check( 'restore_current_blog() names the main site\'s tables again', $wpdb->get_blog_prefix( 1 ) . 'countersign_audit' === $wpdb->countersign_audit );
countersign_check( 'and the main site\'s audit table did not get that row', 0 === (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->countersign_audit} WHERE action = %s", 'multisite.check' ) ) );

$countersign_three = (int) wp_insert_site(
	array(
		'domain' => $countersign_host,
		'path'   => '/three-' . wp_generate_password( 6, false ) . '/',
		'title'  => 'Three',
	)
);
countersign_check( 'a site added later gets its tables at once', true === countersign_tables( $countersign_three ) );
countersign_check( 'a site added later gets the capabilities', countersign_admin_caps( $countersign_three ) );
countersign_check( 'each site has its own tables', $wpdb->get_blog_prefix( $countersign_three ) !== $wpdb->get_blog_prefix( 1 ) );

wp_delete_site( $countersign_three );
countersign_check( 'deleting a site drops its Countersign tables', false === countersign_tables( $countersign_three ) );

// A site that chose to keep its audit trail when the plugin goes.
$countersign_four = (int) wp_insert_site(
	array(
		'domain' => $countersign_host,
		'path'   => '/four-' . wp_generate_password( 6, false ) . '/',
		'title'  => 'Four',
	)
);
switch_to_blog( $countersign_four );
update_option( 'countersign_settings', array( 'keep_audit_on_uninstall' => true ) );
restore_current_blog();

define( 'WP_UNINSTALL_PLUGIN', $countersign_plugin );
require WP_PLUGIN_DIR . '/countersign/uninstall.php';
countersign_check( 'uninstall drops the main site\'s tables', false === countersign_tables( 1 ) );
countersign_check( 'uninstall drops the other site\'s tables', false === countersign_tables( $countersign_two ) );
countersign_check( 'uninstall removes the other site\'s capabilities', ! countersign_admin_caps( $countersign_two ) );
switch_to_blog( $countersign_two );
countersign_check( 'uninstall removes the other site\'s options', false === get_option( 'countersign_schema_version' ) );
restore_current_blog();
$countersign_four_prefix = $wpdb->get_blog_prefix( $countersign_four );
countersign_check( 'uninstall keeps the audit table of a site that chose to keep it', $countersign_four_prefix . 'countersign_audit' === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $countersign_four_prefix . 'countersign_audit' ) ) );
countersign_check( 'and still drops that site\'s other tables', null === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $countersign_four_prefix . 'countersign_backups' ) ) );
switch_to_blog( $countersign_four );
countersign_check( 'and still removes that site\'s settings', false === get_option( 'countersign_settings' ) );
restore_current_blog();

echo "multisite: {$countersign_passed} passed, {$countersign_failed} failed\n";
exit( $countersign_failed > 0 ? 1 : 0 );
