<?php
/**
 * A schema upgrade on a site with a long audit log, behind two web servers.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Topology;

use Countersign\Audit\AuditVerifier;
use Countersign\Install\Schema;
use Countersign\Support\Database;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Right after an update every request of every web server runs the installer until one records the new version.
 * The stored canonical column of a long audit log is a copy of the whole table (about 25 s per million rows, audit
 * appends waiting), so no such request may do it or wait for it: the background job does, once.
 *
 * Everything is asserted through the web servers or read from the database's own rows, never from this process's
 * caches.
 *
 * @group topology
 */
final class UpgradeTest extends TestCase {

	/**
	 * Version 5 with a log longer than INLINE_CANONICAL_ROWS, while another process holds the job's lock (as the one
	 * copying the table does): requests through both servers are served, record version 6 and leave the column to
	 * the background job without starting a copy. The job, run through WP-Cron on the other server, adds it once;
	 * the whole log verifies through it.
	 */
	public function test_a_long_audit_log_gets_its_column_in_the_background_not_in_a_request(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		require_once dirname( __DIR__ ) . '/fixtures/audit-rows.php';
		countersign_grow_audit_log( Schema::INLINE_CANONICAL_ROWS + 500 );
		$admin = $this->credentials( $this->user( 'administrator' ) );
		$agent = $this->agent();
		$login = $agent['user_login'] . ':' . $agent['application_password'];
		$db    = new Database( $wpdb );

		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.SchemaChange, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- back to schema 5.
		$wpdb->query( "ALTER TABLE {$table} DROP COLUMN " . AuditVerifier::CANONICAL_COLUMN );
		wp_clear_scheduled_hook( Schema::CANONICAL_HOOK );
		update_option( Schema::VERSION_OPTION, 5 );
		$this->assertTrue( $db->lock( 'schema.canonical', 0 ), 'this process stands in for one copying the table' );
		try {
			$home    = wp_remote_get( Http::servers()[0] . '/', array( 'redirection' => 0 ) );
			$served  = Http::parallel(
				array(
					array( '', 'GET', '/' ),
					array( $admin, 'GET', '/countersign/v1/audit?per_page=5' ),
					array( $login, 'GET', '/countersign/v1/me' ),
					array( $login, 'GET', '/countersign/v1/me' ),
				)
			);
			$statuses = array_merge( array( wp_remote_retrieve_response_code( $home ) ), array_column( $served, 'status' ) );
			$this->assertSame( array( 200, 200, 200, 200, 200 ), $statuses, (string) wp_json_encode( array_column( $served, 'body' ) ) );
			$this->assertSame( (string) Schema::SCHEMA_VERSION, $this->option_row( Schema::VERSION_OPTION ), 'a request recorded the new version' );
			$this->assertFalse( AuditVerifier::stored_canonical( $wpdb, $table ), 'no request copied the table' );
			$this->assertStringContainsString( '"' . Schema::CANONICAL_HOOK . '"', (string) wp_json_encode( maybe_unserialize( $this->option_row( 'cron' ) ) ), 'the background job is scheduled' );
			$this->assertSame( 0, $this->alters( $table ), 'no ALTER TABLE is running or waiting' );
		} finally {
			$db->unlock( 'schema.canonical' );
		}

		// WP-Cron, as a visit spawns it (here on the other server): wp-cron.php runs what is due.
		delete_transient( 'doing_cron' );
		$cron = wp_remote_get( Http::servers()[ count( Http::servers() ) - 1 ] . '/wp-cron.php?doing_wp_cron', array( 'timeout' => 120 ) );
		$this->assertSame( 200, wp_remote_retrieve_response_code( $cron ) );
		$this->assertTrue( AuditVerifier::stored_canonical( $wpdb, $table ), 'the background job added the column' );
		$this->assertStringNotContainsString( '"' . Schema::CANONICAL_HOOK . '"', (string) wp_json_encode( maybe_unserialize( $this->option_row( 'cron' ) ) ), 'the job ran once' );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the expression is a constant.
		$this->assertSame( 0, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE NOT canonical <=> " . AuditVerifier::CANONICAL_SQL ), 'every row holds its string' );
		$verified = Http::send( 0, $admin, 'GET', '/countersign/v1/audit/verify' );
		$this->assertSame( 200, $verified['status'] );
		$this->assertTrue( $verified['body']['ok'] ?? null, (string) wp_json_encode( $verified['body'] ) );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertSame( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ), $verified['body']['verified'] ?? null );
	}

	/**
	 * An option's stored value, from its row (never from this process's caches).
	 *
	 * @param string $name Option name.
	 */
	private function option_row( string $name ): string {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the row itself.
		return (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
	}

	/**
	 * ALTER TABLE statements on the table that any connection is running or waiting to run.
	 *
	 * @param string $table Table.
	 */
	private function alters( string $table ): int {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE %s AND ID <> CONNECTION_ID()", 'ALTER TABLE ' . $wpdb->esc_like( $table ) . ' %' ) );
	}
}
