<?php
/**
 * Which capability group a change needs: SEO meta keys.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Policy;

use Countersign\Tests\RegistersPostMeta;
use Countersign\Tests\TestCase;

/**
 * SEO plugins' title and description keys belong to the `seo` group, every other registered meta key to
 * `create_edit`: an agent without `seo` is refused 403 countersign_forbidden_group naming the key, one with it is
 * accepted, and the change applies.
 */
final class CapabilityGroupsTest extends TestCase {

	use RegistersPostMeta;

	/** SEO keys, as the SEO plugins name them (Yoast, Rank Math, All in One SEO). */
	private const SEO_KEYS = array( '_yoast_wpseo_title', '_yoast_wpseo_metadesc', 'rank_math_title', 'rank_math_description', '_aioseo_title', '_aioseo_description' );

	/** A registered key that is not SEO. */
	private const PLAIN_KEY = 'countersign_test_subtitle';

	/**
	 * Registers the meta keys the way an SEO plugin (and a theme) would.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->register_post_meta_keys( array_merge( self::SEO_KEYS, array( self::PLAIN_KEY ) ) );
	}

	/**
	 * Without `seo` (a custom preset with create_edit, and media_manager) the key is refused, naming it; with `seo`
	 * (seo_specialist, which has no create_edit, and draft_only) it is accepted and an approval writes it.
	 *
	 * @dataProvider seo_keys
	 *
	 * @param string $key SEO meta key.
	 */
	public function test_seo_keys_need_the_seo_group( string $key ): void {
		$editor  = $this->user( 'editor' );
		$post_id = $this->post();
		$changes = array( 'meta' => array( $key => 'Proposed ' . $key ) );
		$without = array(
			$this->agent( array( 'preset' => 'custom', 'groups' => array( 'create_edit' ) ) ),
			$this->agent( array( 'preset' => 'media_manager' ) ),
		);
		$with    = array(
			$this->agent( array( 'preset' => 'seo_specialist' ) ),
			$this->agent( array( 'preset' => 'draft_only' ) ),
		);

		foreach ( $without as $agent ) {
			$response = $this->propose( (int) $agent['id'], array( 'post' => $post_id, 'changes' => $changes ) );
			$this->assertError( $response, 'countersign_forbidden_group', 403 );
			$this->assertSame( array( "changes.meta.{$key}", 'group:seo' ), array( $response->get_data()['data']['field'], $response->get_data()['data']['rule'] ) );
		}
		foreach ( $with as $agent ) {
			$response = $this->propose( (int) $agent['id'], array( 'post' => $post_id, 'changes' => $changes ) );
			$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
			$this->assertSame( 'pending', $response->get_data()['status'] );
			$last = $response->get_data()['id'];
		}
		$this->assertSame( '', get_post_meta( $post_id, $key, true ) );

		$approved = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$last}/approve" );
		$this->assertSame( 200, $approved->get_status(), (string) wp_json_encode( $approved->get_data() ) );
		$this->assertSame( 'Proposed ' . $key, get_post_meta( $post_id, $key, true ) );
	}

	/**
	 * Each SEO key.
	 *
	 * @return array<string, array{0: string}>
	 */
	public static function seo_keys(): array {
		return array_combine( self::SEO_KEYS, array_map( fn( string $key ): array => array( $key ), self::SEO_KEYS ) );
	}

	/**
	 * Other meta is create_edit: an SEO-only agent is refused it; and a change mixing both kinds needs both groups,
	 * the refusal naming the key whose group is missing.
	 */
	public function test_other_meta_needs_create_edit_and_a_mix_needs_both(): void {
		$seo_only  = (int) $this->agent( array( 'preset' => 'seo_specialist' ) )['id'];
		$edit_only = (int) $this->agent( array( 'preset' => 'custom', 'groups' => array( 'create_edit' ) ) )['id'];
		$both      = (int) $this->agent( array( 'preset' => 'draft_only' ) )['id'];
		$post_id   = $this->post();
		$plain     = array( self::PLAIN_KEY => 'A subtitle' );
		$mixed     = array(
			self::PLAIN_KEY         => 'A subtitle',
			'_yoast_wpseo_metadesc' => 'A description',
		);

		$refused = $this->propose( $seo_only, array( 'post' => $post_id, 'changes' => array( 'meta' => $plain ) ) );
		$this->assertError( $refused, 'countersign_forbidden_group', 403 );
		$this->assertSame( array( 'changes.meta.' . self::PLAIN_KEY, 'group:create_edit' ), array( $refused->get_data()['data']['field'], $refused->get_data()['data']['rule'] ) );
		$this->assertSame( 201, $this->propose( $edit_only, array( 'post' => $post_id, 'changes' => array( 'meta' => $plain ) ) )->get_status() );

		foreach ( array( array( $seo_only, self::PLAIN_KEY, 'create_edit' ), array( $edit_only, '_yoast_wpseo_metadesc', 'seo' ) ) as list( $agent, $key, $group ) ) {
			$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'meta' => $mixed ) ) );
			$this->assertError( $response, 'countersign_forbidden_group', 403 );
			$this->assertSame( array( "changes.meta.{$key}", "group:{$group}" ), array( $response->get_data()['data']['field'], $response->get_data()['data']['rule'] ) );
		}
		$this->assertSame( 201, $this->propose( $both, array( 'post' => $post_id, 'changes' => array( 'meta' => $mixed ) ) )->get_status() );
	}
}
