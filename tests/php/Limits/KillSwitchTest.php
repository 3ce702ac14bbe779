<?php
/**
 * The kill switch and core's AI client.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Limits;

use Countersign\Tests\TestCase;

/**
 * While the kill switch is on, core's `wp_ai_client_prevent_prompt` filter answers true, so every AI prompt on the
 * site is blocked; while it is off, the filter passes its input through, and flipping it back resumes prompts.
 *
 * @group topology
 * @group replicas
 */
final class KillSwitchTest extends TestCase {

	/**
	 * The filter's answer for both inputs, as the switch is turned on and off through PUT /settings.
	 */
	public function test_the_prevent_prompt_filter_follows_the_kill_switch(): void {
		$admin   = $this->user( 'administrator' );
		$builder = wp_ai_client_prompt( 'Hello' );

		$this->assertSame( array( false, true ), $this->prevent( $builder ) );

		$this->switch_to( $admin, true );
		$this->assertSame( array( true, true ), $this->prevent( $builder ) );

		$this->switch_to( $admin, false );
		$this->assertSame( array( false, true ), $this->prevent( $builder ) );
	}

	/**
	 * Through core's own prompt builder: with the switch on, generating is refused as prevented by a filter; with it
	 * off, the prompt gets past that check (and fails later here only because the test site has no AI provider).
	 */
	public function test_core_prompts_are_prevented_while_the_switch_is_on(): void {
		// Where AI is unsupported core prevents every prompt before it asks the filter; the test site supports it.
		$this->assertTrue( wp_supports_ai() );
		$admin = $this->user( 'administrator' );

		$this->switch_to( $admin, true );
		$prevented = wp_ai_client_prompt( 'Hello' )->generate_text();
		$this->switch_to( $admin, false );
		$allowed = wp_ai_client_prompt( 'Hello' )->generate_text();

		$this->assertInstanceOf( \WP_Error::class, $prevented );
		$this->assertSame( array( 'prompt_prevented', 'Prompt execution was prevented by a filter.' ), array( $prevented->get_error_code(), $prevented->get_error_message() ) );
		$this->assertNotSame( 'prompt_prevented', is_wp_error( $allowed ) ? $allowed->get_error_code() : null );
	}

	/**
	 * What the filter answers for `false` and for `true`, called as core calls it (with a prompt builder clone).
	 *
	 * @param \WP_AI_Client_Prompt_Builder $builder Builder.
	 * @return array{0: mixed, 1: mixed}
	 */
	private function prevent( \WP_AI_Client_Prompt_Builder $builder ): array {
		return array(
			apply_filters( 'wp_ai_client_prevent_prompt', false, clone $builder ),
			apply_filters( 'wp_ai_client_prevent_prompt', true, clone $builder ),
		);
	}

	/**
	 * Turns the kill switch on or off as an administrator.
	 *
	 * @param int  $admin Administrator.
	 * @param bool $on    On.
	 */
	private function switch_to( int $admin, bool $on ): void {
		$response = $this->rest( $admin, 'PUT', '/countersign/v1/settings', array( 'kill_switch' => $on ) );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( $on, $response->get_data()['kill_switch'] );
	}
}
