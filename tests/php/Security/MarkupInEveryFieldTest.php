<?php
/**
 * Agent markup through meta and terms gets the same treatment as content.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Policy\Settings;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * `changes.meta.footnotes` carrying `<script>` or `onerror=` was accepted at risk 2-3, applied on approval and
 * served raw by core's REST API: the level-5 check read only title, content and excerpt. Now every string an agent
 * can set (any registered meta key, footnotes included, JSON inside them, list items, term names) is checked as
 * content is: what kses would remove for the agent makes the proposal level 5, refused while level 5 is off, and
 * the refusal names the field it came from. Text kses would only re-encode (`Tom & Jerry`) stays as sent. Over
 * HTTP, with the meta a theme and an SEO plugin register installed on both web servers.
 */
final class MarkupInEveryFieldTest extends TestCase {

	/**
	 * Installs the registered-meta mu-plugin on the test site.
	 */
	protected function setUp(): void {
		parent::setUp();
		wp_mkdir_p( WPMU_PLUGIN_DIR );
		copy( dirname( __DIR__ ) . '/fixtures/registered-meta.php', WPMU_PLUGIN_DIR . '/countersign-registered-meta.php' );
	}

	/**
	 * Removes it.
	 */
	protected function tearDown(): void {
		wp_delete_file( WPMU_PLUGIN_DIR . '/countersign-registered-meta.php' );
		parent::tearDown();
	}

	/**
	 * Each dangerous value is refused at level 5, naming its field; nothing is stored.
	 *
	 * @dataProvider dangerous
	 *
	 * @param array<string, mixed> $changes Changes.
	 * @param string               $field   The field the refusal names.
	 * @param string               $type    json or form.
	 */
	public function test_dangerous_markup_in_any_field_is_level_five( array $changes, string $field, string $type ): void {
		global $wpdb;
		$agent   = (int) $this->agent( array( 'preset' => 'full_access', 'autonomy' => 'autonomous' ) )['id'];
		$post_id = $this->post();

		$answer = Http::one( $this->credentials( $agent ), 'POST', '/countersign/v1/proposals', array( 'post' => $post_id, 'changes' => $changes, 'rationale' => 'Markup.' ), $type );

		$this->assertSame( 403, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( 'countersign_risk_disabled', $answer['body']['code'] ?? null );
		$this->assertSame( $field, $answer['body']['data']['field'] ?? null );
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'countersign_proposal' AND post_author = %d", $agent ) ) );
		$this->assertSame( array(), array_diff( array_keys( get_post_meta( $post_id ) ), array( '_edit_lock', '_edit_last' ) ) );
	}

	/**
	 * Named cases.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string, 2: string}>
	 */
	public static function dangerous(): array {
		$footnote = fn( string $content ): string => (string) wp_json_encode( array( array( 'id' => 'f1', 'content' => $content ) ) );
		return array(
			'script in footnotes'               => array( array( 'meta' => array( 'footnotes' => $footnote( 'See <script>alert(1)</script>' ) ) ), 'changes.meta.footnotes', 'json' ),
			'onerror in footnotes'              => array( array( 'meta' => array( 'footnotes' => $footnote( '<img src=x onerror=alert(1)>' ) ) ), 'changes.meta.footnotes', 'json' ),
			'escaped script in footnotes JSON'  => array( array( 'meta' => array( 'footnotes' => '[{"id":"f1","content":"\u003cscript\u003ealert(1)\u003c/script\u003e"}]' ) ), 'changes.meta.footnotes', 'json' ),
			'footnotes, form-encoded'           => array( array( 'meta' => array( 'footnotes' => $footnote( '<a href="javascript:alert(1)">x</a>' ) ) ), 'changes.meta.footnotes', 'form' ),
			'script in a plain meta key'        => array( array( 'meta' => array( 'countersign_note' => '<script>alert(1)</script>' ) ), 'changes.meta.countersign_note', 'json' ),
			'javascript: in a list item'        => array( array( 'meta' => array( 'countersign_list' => array( 'fine', '<a href="javascript:alert(1)">x</a>' ) ) ), 'changes.meta.countersign_list.1', 'json' ),
			'event handler in an SEO title'     => array( array( 'meta' => array( '_yoast_wpseo_title' => '<b onmouseover="alert(1)">Title</b>' ) ), 'changes.meta._yoast_wpseo_title', 'json' ),
			'script in a new term name'         => array( array( 'terms' => array( 'post_tag' => array( 'fine', '<script>alert(1)</script>' ) ) ), 'changes.terms.post_tag.1', 'json' ),
			'event handler in the title'        => array( array( 'title' => '<b onmouseover="alert(1)">Title</b>' ), 'changes.title', 'json' ),
			'script in the excerpt'             => array( array( 'excerpt' => 'Short <script>alert(1)</script>' ), 'changes.excerpt', 'json' ),
			'iframe in content, meta is clean'  => array( array( 'content' => '<p>Hi</p><iframe src="https://x.test"></iframe>', 'meta' => array( 'countersign_note' => 'clean' ) ), 'changes.content', 'json' ),
		);
	}

	/**
	 * Safe markup and plain text in meta and terms are ordinary proposals, stored exactly as sent (kses would only
	 * re-encode them), and applied as sent.
	 */
	public function test_safe_text_is_an_ordinary_proposal_kept_as_sent(): void {
		$agent    = (int) $this->agent( array( 'preset' => 'full_access' ) )['id'];
		$post_id  = $this->post();
		$footnote = (string) wp_json_encode( array( array( 'id' => 'f1', 'content' => 'See <a href="https://example.org/">the source</a> & <em>more</em>.' ) ) );
		$changes  = array(
			'meta'  => array(
				'footnotes'          => $footnote,
				'_yoast_wpseo_title' => 'Tom & Jerry < Friends',
				'countersign_list'   => array( 'a <b>bold</b> move' ),
			),
			'terms' => array( 'post_tag' => array( 'R&D' ) ),
		);

		$answer = Http::one( $this->credentials( $agent ), 'POST', '/countersign/v1/proposals', array( 'post' => $post_id, 'changes' => $changes, 'rationale' => 'Safe.' ) );

		$this->assertSame( 201, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( 2, $answer['body']['risk'] );
		$this->assertSame( $changes['meta'], $answer['body']['changes']['meta'] );

		$approved = Http::one( $this->credentials( $this->user( 'editor' ) ), 'POST', "/countersign/v1/proposals/{$answer['body']['id']}/approve", array() );
		$this->assertSame( 200, $approved['status'], (string) wp_json_encode( $approved['body'] ) );
		$this->assertSame( 'Tom & Jerry < Friends', get_post_meta( $post_id, '_yoast_wpseo_title', true ) );
	}

	/**
	 * With level 5 enabled, dangerous meta waits for a human; an approver without unfiltered_html gets it through
	 * kses, so core's REST API never serves the agent's script.
	 */
	public function test_level_five_meta_is_filtered_for_an_approver_without_unfiltered_html(): void {
		update_option( Settings::OPTION, array( 'ip_rate_limit' => 0, 'level5_enabled' => true ) );
		$agent    = (int) $this->agent( array( 'preset' => 'full_access', 'autonomy' => 'autonomous' ) )['id'];
		$post_id  = $this->post();
		$changes  = array(
			'meta' => array(
				'footnotes'        => (string) wp_json_encode( array( array( 'id' => 'f1', 'content' => 'Note<img src=x onerror=alert(1)>' ) ) ),
				'countersign_note' => 'Note<script>alert(1)</script>',
			),
		);
		$creds    = $this->credentials( $agent );
		$token    = Http::one( $creds, 'POST', '/countersign/v1/intents', array( 'post' => $post_id, 'changes' => $changes ) );
		$this->assertSame( 201, $token['status'], (string) wp_json_encode( $token['body'] ) );
		$proposal = Http::one( $creds, 'POST', '/countersign/v1/proposals', array( 'post' => $post_id, 'changes' => $changes, 'rationale' => 'Level 5.', 'confirm_token' => $token['body']['token'] ) );
		$this->assertSame( 201, $proposal['status'], (string) wp_json_encode( $proposal['body'] ) );
		$this->assertSame( 5, $proposal['body']['risk'] );
		$this->assertSame( 'pending', $proposal['body']['status'], 'level 5 always waits for a human' );

		$editor = $this->user( 'editor' );
		get_userdata( $editor )->add_cap( 'unfiltered_html', false );
		$approved = Http::one( $this->credentials( $editor ), 'POST', "/countersign/v1/proposals/{$proposal['body']['id']}/approve", array() );
		$this->assertSame( 200, $approved['status'], (string) wp_json_encode( $approved['body'] ) );

		$served = Http::one( $this->credentials( $editor ), 'GET', "/wp/v2/posts/{$post_id}?context=edit" );
		$this->assertSame( 200, $served['status'] );
		$text = (string) wp_json_encode( $served['body']['meta'] ?? null, JSON_UNESCAPED_SLASHES );
		$this->assertStringContainsString( 'Note', $text );
		$this->assertDoesNotMatchRegularExpression( '/<script|onerror|\\\\u003cscript/i', $text );
		$this->assertStringNotContainsString( '<script', (string) get_post_meta( $post_id, 'countersign_note', true ) );
	}
}
