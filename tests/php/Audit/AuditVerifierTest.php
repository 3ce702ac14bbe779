<?php
/**
 * The audit chain.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Audit;

use Countersign\Audit\AuditHead;
use Countersign\Audit\AuditLog;
use Countersign\Audit\AuditVerifier;
use Countersign\Install\Schema;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Appends chain; verify names the first tampered row; the audit routes are closed to agents.
 */
final class AuditVerifierTest extends TestCase {

	/**
	 * The chain verifies after real activity, and a row changed by SQL is named.
	 */
	public function test_verify_names_the_first_tampered_row(): void {
		global $wpdb;
		$agent   = (int) $this->agent()['id'];
		$admin   = $this->user( 'administrator' );
		$post_id = $this->post();
		$this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Audited' ),
			)
		);

		$ok = $this->rest( $admin, 'GET', '/countersign/v1/audit/verify' )->get_data();
		$this->assertTrue( $ok['ok'] );
		$this->assertNull( $ok['first_bad'] );
		$this->assertGreaterThan( 2, $ok['verified'] );

		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$this->drop_triggers();
		$row    = $wpdb->get_row( "SELECT id, details FROM {$table} WHERE action = 'proposal.submitted' ORDER BY id DESC LIMIT 1", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$target = (int) $row['id'];
		$wpdb->update( $table, array( 'details' => '{"forged":true}' ), array( 'id' => $target ) );
		try {
			$bad = $this->rest( $admin, 'GET', '/countersign/v1/audit/verify' )->get_data();
		} finally {
			$wpdb->update( $table, array( 'details' => $row['details'] ), array( 'id' => $target ) );
			$this->assertTrue( $this->plugin()->retention->harden() );
		}

		$this->assertFalse( $bad['ok'] );
		$this->assertSame( $target, $bad['first_bad'] );
		$this->assertNull( $bad['fork'], 'a row altered in place is broken, not forked' );
		$this->assertTrue( $this->rest( $admin, 'GET', '/countersign/v1/audit/verify' )->get_data()['ok'] );
	}

	/**
	 * Every agent request is recorded, refused ones included, and filterable by agent.
	 */
	public function test_agent_requests_are_recorded(): void {
		$agent   = (int) $this->agent()['id'];
		$admin   = $this->user( 'administrator' );
		$post_id = $this->post();
		$this->rest( $agent, 'POST', '/wp/v2/posts/' . $post_id, array( 'title' => 'nope' ) );
		$this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'yes' ),
			)
		);

		$rows    = $this->rest(
			$admin,
			'GET',
			'/countersign/v1/audit',
			array(
				'agent'  => $agent,
				'action' => 'request',
			)
		)->get_data();
		$refused = array_values( array_filter( $rows, fn( $r ) => 'refused' === $r['outcome'] ) );

		$this->assertCount( 2, $rows );
		$this->assertCount( 1, $refused );
		$this->assertSame( '/wp/v2/posts/' . $post_id, $refused[0]['details']['route'] );
	}

	/**
	 * Agents, even editor agents, cannot read the audit log.
	 */
	public function test_agents_cannot_read_the_audit_log(): void {
		$agent = (int) $this->agent( array( 'role' => 'editor' ) )['id'];
		$this->assertError( $this->rest( $agent, 'GET', '/countersign/v1/audit' ), 'rest_forbidden', 403 );
		$this->assertError( $this->rest( $agent, 'GET', '/countersign/v1/audit/verify' ), 'rest_forbidden', 403 );
	}

	/**
	 * Sixteen concurrent writers (agent requests on the site's PHP workers): the chain stays linear, no row shares
	 * a predecessor with another.
	 */
	public function test_chain_stays_linear_under_concurrent_writers(): void {
		global $wpdb;
		$agent = $this->agent( array( 'rate_limit' => 1000 ) );
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$first = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		for ( $round = 0; $round < 5; $round++ ) {
			$results = Http::parallel( array_fill( 0, 16, array( $agent['user_login'] . ':' . $agent['application_password'], 'GET', '/countersign/v1/me' ) ) );
			$this->assertSame( array( 200 ), array_values( array_unique( array_column( $results, 'status' ) ) ) );
		}
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$links = $wpdb->get_col( $wpdb->prepare( "SELECT prev_hash FROM {$table} WHERE id > %d", $first ) );

		$this->assertGreaterThanOrEqual( 80, count( $links ) );
		$this->assertSame( count( $links ), count( array_unique( $links ) ), 'two rows chained onto the same predecessor' );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * A locking read of the anchored head that the database refuses (here: another connection holds the head's row
	 * past the lock wait timeout, as a read-only replica refuses FOR UPDATE outright) stops the append with an error:
	 * no row is written, none chained onto genesis, and the chain still verifies.
	 */
	public function test_a_refused_locking_read_stops_the_append(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$this->plugin()->audit->append( 'test.before' );
		list( $host, $socket ) = array_pad( explode( ':', DB_HOST, 2 ), 2, '' );
		$holder                = new \mysqli( $host, DB_USER, DB_PASSWORD, DB_NAME, 0, $socket );
		$holder->begin_transaction();
		$holder->query( "SELECT option_value FROM {$wpdb->options} WHERE option_name = '" . AuditHead::OPTION . "' FOR UPDATE" );
		$wpdb->query( 'SET SESSION innodb_lock_wait_timeout = 1' );
		$wpdb->suppress_errors( true );
		try {
			$this->plugin()->audit->append( 'test.refused' );
			$this->fail( 'the append went ahead without its locking read' );
		} catch ( \RuntimeException $refused ) {
			$this->assertStringContainsString( 'locking read', $refused->getMessage() );
		} finally {
			$wpdb->suppress_errors( false );
			$wpdb->query( 'SET SESSION innodb_lock_wait_timeout = DEFAULT' );
			$holder->rollback();
			$holder->close();
		}
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE action = %s", 'test.refused' ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->plugin()->audit->append( 'test.after' );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * The head's row is the lock appends queue on. A deleted row is created again by the next append (chained onto
	 * the table's tail, so the log verifies again), and one an older version autoloaded stops being autoloaded; in
	 * both cases core's option cache (notoptions, alloptions) answers the new head, never a stale copy.
	 */
	public function test_append_recreates_a_missing_head_row_and_keeps_the_option_cache_right(): void {
		global $wpdb;
		$this->plugin()->audit->append( 'test.before' );
		$wpdb->delete( $wpdb->options, array( 'option_name' => AuditHead::OPTION ) );
		wp_cache_delete( AuditHead::OPTION, 'options' );
		$this->assertFalse( get_option( AuditHead::OPTION ), 'primes notoptions with the missing row' );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['truncated'], 'no head: not ok' );

		$id   = $this->plugin()->audit->append( 'test.recreated' );
		$head = json_decode( (string) get_option( AuditHead::OPTION ), true );
		$this->assertSame( $id, $head['id'] ?? null );
		$this->assertSame( 'off', $wpdb->get_var( $wpdb->prepare( "SELECT autoload FROM {$wpdb->options} WHERE option_name = %s", AuditHead::OPTION ) ) );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );

		$wpdb->update( $wpdb->options, array( 'autoload' => 'on' ), array( 'option_name' => AuditHead::OPTION ) );
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( AuditHead::OPTION, 'options' );
		$this->assertSame( $id, json_decode( (string) wp_load_alloptions()[ AuditHead::OPTION ], true )['id'] ?? null );

		$next = $this->plugin()->audit->append( 'test.unloaded' );
		$this->assertArrayNotHasKey( AuditHead::OPTION, wp_load_alloptions() );
		$this->assertSame( $next, json_decode( (string) get_option( AuditHead::OPTION ), true )['id'] ?? null );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * AuditLog::mac() (OpenSSL's SHA-256 under RFC 2104) gives hash_hmac()'s bytes for keys shorter than, as long as
	 * and longer than the 64-byte block, and for messages around it; a row hashed through it verifies against them.
	 */
	public function test_mac_is_hmac_sha256(): void {
		foreach ( array( '', 'k', str_repeat( 'k', 63 ), random_bytes( 64 ), random_bytes( 65 ), random_bytes( 200 ), AuditLog::key() ) as $key ) {
			foreach ( array( '', 'a', random_bytes( 55 ), random_bytes( 64 ), random_bytes( 119 ), random_bytes( 5000 ) ) as $data ) {
				$this->assertSame( hash_hmac( 'sha256', $data, $key ), AuditLog::mac( $data, $key ), strlen( $key ) . '-byte key, ' . strlen( $data ) . '-byte message' );
			}
		}
		$this->assertNotSame( AuditLog::mac( 'a', 'k' ), AuditLog::mac( 'a', 'k2' ), 'each key has its own pads' );
	}

	/**
	 * Verify reads the stored canonical column only while it is generated by CANONICAL_SQL: made a plain column (its
	 * values kept) or generated by another expression, and then a visible column edited under a stale string, the
	 * edited row is still named, and the installer puts the column back.
	 */
	public function test_verify_trusts_the_stored_canonical_only_while_it_is_generated(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$this->assertTrue( AuditVerifier::stored_canonical( $wpdb, $table ) );
		$id = $this->plugin()->audit->append( 'test.stored', array( 'details' => array( 'amount' => 1 ) ) );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
		$this->assertSame( 0, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE NOT canonical <=> " . AuditVerifier::CANONICAL_SQL ), 'the column holds the expression for every row' );
		$details = (string) $wpdb->get_var( $wpdb->prepare( "SELECT details FROM {$table} WHERE id = %d", $id ) );
		$alters  = array(
			'a plain column'                  => 'mediumtext',
			'generated without the details'   => 'mediumtext AS (' . str_replace( 'JSON_QUOTE(details)', "'\"\"'", AuditVerifier::CANONICAL_SQL ) . ') STORED',
			'generated by a constant string'  => "mediumtext AS ('{}') STORED",
		);
		$this->drop_triggers();
		try {
			foreach ( $alters as $what => $definition ) {
				$wpdb->query( "ALTER TABLE {$table} MODIFY " . AuditVerifier::CANONICAL_COLUMN . " {$definition}" );
				$this->assertFalse( AuditVerifier::stored_canonical( $wpdb, $table ), $what );
				$wpdb->update( $table, array( 'details' => '{"amount":1000000}' ), array( 'id' => $id ) );
				try {
					$result = $this->plugin()->audit_verifier->verify();
				} finally {
					$wpdb->update( $table, array( 'details' => $details ), array( 'id' => $id ) );
				}
				$this->assertFalse( $result['ok'], $what );
				$this->assertSame( $id, $result['first_bad'], $what );
				// Intact rows still verify, through the query that builds the string.
				$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'], $what );
				// The installer's job replaces a column of that name that is not generated as expected.
				$this->assertTrue( $this->plugin()->schema->add_canonical(), $what );
				$this->assertTrue( AuditVerifier::stored_canonical( $wpdb, $table ), $what );
			}
		} finally {
			$this->plugin()->schema->add_canonical();
			$this->assertTrue( $this->plugin()->retention->harden() );
		}
		// phpcs:enable
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * The upgrade from schema version 5 adds the stored column to a table that already holds rows; MariaDB fills
	 * it for them, the log verifies through it, and later runs of the installer (dbDelta) leave it as it is.
	 */
	public function test_schema_upgrade_from_5_adds_the_stored_canonical_to_existing_rows(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$ids   = array();
		for ( $i = 0; $i < 3; $i++ ) {
			$ids[] = $this->plugin()->audit->append( 'test.before_upgrade', array( 'details' => array( 'text' => "row {$i} \"é\"\n" ) ) );
		}
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
		$wpdb->query( "ALTER TABLE {$table} DROP COLUMN " . AuditVerifier::CANONICAL_COLUMN );
		update_option( Schema::VERSION_OPTION, 5 );
		$this->assertFalse( AuditVerifier::stored_canonical( $wpdb, $table ) );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'], 'version 5: verified through the query' );

		$rows = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" );
		$this->plugin()->schema->maybe_install();
		$this->assertSame( Schema::SCHEMA_VERSION, (int) get_option( Schema::VERSION_OPTION ) );
		// A log as short as a fresh test site's gets the column in the upgrading request; a longer one (a site this
		// suite ran on before) in the background job (tests/php/Topology/UpgradeTest.php runs that over HTTP).
		if ( $rows > Schema::INLINE_CANONICAL_ROWS ) {
			$this->assertFalse( AuditVerifier::stored_canonical( $wpdb, $table ) );
			$this->assertNotFalse( wp_next_scheduled( Schema::CANONICAL_HOOK ) );
			do_action( Schema::CANONICAL_HOOK );
			wp_clear_scheduled_hook( Schema::CANONICAL_HOOK );
		}
		$this->assertTrue( AuditVerifier::stored_canonical( $wpdb, $table ) );
		$this->assertSame( $rows, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE canonical = " . AuditVerifier::CANONICAL_SQL ), 'every existing row got its string' );
		$this->assertStringContainsString( '"details":"{\\"text\\":\\"row 2', (string) $wpdb->get_var( $wpdb->prepare( "SELECT canonical FROM {$table} WHERE id = %d", $ids[2] ) ) );
		// phpcs:enable
		$result = $this->plugin()->audit_verifier->verify();
		$this->assertTrue( $result['ok'], (string) wp_json_encode( $result ) );
		$this->assertSame( $rows, $result['verified'] );

		$this->plugin()->schema->install();
		$this->assertTrue( AuditVerifier::stored_canonical( $wpdb, $table ), 'dbDelta leaves the column alone' );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * Should the background job never have added the column (its request died mid-copy), the daily job adds it.
	 */
	public function test_the_daily_job_adds_a_missing_stored_canonical(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$wpdb->query( "ALTER TABLE {$table} DROP COLUMN " . AuditVerifier::CANONICAL_COLUMN ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange
		$this->assertFalse( AuditVerifier::stored_canonical( $wpdb, $table ) );
		do_action( 'countersign_daily' );
		$this->assertTrue( AuditVerifier::stored_canonical( $wpdb, $table ) );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * Verify hashes the canonical JSON the database builds, and lets PHP's hash_row() decide where the two differ.
	 * Unicode, quotes, backslashes and newlines render alike; control characters (\u001F, not \u001f) and U+2028
	 * render otherwise in the database, so those rows take PHP's path and still verify, and so do the rows after
	 * them. A change that only alters escaping (the same text as JSON, other bytes) is caught on either path.
	 */
	public function test_verify_is_exact_whichever_side_renders_the_row(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$plain = $this->plugin()->audit->append( 'test.unicode', array( 'details' => array( 'text' => "é 日本 😀 \"quoted\" back\\slash/ new\nline\ttab </script>" ) ) );
		$odd   = $this->plugin()->audit->append(
			'test.escapes',
			array(
				'object_type' => "line\u{2028}sep",
				'outcome'     => "ctl\x01\x1f",
			)
		);
		$after = $this->plugin()->audit->append( 'test.after', array( 'details' => array( 'i' => 1 ) ) );
		// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$rendered = $wpdb->get_row( $wpdb->prepare( "SELECT JSON_QUOTE(details) AS details, JSON_QUOTE(object_type) AS object_type, JSON_QUOTE(outcome) AS outcome, details AS raw FROM {$table} WHERE id IN (%d, %d) ORDER BY id", $plain, $odd ), ARRAY_A );
		$odd_sql  = $wpdb->get_row( $wpdb->prepare( "SELECT JSON_QUOTE(object_type) AS object_type, JSON_QUOTE(outcome) AS outcome FROM {$table} WHERE id = %d", $odd ), ARRAY_A );
		// phpcs:enable
		$flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;
		$this->assertSame( wp_json_encode( $rendered['raw'], $flags ), $rendered['details'], 'ordinary text renders alike' );
		$this->assertNotSame( wp_json_encode( "line\u{2028}sep", $flags ), $odd_sql['object_type'], 'U+2028 renders otherwise in the database' );
		$this->assertNotSame( wp_json_encode( "ctl\x01\x1f", $flags ), $odd_sql['outcome'], 'control characters render otherwise in the database' );

		$whole = $this->plugin()->audit_verifier->verify();
		$this->assertTrue( $whole['ok'], (string) wp_json_encode( $whole ) );
		$this->assertSame( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ), $whole['verified'] ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared

		$details = (string) $wpdb->get_var( $wpdb->prepare( "SELECT details FROM {$table} WHERE id = %d", $plain ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertStringContainsString( '\"quoted\"', $details );
		$tampers = array(
			'the same JSON with \u0022 for \"' => array( $plain, 'details', str_replace( '\"', '\u0022', $details ) ),
			'U+2028 spelled as an escape'      => array( $odd, 'object_type', 'line\u2028sep' ),
			'control characters spelled as their database escapes' => array( $odd, 'outcome', 'ctl\u0001\u001F' ),
			'control characters spelled as their PHP escapes' => array( $odd, 'outcome', 'ctl\u0001\u001f' ),
			'a row after a row PHP decided'    => array( $after, 'details', '{"i":2}' ),
			'a broken link after a row PHP decided' => array( $after, 'prev_hash', str_repeat( '0', 64 ) ),
		);
		$this->drop_triggers();
		try {
			foreach ( $tampers as $what => list( $id, $column, $value ) ) {
				$original = $wpdb->get_var( $wpdb->prepare( "SELECT {$column} FROM {$table} WHERE id = %d", $id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				$wpdb->update( $table, array( $column => $value ), array( 'id' => $id ) );
				try {
					$result = $this->plugin()->audit_verifier->verify();
				} finally {
					$wpdb->update( $table, array( $column => $original ), array( 'id' => $id ) );
				}
				$this->assertFalse( $result['ok'], $what );
				$this->assertSame( $id, $result['first_bad'], $what );
			}
		} finally {
			$this->assertTrue( $this->plugin()->retention->harden() );
		}
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * A row that chains onto an earlier row instead of its predecessor (two writers read the same tail) is named as
	 * a fork, with the row it forked from; a row chained onto genesis mid-log is a fork from the start (0).
	 */
	public function test_verify_reports_a_fork(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$this->plugin()->audit->append( 'test.one' );
		$this->plugin()->audit->append( 'test.two' );
		$rows = $wpdb->get_results( "SELECT id, hash FROM {$table} ORDER BY id DESC LIMIT 2", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->drop_triggers();
		try {
			foreach ( array( array( (string) $rows[1]['hash'], (int) $rows[1]['id'] ), array( AuditLog::GENESIS, 0 ) ) as list( $onto, $onto_id ) ) {
				$forged              = array(
					'created_at'  => ( new \DateTimeImmutable( 'now', new \DateTimeZone( 'UTC' ) ) )->format( 'Y-m-d H:i:s.u' ),
					'actor_type'  => 'system',
					'actor_id'    => 0,
					'agent_id'    => 0,
					'action'      => 'test.fork',
					'object_type' => '',
					'object_id'   => 0,
					'proposal_id' => 0,
					'outcome'     => 'ok',
					'ip'          => '',
					'request_id'  => wp_generate_uuid4(),
					'details'     => '[]',
				);
				$forged['prev_hash'] = $onto;
				$forged['hash']      = AuditLog::hash_row( $forged, $onto );
				$wpdb->insert( $table, $forged );
				$id = (int) $wpdb->insert_id;
				try {
					$result = $this->plugin()->audit_verifier->verify();
				} finally {
					$wpdb->delete( $table, array( 'id' => $id ) );
				}
				$this->assertFalse( $result['ok'] );
				$this->assertSame( $id, $result['first_bad'] );
				$this->assertSame(
					array(
						'id'   => $id,
						'onto' => $onto_id,
					),
					$result['fork']
				);
			}
		} finally {
			$this->assertTrue( $this->plugin()->retention->harden() );
		}
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * The database itself refuses UPDATE and DELETE on the audit table (the test database user may create
	 * triggers, as most do).
	 */
	public function test_database_refuses_updates_and_deletes(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$this->assertTrue( $this->plugin()->retention->harden() );
		$this->assertTrue( $this->plugin()->retention->hardened() );
		$id = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared

		$wpdb->suppress_errors( true );
		$updated = $wpdb->update( $table, array( 'outcome' => 'forged' ), array( 'id' => $id ) );
		$deleted = $wpdb->delete( $table, array( 'id' => $id ) );
		$wpdb->suppress_errors( false );

		$this->assertFalse( $updated );
		$this->assertFalse( $deleted );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * 100 random tamperings by SQL (update a column, delete a row, insert a forged row, swap two rows): verify
	 * detects every one and names the first bad row; each is undone before the next.
	 */
	public function test_random_tampering_is_always_detected(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		for ( $i = 0; $i < 30; $i++ ) {
			$this->plugin()->audit->append( 'test.filler', array( 'details' => array( 'i' => $i ) ) );
		}
		$this->drop_triggers();
		mt_srand( 20261123 );
		try {
			for ( $trial = 0; $trial < 100; $trial++ ) {
				// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				$ids  = array_map( 'intval', $wpdb->get_col( "SELECT id FROM {$table} ORDER BY id DESC LIMIT 30" ) );
				$ids  = array_reverse( $ids );
				$pick = mt_rand( 0, count( $ids ) - 3 );
				$id   = $ids[ $pick ];
				$row  = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", $id ), ARRAY_A );
				$next = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", $ids[ $pick + 1 ] ), ARRAY_A );
				$kind = array( 'update', 'delete', 'insert', 'swap' )[ $trial % 4 ];
				switch ( $kind ) {
					case 'update':
						$column = array( 'action', 'outcome', 'details', 'actor_id', 'created_at', 'ip' )[ mt_rand( 0, 5 ) ];
						$value  = 'actor_id' === $column ? (int) $row['actor_id'] + 1 : ( 'created_at' === $column ? '2001-01-01 00:00:00.000000' : ( 'details' === $column ? '{"forged":' . $trial . '}' : 'forged' ) );
						$wpdb->update( $table, array( $column => $value ), array( 'id' => $id ) );
						$expected = $id;
						break;
					case 'delete':
						$wpdb->delete( $table, array( 'id' => $id ) );
						$expected = $ids[ $pick + 1 ];
						break;
					case 'insert':
						$forged = array_merge(
							$row,
							array(
								'action' => 'forged.row',
								'hash'   => hash(
									'sha256',
									(string) $trial
								),
							)
						);
						unset( $forged['id'] );
						$wpdb->insert( $table, $forged );
						$expected = (int) $wpdb->insert_id;
						break;
					default:
						$swap_a = array_diff_key( $next, array( 'id' => 1 ) );
						$swap_b = array_diff_key( $row, array( 'id' => 1 ) );
						$wpdb->update( $table, $swap_a, array( 'id' => $id ) );
						$wpdb->update( $table, $swap_b, array( 'id' => $ids[ $pick + 1 ] ) );
						$expected = $id;
				}
				$result = $this->plugin()->audit_verifier->verify();
				// Undo, exactly.
				if ( 'insert' === $kind ) {
					$wpdb->delete( $table, array( 'id' => $expected ) );
				} elseif ( 'delete' === $kind ) {
					$wpdb->insert( $table, $row );
				} else {
					$wpdb->update( $table, array_diff_key( $row, array( 'id' => 1 ) ), array( 'id' => $id ) );
					$wpdb->update( $table, array_diff_key( $next, array( 'id' => 1 ) ), array( 'id' => $ids[ $pick + 1 ] ) );
				}
				// phpcs:enable
				$this->assertFalse( $result['ok'], "trial {$trial} ({$kind}) went unnoticed" );
				$this->assertSame( $expected, $result['first_bad'], "trial {$trial} ({$kind})" );
			}
		} finally {
			$this->assertTrue( $this->plugin()->retention->harden() );
		}
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
	}

	/**
	 * Retention seals the oldest rows into a checkpoint before purging them; verification continues from it,
	 * and still catches tampering after the checkpoint.
	 */
	public function test_retention_checkpoint_keeps_the_chain_verifiable(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		for ( $i = 0; $i < 5; $i++ ) {
			$this->plugin()->audit->append( 'test.filler', array( 'details' => array( 'i' => $i ) ) );
		}
		$before = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared

		$purged = $this->plugin()->retention->purge( gmdate( 'Y-m-d H:i:s', time() + 60 ), 3 );

		$after = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertGreaterThan( 0, $purged );
		$this->assertSame( $before + 1 - $purged, $after );
		$result = $this->plugin()->audit_verifier->verify();
		$this->assertTrue( $result['ok'], (string) wp_json_encode( $result ) );
		$this->assertSame( $after, $result['verified'] );
		$this->assertTrue( $this->plugin()->retention->hardened(), 'the purge left the triggers in place' );
	}

	/**
	 * The export streams every matching row over HTTP as CSV (formula-safe) and JSON, and is itself audited.
	 */
	public function test_export_streams_csv_and_json(): void {
		$admin = $this->user( 'administrator' );
		$agent = (int) $this->agent()['id'];
		$this->plugin()->audit->append(
			'test.export',
			array(
				'agent_id' => $agent,
				'outcome'  => '=HYPERLINK("x")',
				'details'  => array( 'note' => 'formula' ),
			)
		);
		$this->plugin()->audit->append(
			'test.export',
			array(
				'agent_id' => $agent,
				'details'  => array( 'note' => 'plain' ),
			)
		);
		$password = \WP_Application_Passwords::create_new_application_password( $admin, array( 'name' => 'export' ) )[0];
		$url      = rtrim( (string) ( getenv( 'COUNTERSIGN_TEST_URL' ) ? getenv( 'COUNTERSIGN_TEST_URL' ) : 'http://localhost:8889' ), '/' );
		$fetch    = static function ( string $query ) use ( $url, $admin, $password ): array {
			$handle = curl_init( $url . '/wp-json/countersign/v1/audit/export?' . $query );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_USERPWD        => get_userdata( $admin )->user_login . ':' . $password,
					CURLOPT_RETURNTRANSFER => true,
				)
			);
			$body = (string) curl_exec( $handle );
			return array( (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ), (string) curl_getinfo( $handle, CURLINFO_CONTENT_TYPE ), $body );
		};

		list( $status, $type, $csv ) = $fetch( "format=csv&agent={$agent}&action=test.export" );
		$rows                        = array_map( 'str_getcsv', array_filter( explode( "\n", trim( $csv ) ) ) );
		list( , , $json )            = $fetch( "format=json&agent={$agent}&action=test.export" );
		list( $bad )                 = $fetch( 'format=xml' );

		$this->assertSame( 200, $status );
		$this->assertStringStartsWith( 'text/csv', $type );
		$this->assertSame( 'id', $rows[0][0] );
		$this->assertCount( 3, $rows );
		$this->assertSame( '\'=HYPERLINK("x")', $rows[1][9], 'a formula-looking cell is neutralised' );
		$decoded = json_decode( $json, true );
		$this->assertCount( 2, $decoded );
		$this->assertSame( 'plain', $decoded[1]['details']['note'] );
		$this->assertSame( 400, $bad );
		$this->assertNotEmpty(
			$this->plugin()->audit_query->find(
				array(
					'action' => 'audit.exported',
					'actor'  => $admin,
				)
			)['rows']
		);
	}

	/**
	 * An incremental check starts where the last intact one ended (the signed mark), counts only the rows from
	 * there, and still names a changed row after the mark, or the marked row itself; a change before the mark is
	 * for the whole check, which finds it. A forged mark is not trusted: the check is a whole one.
	 */
	public function test_incremental_verify_starts_at_the_mark(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$admin = $this->user( 'administrator' );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->plugin()->audit->append( 'test.filler', array( 'details' => array( 'i' => $i ) ) );
		}
		$whole = $this->plugin()->audit_verifier->verify();
		$this->assertTrue( $whole['ok'] );
		$this->assertNull( $whole['since'] );
		$marked = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		for ( $i = 0; $i < 4; $i++ ) {
			$this->plugin()->audit->append( 'test.filler', array( 'details' => array( 'i' => $i ) ) );
		}

		$since = $this->rest( $admin, 'GET', '/countersign/v1/audit/verify', array( 'incremental' => 'true' ) )->get_data();
		$this->assertTrue( $since['ok'], (string) wp_json_encode( $since ) );
		$this->assertSame( $marked, $since['since']['id'] );
		// The marked row and the four after it (the REST request itself is audited after the check).
		$this->assertSame( 5, $since['verified'] );
		$this->assertError( $this->rest( $admin, 'GET', '/countersign/v1/audit/verify', array( 'incremental' => 'sometimes' ) ), 'rest_invalid_param', 400 );

		$newest = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->plugin()->audit->append( 'test.filler', array( 'details' => array( 'i' => 'after' ) ) );
		$after  = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$before = (int) $wpdb->get_var( $wpdb->prepare( "SELECT MAX(id) FROM {$table} WHERE id < %d", $newest ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->drop_triggers();
		try {
			$changed = $this->tampered( $after, fn() => $this->plugin()->audit_verifier->verify( null, true ) );
			$this->assertFalse( $changed['ok'] );
			$this->assertSame( $after, $changed['first_bad'] );
			$this->assertSame( $newest, $changed['since']['id'] );

			// The marked row replaced by an earlier one, hash and all (each row's own hash still matches it).
			// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$marked_row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", $newest ), ARRAY_A );
			$older_row  = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", $before ), ARRAY_A );
			// phpcs:enable
			$wpdb->update( $table, array_diff_key( $older_row, array( 'id' => 1 ) ), array( 'id' => $newest ) );
			try {
				$mark_changed = $this->plugin()->audit_verifier->verify( null, true );
			} finally {
				$wpdb->update( $table, array_diff_key( $marked_row, array( 'id' => 1 ) ), array( 'id' => $newest ) );
			}
			$this->assertFalse( $mark_changed['ok'] );
			$this->assertSame( $newest, $mark_changed['first_bad'], 'the marked row is not the row the last check ended at' );

			$earlier = $this->tampered(
				$before,
				fn() => array(
					$this->plugin()->audit_verifier->verify( null, true ),
					$this->plugin()->audit_verifier->verify(),
				)
			);
			$this->assertTrue( $earlier[0]['ok'], 'a check from the mark does not read rows before it' );
			$this->assertFalse( $earlier[1]['ok'] );
			$this->assertSame( $before, $earlier[1]['first_bad'] );
		} finally {
			$this->assertTrue( $this->plugin()->retention->harden() );
		}

		$mark         = json_decode( (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", AuditVerifier::MARK ) ), true );
		$mark['id']   = $after + 1000;
		$mark['hash'] = str_repeat( 'f', 64 );
		$wpdb->update( $wpdb->options, array( 'option_value' => (string) wp_json_encode( $mark ) ), array( 'option_name' => AuditVerifier::MARK ) );
		$forged = $this->plugin()->audit_verifier->verify( null, true );
		$this->assertTrue( $forged['ok'] );
		$this->assertNull( $forged['since'], 'a mark with a bad signature is ignored' );
	}

	/**
	 * Runs a check while one row's details are changed by SQL, then restores the row.
	 *
	 * @template T
	 * @param int          $id    Row id.
	 * @param callable():T $check The check.
	 * @return T
	 */
	private function tampered( int $id, callable $check ): mixed {
		global $wpdb;
		$table   = $this->plugin()->schema->table( Schema::AUDIT );
		$details = (string) $wpdb->get_var( $wpdb->prepare( "SELECT details FROM {$table} WHERE id = %d", $id ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$wpdb->update( $table, array( 'details' => '{"forged":true}' ), array( 'id' => $id ) );
		try {
			return $check();
		} finally {
			$wpdb->update( $table, array( 'details' => $details ), array( 'id' => $id ) );
		}
	}

	/**
	 * Drops the triggers, as someone with database access would before tampering.
	 */
	private function drop_triggers(): void {
		global $wpdb;
		$table = $this->plugin()->schema->table( Schema::AUDIT );
		$wpdb->query( "DROP TRIGGER IF EXISTS `{$table}_no_update`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$wpdb->query( "DROP TRIGGER IF EXISTS `{$table}_no_delete`" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}
}
