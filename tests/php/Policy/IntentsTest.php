<?php
/**
 * Confirmation tokens.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Policy;

use Countersign\Tests\TestCase;

/**
 * A token from POST /intents is bound to (agent, target, change set), valid five minutes and single use. A risk 4
 * proposal with a token that is expired, another agent's, for another post or for other changes is 403
 * countersign_invalid_token and stores nothing; a matching fresh token works once.
 */
final class IntentsTest extends TestCase {

	private const PUBLISH = array( 'status' => 'publish' );

	/**
	 * A token works once: the second use is refused.
	 */
	public function test_a_valid_token_works_once(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$token   = $this->token( $agent, $post_id, self::PUBLISH );

		$first  = $this->submit( $agent, $post_id, self::PUBLISH, $token );
		$second = $this->submit( $agent, $post_id, self::PUBLISH, $token );

		$this->assertSame( 201, $first->get_status(), (string) wp_json_encode( $first->get_data() ) );
		$this->assertSame( array( 'pending', 4 ), array( $first->get_data()['status'], $first->get_data()['risk'] ) );
		$this->assertError( $second, 'countersign_invalid_token', 403 );
		$this->assertSame( 1, $this->proposals_of( $agent ) );
	}

	/**
	 * A token past its expiry (its stored expiry moved into the past, as five minutes of waiting would) is refused;
	 * one whose expiry is moved but still ahead works, so it is the time that decides.
	 */
	public function test_an_expired_token_is_refused(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$expired = $this->token( $agent, $post_id, self::PUBLISH );
		$fresh   = $this->token( $agent, $post_id, self::PUBLISH );
		$this->expire_at( $expired, time() - 1 );
		$this->expire_at( $fresh, time() + 30 );

		$this->assertError( $this->submit( $agent, $post_id, self::PUBLISH, $expired ), 'countersign_invalid_token', 403 );
		$this->assertSame( 0, $this->proposals_of( $agent ) );
		$this->assertSame( 201, $this->submit( $agent, $post_id, self::PUBLISH, $fresh )->get_status() );
	}

	/**
	 * Another agent's token, for the very same post and changes, is refused.
	 */
	public function test_a_token_is_bound_to_its_agent(): void {
		$agent   = (int) $this->agent()['id'];
		$other   = (int) $this->agent()['id'];
		$post_id = $this->post();

		$response = $this->submit( $agent, $post_id, self::PUBLISH, $this->token( $other, $post_id, self::PUBLISH ) );

		$this->assertError( $response, 'countersign_invalid_token', 403 );
		$this->assertSame( 0, $this->proposals_of( $agent ) );
		$this->assertSame( 201, $this->submit( $agent, $post_id, self::PUBLISH, $this->token( $agent, $post_id, self::PUBLISH ) )->get_status() );
	}

	/**
	 * A token for one post is refused on another, for a new post included.
	 */
	public function test_a_token_is_bound_to_its_post(): void {
		$agent = (int) $this->agent()['id'];
		$first = $this->post();
		$other = $this->post();
		$new   = array(
			'title'  => 'Published in one step',
			'status' => 'publish',
		);

		$this->assertError( $this->submit( $agent, $other, self::PUBLISH, $this->token( $agent, $first, self::PUBLISH ) ), 'countersign_invalid_token', 403 );
		$this->assertError( $this->submit( $agent, 0, $new, $this->token( $agent, $first, $new ) ), 'countersign_invalid_token', 403 );
		$this->assertSame( 0, $this->proposals_of( $agent ) );
		$this->assertSame( 'draft', get_post_status( $other ) );
		$this->assertSame( 201, $this->submit( $agent, $other, self::PUBLISH, $this->token( $agent, $other, self::PUBLISH ) )->get_status() );
	}

	/**
	 * A token for one change set is refused for any other: an extra field, another value.
	 *
	 * @dataProvider other_changes
	 *
	 * @param array<string, mixed> $confirmed What the token was issued for.
	 * @param array<string, mixed> $sent      What is proposed with it.
	 */
	public function test_a_token_is_bound_to_its_change_set( array $confirmed, array $sent ): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();

		$this->assertError( $this->submit( $agent, $post_id, $sent, $this->token( $agent, $post_id, $confirmed ) ), 'countersign_invalid_token', 403 );
		$this->assertSame( 0, $this->proposals_of( $agent ) );
		$this->assertSame( 201, $this->submit( $agent, $post_id, $sent, $this->token( $agent, $post_id, $sent ) )->get_status() );
	}

	/**
	 * Named cases: the confirmed changes, the sent changes.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: array<string, mixed>}>
	 */
	public static function other_changes(): array {
		return array(
			'a field added'   => array( self::PUBLISH, self::PUBLISH + array( 'title' => 'Sneaked in' ) ),
			'a field dropped' => array( self::PUBLISH + array( 'title' => 'Announced' ), self::PUBLISH ),
			'another status'  => array( self::PUBLISH, array( 'status' => 'private' ) ),
			'another value'   => array( self::PUBLISH + array( 'title' => 'Announced' ), self::PUBLISH + array( 'title' => 'Swapped' ) ),
			'a publish added' => array( array( 'author' => 1 ), array( 'author' => 1 ) + self::PUBLISH ),
		);
	}

	/**
	 * A token from POST /intents.
	 *
	 * @param int                  $agent   Agent.
	 * @param int                  $post_id Target (0 for a new post).
	 * @param array<string, mixed> $changes Changes.
	 */
	private function token( int $agent, int $post_id, array $changes ): string {
		$response = $this->rest( $agent, 'POST', '/countersign/v1/intents', array( 'post' => $post_id, 'changes' => $changes ) );
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertMatchesRegularExpression( '/^[a-f0-9]{48}$/', $response->get_data()['token'] );
		return $response->get_data()['token'];
	}

	/**
	 * Proposes with a token.
	 *
	 * @param int                  $agent   Agent.
	 * @param int                  $post_id Target (0 for a new post).
	 * @param array<string, mixed> $changes Changes.
	 * @param string               $token   Token.
	 */
	private function submit( int $agent, int $post_id, array $changes, string $token ): \WP_REST_Response {
		return $this->propose(
			$agent,
			array(
				'post'          => $post_id,
				'changes'       => $changes,
				'confirm_token' => $token,
			)
		);
	}

	/**
	 * Moves a stored token's expiry (the Unix time after its last `|`), in the database where it is read.
	 *
	 * @param string $token   Token.
	 * @param int    $expires New expiry.
	 */
	private function expire_at( string $token, int $expires ): void {
		global $wpdb;
		$name   = '_countersign_intent_' . hash( 'sha256', $token );
		$stored = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		$this->assertIsString( $stored );
		$this->assertMatchesRegularExpression( '/\|\d+$/', $stored );
		$updated = (string) preg_replace( '/\|\d+$/', '|' . $expires, $stored );
		$this->assertSame( 1, $wpdb->update( $wpdb->options, array( 'option_value' => $updated ), array( 'option_name' => $name ) ) );
		wp_cache_delete( $name, 'options' );
	}

	/**
	 * How many proposals an agent has, whatever their state.
	 *
	 * @param int $agent Agent.
	 */
	private function proposals_of( int $agent ): int {
		return (int) $this->rest( $agent, 'GET', '/countersign/v1/proposals' )->get_headers()['X-WP-Total'];
	}
}
