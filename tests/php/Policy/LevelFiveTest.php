<?php
/**
 * The level 5 switch.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Policy;

use Countersign\Tests\TestCase;

/**
 * Content an agent's role could not post unfiltered is level 5: refused while the `level5_enabled` setting is off;
 * once an administrator turns it on, accepted only with a confirmation token, and then it waits for a human even
 * from an autonomous agent.
 */
final class LevelFiveTest extends TestCase {

	private const MARKUP = "<!-- wp:paragraph -->\n<p>Level five.</p>\n<!-- /wp:paragraph --><script>window.levelFive = 1;</script>";

	/**
	 * Off (the default): 403 countersign_risk_disabled, even with a token, for a supervised and an autonomous agent;
	 * nothing stored, nothing changed.
	 *
	 * @dataProvider autonomies
	 *
	 * @param string $autonomy supervised or autonomous.
	 */
	public function test_level_5_is_refused_while_disabled( string $autonomy ): void {
		$agent   = (int) $this->agent( array( 'autonomy' => $autonomy ) )['id'];
		$post_id = $this->post();
		$changes = array( 'content' => self::MARKUP );
		$token   = $this->token( $agent, $post_id, $changes );

		$plain     = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes ) );
		$confirmed = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes, 'confirm_token' => $token ) );

		foreach ( array( $plain, $confirmed ) as $response ) {
			$this->assertError( $response, 'countersign_risk_disabled', 403 );
			$this->assertSame( 'level5_enabled', $response->get_data()['data']['rule'] );
		}
		$this->assertSame( 0, (int) $this->rest( $agent, 'GET', '/countersign/v1/proposals' )->get_headers()['X-WP-Total'] );
		$this->assertStringNotContainsString( 'levelFive', $this->content( $post_id ) );
	}

	/**
	 * On: without a token 403 countersign_invalid_token; with one, 201 at risk 5 and pending (an autonomous agent's
	 * too), the post untouched until a reviewer approves.
	 *
	 * @dataProvider autonomies
	 *
	 * @param string $autonomy supervised or autonomous.
	 */
	public function test_level_5_when_enabled_needs_a_token_and_a_human( string $autonomy ): void {
		$agent   = (int) $this->agent( array( 'autonomy' => $autonomy ) )['id'];
		$editor  = $this->user( 'editor' );
		$post_id = $this->post();
		$changes = array( 'content' => self::MARKUP );
		$enabled = $this->rest( $this->user( 'administrator' ), 'PUT', '/countersign/v1/settings', array( 'level5_enabled' => true ) );
		$this->assertTrue( $enabled->get_data()['level5_enabled'] );

		$without = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes ) );
		$this->assertError( $without, 'countersign_invalid_token', 403 );

		$with = $this->propose( $agent, array( 'post' => $post_id, 'changes' => $changes, 'confirm_token' => $this->token( $agent, $post_id, $changes ) ) );
		$this->assertSame( 201, $with->get_status(), (string) wp_json_encode( $with->get_data() ) );
		$data = $with->get_data();
		$this->assertSame( array( 'pending', 5, 'extreme' ), array( $data['status'], $data['risk'], $data['risk_label'] ) );
		$this->assertNull( $data['decision'] );
		$this->assertStringNotContainsString( 'levelFive', $this->content( $post_id ) );

		$approved = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$data['id']}/approve" );
		$this->assertSame( 200, $approved->get_status(), (string) wp_json_encode( $approved->get_data() ) );
		$this->assertSame( 'applied', $approved->get_data()['status'] );
		$this->assertSame( $editor, $approved->get_data()['decision']['user'] );
		$this->assertFalse( $approved->get_data()['decision']['auto'] );
		$this->assertStringContainsString( 'Level five.', $this->content( $post_id ) );
	}

	/**
	 * Both autonomies.
	 *
	 * @return array<string, array{0: string}>
	 */
	public static function autonomies(): array {
		return array(
			'supervised' => array( 'supervised' ),
			'autonomous' => array( 'autonomous' ),
		);
	}

	/**
	 * A confirmation token for a change.
	 *
	 * @param int                  $agent   Agent.
	 * @param int                  $post_id Post.
	 * @param array<string, mixed> $changes Changes.
	 */
	private function token( int $agent, int $post_id, array $changes ): string {
		$response = $this->rest( $agent, 'POST', '/countersign/v1/intents', array( 'post' => $post_id, 'changes' => $changes ) );
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		return (string) $response->get_data()['token'];
	}

	/**
	 * A post's content, read fresh.
	 *
	 * @param int $post_id Post.
	 */
	private function content( int $post_id ): string {
		clean_post_cache( $post_id );
		return get_post( $post_id )->post_content;
	}
}
