<?php
/**
 * Risk overrides from the settings, as they change what a proposal needs.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Policy;

use Countersign\Tests\TestCase;

/**
 * An administrator raises a field's level with PUT /settings `risk_overrides`; the next proposal touching that field
 * carries the raised risk and needs what that level needs (an approval from 3, a confirmation token from 4). Levels
 * are raised, never lowered: an override below a field's own level changes nothing.
 */
final class RiskOverridesTest extends TestCase {

	/**
	 * Excerpt on a draft is level 2, so an autonomous agent's excerpt applies at once; raised to 4 it no longer
	 * applies, needs a confirmation token, and waits for a human, and GET /me says so.
	 */
	public function test_raising_the_excerpt_to_4_stops_auto_apply_and_asks_for_a_token(): void {
		$agent   = (int) $this->agent( array( 'autonomy' => 'autonomous' ) )['id'];
		$editor  = $this->user( 'editor' );
		$post_id = $this->post();

		$before = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'excerpt' => 'Applied at once' ) ) );
		$this->assertSame( 201, $before->get_status(), (string) wp_json_encode( $before->get_data() ) );
		$this->assertSame( array( 'applied', 2 ), array( $before->get_data()['status'], $before->get_data()['risk'] ) );
		$this->assertSame( 'Applied at once', $this->excerpt( $post_id ) );

		$this->override( array( 'excerpt' => 4 ) );

		$excerpt = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['operations']['excerpt']['targets'];
		$this->assertSame( array( 'draft' => 4, 'published' => 4 ), array_map( fn( array $target ): int => $target['risk'], $excerpt ) );
		$this->assertSame( array( 'draft' => true, 'published' => true ), array_map( fn( array $target ): bool => $target['needs_approval'], $excerpt ) );
		$this->assertSame( array( 'draft' => true, 'published' => true ), array_map( fn( array $target ): bool => $target['needs_token'], $excerpt ) );

		$changes = array( 'excerpt' => 'Needs a human now' );
		$without = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes ) );
		$this->assertError( $without, 'countersign_invalid_token', 403 );
		$this->assertSame( 'confirm_token', $without->get_data()['data']['field'] );

		$token = $this->rest( $agent, 'POST', '/countersign/v1/intents', array( 'post' => $post_id, 'changes' => $changes ) )->get_data()['token'];
		$with  = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes, 'confirm_token' => $token ) );
		$this->assertSame( 201, $with->get_status(), (string) wp_json_encode( $with->get_data() ) );
		$this->assertSame( array( 'pending', 4, 'high' ), array( $with->get_data()['status'], $with->get_data()['risk'], $with->get_data()['risk_label'] ) );
		$this->assertSame( 'Applied at once', $this->excerpt( $post_id ) );

		$approved = $this->rest( $editor, 'POST', '/countersign/v1/proposals/' . $with->get_data()['id'] . '/approve' );
		$this->assertSame( 200, $approved->get_status(), (string) wp_json_encode( $approved->get_data() ) );
		$this->assertSame( 'applied', $approved->get_data()['status'] );
		$this->assertSame( 'Needs a human now', $this->excerpt( $post_id ) );
	}

	/**
	 * One autonomous agent's proposal, without a token, under given overrides: `STATUS:RISK` when accepted, else
	 * the error code.
	 *
	 * @dataProvider overrides
	 *
	 * @param array<string, mixed> $changes   Changes.
	 * @param string               $state     Target post's status.
	 * @param array<string, int>   $overrides risk_overrides.
	 * @param string               $expected  Outcome.
	 */
	public function test_overrides_decide_the_risk( array $changes, string $state, array $overrides, string $expected ): void {
		$agent   = (int) $this->agent( array( 'autonomy' => 'autonomous' ) )['id'];
		$post_id = $this->post( array( 'post_status' => $state ) );
		$this->override( $overrides );

		$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes ) );

		$data = $response->get_data();
		$this->assertSame( $expected, 201 === $response->get_status() ? $data['status'] . ':' . $data['risk'] : ( $data['code'] ?? 'http_' . $response->get_status() ), (string) wp_json_encode( $data ) );
		if ( 'countersign_invalid_token' === $expected ) {
			$this->assertSame( 403, $response->get_status() );
		}
	}

	/**
	 * Named cases: changes, target status, overrides, expected outcome.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string, 2: array<string, int>, 3: string}>
	 */
	public static function overrides(): array {
		$tag = array( 'terms' => array( 'post_tag' => array( 'Overrides' ) ) );
		return array(
			'no override: excerpt applies'             => array( array( 'excerpt' => 'E' ), 'draft', array(), 'applied:2' ),
			'excerpt raised to 3 waits for a human'    => array( array( 'excerpt' => 'E' ), 'draft', array( 'excerpt' => 3 ), 'pending:3' ),
			'excerpt raised to 4 needs a token'        => array( array( 'excerpt' => 'E' ), 'draft', array( 'excerpt' => 4 ), 'countersign_invalid_token' ),
			'terms raised to 3'                        => array( $tag, 'draft', array( 'terms' => 3 ), 'pending:3' ),
			'terms raised to 3 on a published post'    => array( $tag, 'publish', array( 'terms' => 3 ), 'pending:3' ),
			'another field raised: title untouched'    => array( array( 'title' => 'T' ), 'draft', array( 'excerpt' => 4 ), 'applied:2' ),
			'the highest field is the risk'            => array( array( 'title' => 'T', 'excerpt' => 'E' ), 'draft', array( 'excerpt' => 3 ), 'pending:3' ),
			'override 2 does not lower a live title'   => array( array( 'title' => 'T' ), 'publish', array( 'title' => 2 ), 'pending:3' ),
			'override 2 does not lower a live slug'    => array( array( 'slug' => 'lowered' ), 'publish', array( 'slug' => 2 ), 'countersign_invalid_token' ),
			'override 2 does not lower an author move' => array( array( 'author' => 1 ), 'draft', array( 'author' => 2 ), 'countersign_invalid_token' ),
		);
	}

	/**
	 * Sets the overrides as an administrator, through PUT /settings.
	 *
	 * @param array<string, int> $overrides Field => level.
	 */
	private function override( array $overrides ): void {
		$response = $this->rest( $this->user( 'administrator' ), 'PUT', '/countersign/v1/settings', array( 'risk_overrides' => (object) $overrides ) );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertEquals( (object) $overrides, $response->get_data()['risk_overrides'] );
	}

	/**
	 * A post's excerpt, read fresh.
	 *
	 * @param int $post_id Post.
	 */
	private function excerpt( int $post_id ): string {
		clean_post_cache( $post_id );
		return get_post( $post_id )->post_excerpt;
	}
}
