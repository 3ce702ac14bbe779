<?php
/**
 * Removes Countersign's data when the plugin is deleted: its tables, options, proposals and capabilities.
 * The audit table stays on a site whose settings say keep_audit_on_uninstall.
 * Agent users are kept (their posts stay attributed), but lose their credentials and their role: without
 * Countersign nothing would strip their write capabilities any more.
 *
 * On a network, every site has its own tables, options, proposals and roles, so each site is cleaned in turn;
 * agents' credentials and meta belong to the user, which is network-wide, so they go once at the end.
 *
 * @package Countersign
 */

declare(strict_types=1);

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * Removes Countersign's data from the current site, and returns the agent users found there.
 *
 * @return list<int>
 */
function countersign_uninstall_site(): array {
	global $wpdb;

	// The audit trail outlives the plugin when the site chose to keep it (setting keep_audit_on_uninstall).
	$settings = get_option( 'countersign_settings', array() );
	$tables   = array( 'countersign_backups', 'countersign_counters', 'countersign_uploads', 'countersign_upload_chunks' );
	if ( ! is_array( $settings ) || empty( $settings['keep_audit_on_uninstall'] ) ) {
		$tables[] = 'countersign_audit';
		// The head anchors the table; a kept log keeps its anchor.
		delete_option( 'countersign_audit_head' );
	}
	// phpcs:disable WordPress.DB.DirectDatabaseQuery -- removing the plugin's own tables and rows; nothing is read back.
	foreach ( $tables as $table ) {
		$wpdb->query( 'DROP TABLE IF EXISTS `' . esc_sql( $wpdb->prefix . $table ) . '`' ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- table names cannot be placeholders.
	}
	foreach ( array( 'countersign_settings', 'countersign_kill_switch', 'countersign_schema_version', 'countersign_demo_seeded' ) as $option ) {
		delete_option( $option );
	}
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( '_countersign_intent_' ) . '%' ) );
	wp_clear_scheduled_hook( 'countersign_daily' );
	wp_clear_scheduled_hook( 'countersign_audit_canonical' );
	wp_clear_scheduled_hook( 'countersign_notifications_digest' );

	$ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s", 'countersign_proposal' ) );
	// phpcs:enable
	foreach ( $ids as $id ) {
		wp_delete_post( (int) $id, true );
	}

	$agents    = array();
	$agent_ids = get_users(
		array(
			'meta_key' => 'countersign_agent', // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- once, on uninstall.
			'fields'   => 'ID',
		)
	);
	foreach ( $agent_ids as $agent ) {
		$user = get_userdata( (int) $agent );
		if ( $user ) {
			$user->set_role( '' );
		}
		$agents[] = (int) $agent;
	}

	foreach ( wp_roles()->role_objects as $role ) {
		foreach ( array( 'countersign_review', 'countersign_manage', 'countersign_audit' ) as $cap ) {
			$role->remove_cap( $cap );
		}
	}
	return $agents;
}

$countersign_agents = array();
if ( is_multisite() ) {
	foreach ( get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	) as $countersign_site ) {
		switch_to_blog( (int) $countersign_site );
		array_push( $countersign_agents, ...countersign_uninstall_site() );
		restore_current_blog();
	}
} else {
	$countersign_agents = countersign_uninstall_site();
}

foreach ( array_unique( $countersign_agents ) as $countersign_agent ) {
	WP_Application_Passwords::delete_all_application_passwords( $countersign_agent );
	delete_user_meta( $countersign_agent, 'countersign_agent' );
}
