<?php
/**
 * Removes Countersign's data when the plugin is deleted: its tables, options, proposals and capabilities.
 * Agent users are kept (their posts stay attributed), but lose their credentials and their role: without
 * Countersign nothing would strip their write capabilities any more.
 *
 * @package Countersign
 */

declare(strict_types=1);

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

global $wpdb;

foreach ( array( 'countersign_backups', 'countersign_audit', 'countersign_counters' ) as $countersign_table ) {
	$wpdb->query( 'DROP TABLE IF EXISTS `' . esc_sql( $wpdb->prefix . $countersign_table ) . '`' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- table names cannot be placeholders.
}
foreach ( array( 'countersign_settings', 'countersign_kill_switch', 'countersign_schema_version', 'countersign_demo_seeded' ) as $countersign_option ) {
	delete_option( $countersign_option );
}
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( '_countersign_intent_' ) . '%' ) );

$countersign_ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s", 'countersign_proposal' ) );
foreach ( $countersign_ids as $countersign_id ) {
	wp_delete_post( (int) $countersign_id, true );
}

foreach ( get_users( array( 'meta_key' => 'countersign_agent', 'fields' => 'ID' ) ) as $countersign_agent ) { // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key
	WP_Application_Passwords::delete_all_application_passwords( (int) $countersign_agent );
	$countersign_user = get_userdata( (int) $countersign_agent );
	if ( $countersign_user ) {
		$countersign_user->set_role( '' );
	}
	delete_user_meta( (int) $countersign_agent, 'countersign_agent' );
}

foreach ( wp_roles()->role_objects as $countersign_role ) {
	foreach ( array( 'countersign_review', 'countersign_manage', 'countersign_audit' ) as $countersign_cap ) {
		$countersign_role->remove_cap( $countersign_cap );
	}
}
