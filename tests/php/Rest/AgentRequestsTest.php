<?php
/**
 * Auto-pause.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Audit\AuditQuery;
use Countersign\Policy\Settings;
use Countersign\Tests\CapturesMail;
use Countersign\Tests\TestCase;

/**
 * An agent refused for its limits N times within M minutes is paused, audited, and administrators are emailed.
 */
final class AgentRequestsTest extends TestCase {

	use CapturesMail;

	/**
	 * Three rate-limit refusals pause the agent; its next request is 403 countersign_agent_paused.
	 */
	public function test_agent_that_keeps_hitting_its_limit_is_paused(): void {
		update_option(
			Settings::OPTION,
			array(
				'ip_rate_limit'       => 0,
				'auto_pause_refusals' => 3,
				'auto_pause_minutes'  => 10,
			)
		);
		$created = $this->agent( array( 'rate_limit' => 1 ) );
		$agent   = (int) $created['id'];
		$admin   = $this->user( 'administrator' );
		$other   = (int) $this->agent( array( 'rate_limit' => 1 ) )['id'];
		$codes   = array();
		// A minute boundary may let one more request through; eight is plenty either way.
		for ( $i = 0; $i < 8; $i++ ) {
			$data    = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data();
			$codes[] = $data['code'] ?? 'ok';
			if ( 'countersign_agent_paused' === end( $codes ) ) {
				break;
			}
		}

		$this->assertSame( 'countersign_agent_paused', end( $codes ), implode( ',', $codes ) );
		$this->assertSame( 3, count( array_keys( $codes, 'countersign_rate_limited', true ) ) );
		$stored = $this->rest( $admin, 'GET', '/countersign/v1/agents/' . $agent )->get_data();
		$this->assertSame( 'paused', $stored['status'] );
		$this->assertIsString( $stored['auto_paused_at'] );
		$rows = ( new AuditQuery( $GLOBALS['wpdb'] ) )->find(
			array(
				'agent'  => $agent,
				'action' => 'agent.auto_paused',
			)
		)['rows'];
		$this->assertCount( 1, $rows );
		$this->assertSame( 'system', $rows[0]['actor_type'] );
		$this->assertSame( 3, $rows[0]['details']['refusals'] );
		$mail = array_values( array_filter( $this->mails, fn( $m ) => get_userdata( $admin )->user_email === $m['to'] ) );
		$this->assertCount( 1, $mail );
		$this->assertStringContainsString( $created['label'], $mail[0]['subject'] );
		$this->assertStringContainsString( 'page=countersign-agents', $mail[0]['message'] );
		$this->assertSame( 'active', $this->rest( $admin, 'GET', '/countersign/v1/agents/' . $other )->get_data()['status'] );

		$resumed = $this->rest( $admin, 'POST', '/countersign/v1/agents/' . $agent . '/resume' )->get_data();
		$this->assertSame( 'active', $resumed['status'] );
		$this->assertNull( $resumed['auto_paused_at'] );
	}

	/**
	 * With auto-pause off (the default), refusals never pause.
	 */
	public function test_auto_pause_is_off_by_default(): void {
		$agent = (int) $this->agent( array( 'rate_limit' => 1 ) )['id'];
		for ( $i = 0; $i < 5; $i++ ) {
			$this->rest( $agent, 'GET', '/countersign/v1/me' );
		}
		$admin = $this->user( 'administrator' );
		$this->assertSame( 'active', $this->rest( $admin, 'GET', '/countersign/v1/agents/' . $agent )->get_data()['status'] );
	}
}
