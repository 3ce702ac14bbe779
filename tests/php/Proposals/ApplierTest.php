<?php
/**
 * The apply engine, field by field, and its failure path.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Proposals;

use Countersign\Tests\TestCase;

/**
 * Every kind of change applies through core; a failure after the backup rolls everything back.
 */
final class ApplierTest extends TestCase {

	private const META_KEY = 'countersign_test_subtitle';

	/**
	 * Registers a meta key the way a theme or plugin would.
	 */
	protected function setUp(): void {
		parent::setUp();
		register_post_meta(
			'post',
			self::META_KEY,
			array(
				'type'          => 'string',
				'single'        => true,
				'show_in_rest'  => true,
				'auth_callback' => '__return_true',
			)
		);
		register_post_meta(
			'post',
			'_yoast_wpseo_metadesc',
			array(
				'type'          => 'string',
				'single'        => true,
				'show_in_rest'  => true,
				'auth_callback' => fn( $allowed, $key, $post_id, $user_id ) => user_can( $user_id, 'edit_post', $post_id ),
			)
		);
	}

	/**
	 * Unregisters it.
	 */
	protected function tearDown(): void {
		unregister_post_meta( 'post', self::META_KEY );
		unregister_post_meta( 'post', '_yoast_wpseo_metadesc' );
		remove_all_actions( 'countersign_after_write' );
		parent::tearDown();
	}

	/**
	 * Proposes and approves; returns the approval's response data.
	 *
	 * @param int                  $agent   Agent.
	 * @param array<string, mixed> $body    Proposal body.
	 * @param bool                 $confirm Whether to fetch a confirmation token first.
	 * @return array<string, mixed>
	 */
	private function propose_and_approve( int $agent, array $body, bool $confirm = false ): array {
		if ( $confirm ) {
			$body['confirm_token'] = $this->rest( $agent, 'POST', '/countersign/v1/intents', $body )->get_data()['token'];
		}
		$proposal = $this->propose( $agent, $body );
		$this->assertSame( 201, $proposal->get_status(), (string) wp_json_encode( $proposal->get_data() ) );
		$admin    = $this->user( 'administrator' );
		$response = $this->rest( $admin, 'POST', '/countersign/v1/proposals/' . $proposal->get_data()['id'] . '/approve' );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		return $response->get_data();
	}

	/**
	 * Terms by id and by name; a new name creates the term.
	 */
	public function test_terms_by_id_and_name(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$news    = wp_insert_term( 'News ' . wp_generate_password( 4, false ), 'category' );
		$name    = 'Fresh tag ' . wp_generate_password( 4, false );

		$this->propose_and_approve(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array(
					'terms' => array(
						'category' => array( (int) $news['term_id'] ),
						'post_tag' => array( $name ),
					),
				),
			)
		);

		$this->assertSame( array( (int) $news['term_id'] ), wp_get_post_categories( $post_id ) );
		$this->assertSame( array( $name ), wp_get_post_tags( $post_id, array( 'fields' => 'names' ) ) );
	}

	/**
	 * A contributor's role cannot create terms: naming a missing one is refused.
	 */
	public function test_creating_terms_needs_manage_terms(): void {
		$agent   = (int) $this->agent( array( 'role' => 'contributor' ) )['id'];
		$post_id = $this->post( array( 'post_author' => $agent ) );

		$response = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'terms' => array( 'post_tag' => array( 'Brand new ' . wp_generate_password( 4, false ) ) ) ) ) );

		$this->assertError( $response, 'countersign_role_denies', 403 );
		$this->assertSame( 'changes.terms.post_tag', $response->get_data()['data']['field'] );
	}

	/**
	 * Registered meta applies; SEO keys need the seo group; unregistered keys are 400.
	 */
	public function test_meta(): void {
		$agent   = (int) $this->agent( array( 'preset' => 'custom', 'groups' => array( 'create_edit' ) ) )['id'];
		$post_id = $this->post();

		$this->propose_and_approve( $agent, array( 'post' => $post_id, 'changes' => array( 'meta' => array( self::META_KEY => 'A subtitle' ) ) ) );
		$seo      = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'meta' => array( '_yoast_wpseo_metadesc' => 'Description' ) ) ) );
		$unknown  = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'meta' => array( '_edit_lock' => '1' ) ) ) );
		$bad_type = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'meta' => array( self::META_KEY => array( 'not', 'a', 'string' ) ) ) ) );

		$this->assertSame( 'A subtitle', get_post_meta( $post_id, self::META_KEY, true ) );
		$this->assertError( $seo, 'countersign_forbidden_group', 403 );
		$this->assertError( $unknown, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'changes.meta._edit_lock', $unknown->get_data()['data']['field'] );
		$this->assertError( $bad_type, 'countersign_invalid_payload', 400 );
	}

	/**
	 * The featured image is set and removed.
	 */
	public function test_featured_media(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$image   = wp_insert_attachment(
			array(
				'post_title'     => 'Garden',
				'post_mime_type' => 'image/jpeg',
				'post_status'    => 'inherit',
			),
			'garden.jpg'
		);

		$this->propose_and_approve( $agent, array( 'post' => $post_id, 'changes' => array( 'featured_media' => $image ) ) );
		$this->assertSame( $image, (int) get_post_thumbnail_id( $post_id ) );
		$this->propose_and_approve( $agent, array( 'post' => $post_id, 'changes' => array( 'featured_media' => 0 ) ) );
		$this->assertSame( 0, (int) get_post_thumbnail_id( $post_id ) );
		$this->assertError( $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'featured_media' => $post_id ) ) ), 'countersign_invalid_payload', 400 );
	}

	/**
	 * Author changes are risk 4 and need the authors group and edit_others_posts.
	 */
	public function test_author_change(): void {
		$agent   = (int) $this->agent()['id'];
		$writer  = $this->user( 'author' );
		$post_id = $this->post();

		$applied = $this->propose_and_approve( $agent, array( 'post' => $post_id, 'changes' => array( 'author' => $writer ) ), true );

		$this->assertSame( 4, $applied['risk'] );
		$this->assertSame( $writer, (int) get_post( $post_id )->post_author );
		$this->assertError( $this->propose( (int) $this->agent( array( 'preset' => 'draft_only' ) )['id'], array( 'post' => $post_id, 'changes' => array( 'author' => 1 ) ) ), 'countersign_forbidden_group', 403 );
	}

	/**
	 * Trash, and restore from the trash, through core's trash functions.
	 */
	public function test_trash_and_untrash(): void {
		$agent   = (int) $this->agent( array( 'preset' => 'full_access' ) )['id'];
		$post_id = $this->post();

		$this->propose_and_approve( $agent, array( 'post' => $post_id, 'changes' => array( 'status' => 'trash' ) ), true );
		$this->assertSame( 'trash', get_post_status( $post_id ) );
		$this->assertSame( 'draft', get_post_meta( $post_id, '_wp_trash_meta_status', true ) );

		$this->propose_and_approve( $agent, array( 'post' => $post_id, 'changes' => array( 'status' => 'draft' ) ), true );
		$this->assertSame( 'draft', get_post_status( $post_id ) );

		$standard = (int) $this->agent( array( 'preset' => 'standard' ) )['id'];
		$this->assertError( $this->propose( $standard, array( 'post' => $post_id, 'changes' => array( 'status' => 'trash' ) ) ), 'countersign_forbidden_group', 403 );
	}

	/**
	 * Scheduling needs a future date, and applies as `future`.
	 */
	public function test_schedule(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$when    = gmdate( 'Y-m-d\TH:i:s', time() + WEEK_IN_SECONDS );

		$past = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'status' => 'future', 'date' => '2001-01-01T00:00:00' ) ) );
		$this->propose_and_approve( $agent, array( 'post' => $post_id, 'changes' => array( 'status' => 'future', 'date' => $when ) ), true );

		$this->assertError( $past, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'changes.date', $past->get_data()['data']['field'] );
		$this->assertSame( 'future', get_post_status( $post_id ) );
		$this->assertSame( str_replace( 'T', ' ', $when ), get_post( $post_id )->post_date_gmt );
	}

	/**
	 * A failure after the backup rolls back the post, the backup and the audit row; the proposal is failed with
	 * the reason, and a reviewer can retry it.
	 */
	public function test_failure_after_write_rolls_back(): void {
		global $wpdb;
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$post_id  = $this->post();
		$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Never half-written', 'excerpt' => 'Nor this' ) ) )->get_data();
		$backups  = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}countersign_backups WHERE post_id = %d", $post_id ) );
		add_action(
			'countersign_after_write',
			static function (): void {
				throw new \RuntimeException( 'Injected fault' );
			}
		);

		$failed = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );

		$this->assertError( $failed, 'countersign_apply_failed', 409 );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
		$this->assertSame( '', get_post( $post_id )->post_excerpt );
		$this->assertSame( $backups, (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->prefix}countersign_backups WHERE post_id = %d", $post_id ) ) );
		$detail = $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$proposal['id']}" )->get_data();
		$this->assertSame( 'failed', $detail['status'] );
		$this->assertSame( 'Injected fault', $detail['decision']['reason'] );
		$this->assertCount( 0, $this->plugin()->audit_query->find( array( 'proposal' => (int) $proposal['id'], 'action' => 'proposal.approved' ) )['rows'] );
		$this->assertTrue( $this->plugin()->audit_verifier->verify()['ok'] );

		remove_all_actions( 'countersign_after_write' );
		$retried = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve" );
		$this->assertSame( 'applied', $retried->get_data()['status'] );
		$this->assertSame( 'Never half-written', get_post( $post_id )->post_title );
	}

	/**
	 * Edits are sanitised with the reviewer's capabilities and the decision keeps both versions.
	 */
	public function test_edit_then_approve_keeps_both_versions(): void {
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$post_id  = $this->post();
		$proposal = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'title' => 'Agent wording' ) ) )->get_data();

		$approved = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$proposal['id']}/approve", array( 'edits' => array( 'title' => 'Editor wording' ), 'note' => 'Tightened.' ) )->get_data();

		$this->assertSame( 'Editor wording', get_post( $post_id )->post_title );
		$this->assertTrue( $approved['decision']['edited'] );
		$this->assertSame( 'Agent wording', $approved['changes']->title );
		$rows = $this->plugin()->audit_query->find( array( 'proposal' => (int) $proposal['id'], 'action' => 'proposal.approved' ) )['rows'];
		$this->assertTrue( $rows[0]['details']['edited'] );
	}

	/**
	 * The agent changed one block, a human another since: approval keeps both. Both changing the same block
	 * differently is a conflict, and nothing is written.
	 */
	public function test_stale_content_is_merged_block_by_block(): void {
		$agent   = (int) $this->agent()['id'];
		$editor  = $this->user( 'editor' );
		$block   = static fn( string $text ): string => "<!-- wp:paragraph -->\n<p>{$text}</p>\n<!-- /wp:paragraph -->";
		$post_id = $this->post( array( 'post_content' => $block( 'Alpha' ) . "\n\n" . $block( 'Beta' ) ) );

		$merge = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'content' => $block( 'Alpha by the agent' ) . "\n\n" . $block( 'Beta' ) ) ) )->get_data();
		$clash = $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'content' => $block( 'Alpha' ) . "\n\n" . $block( 'Beta by the agent' ) ) ) )->get_data();
		wp_update_post(
			array(
				'ID'           => $post_id,
				'post_content' => $block( 'Alpha' ) . "\n\n" . $block( 'Beta by a human' ),
			)
		);

		$applied = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$merge['id']}/approve" );
		$this->assertSame( 'applied', $applied->get_data()['status'] ?? null, (string) wp_json_encode( $applied->get_data() ) );
		$this->assertSame( $block( 'Alpha by the agent' ) . "\n\n" . $block( 'Beta by a human' ), get_post( $post_id )->post_content );
		$this->assertFalse( $applied->get_data()['decision']['edited'] );

		$before   = get_post( $post_id )->post_content;
		$conflict = $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$clash['id']}/approve" );
		$this->assertError( $conflict, 'countersign_conflict', 409 );
		$this->assertSame( '1', $conflict->get_data()['data']['conflicts'][0]['path'] );
		$this->assertSame( $before, get_post( $post_id )->post_content );
		$this->assertSame( 'conflict', $this->rest( $editor, 'GET', "/countersign/v1/proposals/{$clash['id']}" )->get_data()['status'] );
	}
}
