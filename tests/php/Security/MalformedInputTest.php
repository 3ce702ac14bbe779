<?php
/**
 * Malformed input is a 400 naming its field, audited, never a 500 or a PHP warning.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * A form-encoded proposal carrying invalid UTF-8 once reached the database and came back as a 500 with no audit
 * row; an array in `base.modified_gmt` raised a PHP warning. Each malformed field, form-encoded and as JSON where
 * JSON can carry it, is now a 400 `countersign_invalid_payload` with `data.field`, audited as a refused proposal,
 * with nothing stored and nothing in the PHP log from the plugin.
 */
final class MalformedInputTest extends TestCase {

	/**
	 * Form-encoded invalid UTF-8 in every text field of a proposal, and a wrong-shaped base.
	 *
	 * @dataProvider malformed
	 *
	 * @param array<string, mixed> $body  Form body (the post is filled in).
	 * @param string               $field The field the 400 names.
	 * @param string               $type  form or json.
	 */
	public function test_malformed_fields_are_400s_with_their_field( array $body, string $field, string $type ): void {
		global $wpdb;
		$agent   = (int) $this->agent( array( 'preset' => 'full_access' ) )['id'];
		$post_id = $this->post();
		$log     = defined( 'WP_DEBUG_LOG' ) && is_string( WP_DEBUG_LOG ) && is_file( WP_DEBUG_LOG ) ? WP_DEBUG_LOG : '';
		$size    = '' !== $log ? (int) filesize( $log ) : 0;
		$before  = (int) $wpdb->get_var( "SELECT MAX(id) FROM {$wpdb->countersign_audit}" );

		$answer = Http::one( $this->credentials( $agent ), 'POST', '/countersign/v1/proposals', array( 'post' => $post_id ) + $body + array( 'rationale' => 'Malformed on purpose.' ), $type );

		$this->assertSame( 400, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( 'countersign_invalid_payload', $answer['body']['code'] ?? null );
		$this->assertSame( $field, $answer['body']['data']['field'] ?? null );
		$refused = $wpdb->get_var( $wpdb->prepare( "SELECT details FROM {$wpdb->countersign_audit} WHERE id > %d AND agent_id = %d AND action = %s", $before, $agent, 'proposal.refused' ) );
		$this->assertIsString( $refused, 'the refusal is audited' );
		$this->assertSame( $field, json_decode( $refused, true )['field'] ?? null );
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'countersign_proposal' AND post_author = %d", $agent ) ) );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );
		if ( '' !== $log ) {
			clearstatcache();
			$tail = (string) file_get_contents( $log, false, null, $size ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			$this->assertStringNotContainsString( dirname( __DIR__, 3 ) . '/includes/', $tail, 'no PHP notice from the plugin' );
		}
	}

	/**
	 * Named cases.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string, 2: string}>
	 */
	public static function malformed(): array {
		$bad = "Caf\xC3\x28 \xFF\xFE";
		return array(
			'title'                      => array( array( 'changes' => array( 'title' => $bad ) ), 'changes.title', 'form' ),
			'content'                    => array( array( 'changes' => array( 'content' => "<p>{$bad}</p>" ) ), 'changes.content', 'form' ),
			'excerpt'                    => array( array( 'changes' => array( 'excerpt' => $bad ) ), 'changes.excerpt', 'form' ),
			'a term name'                => array( array( 'changes' => array( 'terms' => array( 'post_tag' => array( $bad ) ) ) ), 'changes.terms.post_tag.0', 'form' ),
			'a meta value'               => array( array( 'changes' => array( 'meta' => array( 'countersign_test_note' => $bad ) ) ), 'changes.meta.countersign_test_note', 'form' ),
			'a meta key'                 => array( array( 'changes' => array( 'meta' => array( $bad => 'x' ) ) ), 'changes.meta', 'form' ),
			'rationale'                  => array( array( 'changes' => array( 'title' => 'Fine' ), 'rationale' => $bad ), 'rationale', 'form' ),
			'source'                     => array( array( 'changes' => array( 'title' => 'Fine' ), 'source' => array( 'model' => $bad ) ), 'source.model', 'form' ),
			'an array as modified_gmt'   => array( array( 'changes' => array( 'title' => 'Fine' ), 'base' => array( 'modified_gmt' => array( 'x' ) ) ), 'base.modified_gmt', 'form' ),
			'an array as modified_gmt (json)' => array( array( 'changes' => array( 'title' => 'Fine' ), 'base' => array( 'modified_gmt' => array( 'x' ) ) ), 'base.modified_gmt', 'json' ),
			'a number as modified_gmt'   => array( array( 'changes' => array( 'title' => 'Fine' ), 'base' => array( 'modified_gmt' => 12 ) ), 'base.modified_gmt', 'json' ),
			'not a date as modified_gmt' => array( array( 'changes' => array( 'title' => 'Fine' ), 'base' => array( 'modified_gmt' => 'yesterday' ) ), 'base.modified_gmt', 'json' ),
		);
	}

	/**
	 * A reviewer's form-encoded edits with invalid UTF-8: 400 naming the edit, the proposal still pending.
	 */
	public function test_malformed_edits_are_400s(): void {
		$agent    = (int) $this->agent()['id'];
		$proposal = (int) $this->propose( $agent, array( 'post' => $this->post(), 'changes' => array( 'title' => 'Agent title' ) ) )->get_data()['id'];

		$answer = Http::one( $this->credentials( $this->user( 'editor' ) ), 'POST', "/countersign/v1/proposals/{$proposal}/approve", array( 'edits' => array( 'title' => "Bad \xC3\x28" ) ), 'form' );

		$this->assertSame( 400, $answer['status'], (string) wp_json_encode( $answer['body'] ) );
		$this->assertSame( 'edits.title', $answer['body']['data']['field'] ?? null );
		clean_post_cache( $proposal );
		$this->assertSame( 'cs_pending', get_post_status( $proposal ) );
	}
}
