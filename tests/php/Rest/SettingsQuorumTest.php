<?php
/**
 * The quorum setting.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Policy\Capabilities;
use Countersign\Tests\TestCase;

/**
 * A quorum above the number of people who may review would block every approval: it is refused, naming the field,
 * and the setting stays as it was. Agents are not counted, whatever their role.
 */
final class SettingsQuorumTest extends TestCase {

	/**
	 * One more than the reviewers there are is refused; with one more reviewer it is taken.
	 */
	public function test_a_quorum_above_the_reviewers_is_refused(): void {
		$admin = $this->user( 'administrator' );
		$this->agent( array( 'role' => 'editor' ) );
		$people = count(
			array_filter(
				get_users(
					array(
						'capability' => Capabilities::REVIEW,
						'fields'     => 'ID',
					)
				),
				fn( $id ) => '' === (string) get_user_meta( (int) $id, 'countersign_agent', true )
			)
		);
		$this->assertLessThan( 5, $people, 'The test site has too many reviewers left over to test the quorum bound.' );

		$refused = $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'quorum' => $people + 1 ) );
		$this->assertSame( 400, $refused->get_status(), (string) wp_json_encode( $refused->get_data() ) );
		$this->assertSame( 'quorum', $refused->get_data()['data']['field'] ?? null );
		$this->assertStringContainsString( (string) $people, $refused->get_data()['message'] );
		$this->assertSame( 1, $this->plugin()->settings->get( 'quorum' ) );

		$this->user( 'editor' );
		$taken = $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'quorum' => $people + 1 ) );
		$this->assertSame( 200, $taken->get_status(), (string) wp_json_encode( $taken->get_data() ) );
		$this->assertSame( $people + 1, $this->plugin()->settings->get( 'quorum' ) );
	}
}
