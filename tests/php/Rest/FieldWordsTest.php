<?php
/**
 * Changes in words.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Tests\TestCase;

/**
 * A proposal's detail says what its values are called (the author's name and avatar, the image's title and thumbnail,
 * term names under the taxonomy's label, the status's label, the date in the site's format and time zone, a meta
 * key's registered label), and a backup says why it was taken, in words.
 */
final class FieldWordsTest extends TestCase {

	/**
	 * Options this test changes, with their values before.
	 *
	 * @var array<string, mixed>
	 */
	private array $options = array();

	/**
	 * Puts the options back and unregisters the meta key.
	 */
	protected function tearDown(): void {
		foreach ( $this->options as $name => $value ) {
			update_option( $name, $value );
		}
		unregister_post_meta( 'post', 'countersign_subtitle' );
		parent::tearDown();
	}

	/**
	 * Sets an option for this test.
	 *
	 * @param string $name  Option.
	 * @param mixed  $value Value.
	 */
	private function option( string $name, mixed $value ): void {
		$this->options[ $name ] ??= get_option( $name );
		update_option( $name, $value );
	}

	/**
	 * Every kind of value a change set holds as an id or a code comes back in words.
	 */
	public function test_a_detail_says_each_value_in_words(): void {
		$this->option( 'timezone_string', 'Europe/Berlin' );
		$this->option( 'date_format', 'j F Y' );
		$this->option( 'time_format', 'H:i' );
		register_post_meta(
			'post',
			'countersign_subtitle',
			array(
				'type'          => 'string',
				'single'        => true,
				'show_in_rest'  => true,
				'label'         => 'Subtitle',
				'auth_callback' => fn( $allowed, $meta_key, $post_id, $user_id ) => user_can( $user_id, 'edit_post', $post_id ),
			)
		);
		$jane = $this->user( 'author' );
		wp_update_user(
			array(
				'ID'           => $jane,
				'display_name' => 'Jane Doe',
			)
		);
		$image = wp_insert_attachment(
			array(
				'post_title'     => 'Green field',
				'post_mime_type' => 'image/png',
				'post_status'    => 'inherit',
			),
			'2026/12/green-field.png'
		);
		$roses = wp_insert_term( 'Roses ' . wp_generate_password( 4, false ), 'category' );
		$this->assertIsArray( $roses );
		$agent   = $this->agent( array( 'preset' => 'full_access' ) );
		$post    = $this->post( array( 'post_category' => array( 1 ) ) );
		$changes = array(
			'author'         => $jane,
			'featured_media' => $image,
			'status'         => 'pending',
			'date'           => '2026-12-10T09:00:00Z',
			'terms'          => array( 'category' => array( (int) $roses['term_id'], 'Brand new topic' ) ),
			'meta'           => array( 'countersign_subtitle' => 'A subtitle' ),
		);
		$token   = $this->rest(
			(int) $agent['id'],
			'POST',
			'/countersign/v1/intents',
			array(
				'post'    => $post,
				'changes' => $changes,
			)
		);
		$this->assertSame( 201, $token->get_status(), (string) wp_json_encode( $token->get_data() ) );
		$created = $this->propose(
			(int) $agent['id'],
			array(
				'post'          => $post,
				'changes'       => $changes,
				'confirm_token' => $token->get_data()['token'],
			)
		);
		$this->assertSame( 201, $created->get_status(), (string) wp_json_encode( $created->get_data() ) );

		$detail = $this->rest( $this->user( 'editor' ), 'GET', '/countersign/v1/proposals/' . $created->get_data()['id'] );
		$this->assertSame( 200, $detail->get_status() );
		$words = json_decode( (string) wp_json_encode( $detail->get_data()['words'] ), true );

		$this->assertSame( 'Jane Doe', $words['users'][ (string) $jane ]['name'] );
		$this->assertStringStartsWith( 'http', $words['users'][ (string) $jane ]['avatar'] );
		$this->assertFalse( $words['users'][ (string) $jane ]['agent'] );
		$this->assertSame( 'Green field', $words['media'][ (string) $image ]['title'] );
		$this->assertStringEndsWith( '/2026/12/green-field.png', $words['media'][ (string) $image ]['thumbnail'] );
		$this->assertSame( 'Pending', $words['statuses']['pending'] );
		$this->assertSame( 'Draft', $words['statuses']['draft'] );
		// 09:00 UTC is 10:00 in Berlin, in the site's formats; the draft's zero date is said as such.
		$this->assertSame( '10 December 2026 at 10:00', $words['dates']['2026-12-10 09:00:00'] );
		$this->assertSame( 'Not set: the date it is published', $words['dates']['0000-00-00 00:00:00'] );
		$this->assertSame( 'Categories', $words['terms']['category']['label'] );
		$this->assertSame( get_term( 1 )->name, $words['terms']['category']['names']['1'] );
		$this->assertSame( get_term( (int) $roses['term_id'] )->name, $words['terms']['category']['names'][ (string) $roses['term_id'] ] );
		$this->assertSame( 'Brand new topic (new)', $words['terms']['category']['names']['Brand new topic'] );
		$this->assertSame( 'Subtitle', $words['meta']['countersign_subtitle'] );
	}

	/**
	 * An empty table is a JSON object, never a list, so the screens can look values up in it.
	 */
	public function test_empty_tables_are_objects(): void {
		$agent   = $this->agent();
		$created = $this->propose(
			(int) $agent['id'],
			array(
				'post'    => $this->post(),
				'changes' => array( 'title' => 'New' ),
			)
		);
		$this->assertSame( 201, $created->get_status() );
		$detail = $this->rest( $this->user( 'editor' ), 'GET', '/countersign/v1/proposals/' . $created->get_data()['id'] );
		$this->assertSame( '{"users":{},"media":{},"terms":{},"statuses":{},"dates":{},"meta":{}}', wp_json_encode( $detail->get_data()['words'] ) );
	}

	/**
	 * A backup says which proposal, by which agent, approved by whom; a restore's backup says who restored.
	 */
	public function test_a_backup_says_why_it_was_taken(): void {
		$agent  = $this->agent( array( 'label' => 'Claude ' . wp_generate_password( 4, false ) ) );
		$editor = $this->user( 'editor' );
		wp_update_user(
			array(
				'ID'           => $editor,
				'display_name' => 'Eve Editor',
			)
		);
		$post    = $this->post();
		$created = $this->propose(
			(int) $agent['id'],
			array(
				'post'    => $post,
				'changes' => array( 'title' => 'New' ),
			)
		);
		$id      = (int) $created->get_data()['id'];
		$this->assertSame( 'applied', $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$id}/approve" )->get_data()['status'] );
		$backups = $this->rest( $editor, 'GET', "/countersign/v1/posts/{$post}/backups" )->get_data();
		$this->assertSame( "Before approving #{$id} by {$agent['label']} (approved by Eve Editor)", $backups[0]['description'] );

		$restore = $this->rest( $editor, 'POST', "/countersign/v1/backups/{$backups[0]['id']}/restore" );
		$this->assertSame( 200, $restore->get_status() );
		$backups = $this->rest( $editor, 'GET', "/countersign/v1/posts/{$post}/backups" )->get_data();
		$this->assertSame( 'Before a restore by Eve Editor', $backups[0]['description'] );
	}
}
