<?php
/**
 * Cutting the audit log short, or wiping it, does not go unnoticed.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Audit\AuditHead;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * `TRUNCATE` skips the triggers and once left a log that verified as `{ok: true, verified: 0}`; deleting the
 * newest rows (with the purge flag the triggers let through) left a shorter log that still verified. The head is
 * anchored outside the table: verify reports a log shorter than its anchor, new rows cannot paper over the cut,
 * and a head exported earlier catches a cut even when the anchor is rolled back too. Each case restores the table
 * and the anchor exactly, so the rest of the suite keeps a verifiable log.
 */
final class AuditTruncationTest extends TestCase {

	/**
	 * The audit table's rows, saved before an attack.
	 *
	 * @var list<array<string, mixed>>
	 */
	private array $saved_rows = array();

	/**
	 * The anchor's raw option value, saved before an attack.
	 *
	 * @var string|null
	 */
	private ?string $saved_head = null;

	/**
	 * Saves the table and the anchor.
	 */
	protected function setUp(): void {
		parent::setUp();
		global $wpdb;
		for ( $i = 0; $i < 25; $i++ ) {
			$this->plugin()->audit->append( 'test.filler', array( 'details' => array( 'i' => $i ) ) );
		}
		$this->saved_rows = $wpdb->get_results( "SELECT * FROM {$wpdb->countersign_audit} ORDER BY id ASC", ARRAY_A );
		$head             = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", AuditHead::OPTION ) );
		$this->saved_head = is_string( $head ) ? $head : null;
		$this->assertNotNull( $this->saved_head, 'every append anchors the head' );
	}

	/**
	 * Puts the table and the anchor back as they were.
	 */
	protected function tearDown(): void {
		global $wpdb;
		$wpdb->query( 'SET @countersign_audit_purge = 1' );
		$wpdb->query( "DELETE FROM {$wpdb->countersign_audit}" );
		$wpdb->query( 'SET @countersign_audit_purge = NULL' );
		foreach ( $this->saved_rows as $row ) {
			$wpdb->insert( $wpdb->countersign_audit, $row );
		}
		$wpdb->update( $wpdb->options, array( 'option_value' => $this->saved_head ), array( 'option_name' => AuditHead::OPTION ) );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'], 'restored' );
		parent::tearDown();
	}

	/**
	 * GET /audit/verify as an administrator, over HTTP.
	 *
	 * @param array<string, mixed>|null $kept An exported head to check as well.
	 * @return array<string, mixed>
	 */
	private function verify( ?array $kept = null ): array {
		$admin  = $this->credentials( $this->user( 'administrator' ) );
		$answer = null === $kept ? Http::one( $admin, 'GET', '/countersign/v1/audit/verify' ) : Http::one( $admin, 'POST', '/countersign/v1/audit/verify', array( 'head' => $kept ) );
		$this->assertSame( 200, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		return $answer['body'];
	}

	/**
	 * TRUNCATE: no rows, an anchored head, so not ok.
	 */
	public function test_a_wiped_table_fails_verification(): void {
		global $wpdb;
		$this->assertTrue( $this->verify()['ok'] );

		$wpdb->query( "TRUNCATE TABLE {$wpdb->countersign_audit}" );
		$result = $this->verify();

		$this->assertFalse( $result['ok'], (string) wp_json_encode( $result ) );
		$this->assertTrue( $result['truncated'] );
		$this->assertSame( 0, $result['verified'] );
		$this->assertSame( (int) end( $this->saved_rows )['id'], $result['head']['id'] );
	}

	/**
	 * The newest 20 rows deleted through the purge flag: shorter than the anchor. A new row afterwards chains from
	 * the anchored head, so the gap stays visible, named at the new row.
	 */
	public function test_deleting_the_newest_rows_fails_verification_and_stays_visible(): void {
		global $wpdb;
		$wpdb->query( 'SET @countersign_audit_purge = 1' );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_audit} ORDER BY id DESC LIMIT %d", 20 ) );
		$wpdb->query( 'SET @countersign_audit_purge = NULL' );

		$result = $this->verify();
		$this->assertFalse( $result['ok'], (string) wp_json_encode( $result ) );
		$this->assertTrue( $result['truncated'] );
		$this->assertNull( $result['first_bad'] );

		$new    = $this->plugin()->audit->append( 'test.after_cut' );
		$result = $this->verify();
		$this->assertFalse( $result['ok'], (string) wp_json_encode( $result ) );
		$this->assertSame( $new, $result['first_bad'] );
	}

	/**
	 * A forged anchor (rolled back to the cut without the key) is not signed; a head exported before the cut is not
	 * found in the log after it.
	 */
	public function test_rolling_the_anchor_back_is_caught(): void {
		global $wpdb;
		$admin    = $this->credentials( $this->user( 'administrator' ) );
		$exported = Http::one( $admin, 'GET', '/countersign/v1/audit/head' );
		$this->assertSame( 200, $exported['status'], (string) wp_json_encode( $exported['body'] ) );
		$this->assertTrue( $this->verify( $exported['body'] )['ok'] );
		$this->assertTrue( $this->verify( $exported['body'] )['kept']['found'] );

		$wpdb->query( 'SET @countersign_audit_purge = 1' );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->countersign_audit} ORDER BY id DESC LIMIT %d", 20 ) );
		$wpdb->query( 'SET @countersign_audit_purge = NULL' );
		$tail = $wpdb->get_row( "SELECT id, hash FROM {$wpdb->countersign_audit} ORDER BY id DESC LIMIT 1", ARRAY_A );
		$head = json_decode( (string) $this->saved_head, true );
		$wpdb->update( $wpdb->options, array( 'option_value' => wp_json_encode( array( 'id' => (int) $tail['id'], 'hash' => $tail['hash'] ) + $head ) ), array( 'option_name' => AuditHead::OPTION ) );

		$forged = $this->verify();
		$this->assertFalse( $forged['ok'], (string) wp_json_encode( $forged ) );
		$this->assertFalse( $forged['head']['signed'] );

		$kept = $this->verify( $exported['body'] );
		$this->assertFalse( $kept['ok'] );
		$this->assertFalse( $kept['kept']['found'] );

		$bad = Http::one( $admin, 'POST', '/countersign/v1/audit/verify', array( 'head' => array( 'id' => 'x' ) ) );
		$this->assertSame( 400, $bad['status'] );
		$this->assertSame( 'head', $bad['body']['data']['field'] ?? null );
	}
}
