<?php
/**
 * Site settings proposed by agents.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Proposals;

use Countersign\Tests\CapturesMail;
use Countersign\Tests\TestCase;

/**
 * The settings core exposes through /wp/v2/settings, and nothing else; risk 3; only someone with manage_options
 * approves; backed up and restorable; old and new values in the proposal and the audit log.
 */
final class SiteSettingsTest extends TestCase {

	use CapturesMail;

	/**
	 * The settings touched by these tests, put back afterwards.
	 *
	 * @var array<string, mixed>
	 */
	private array $saved = array();

	/**
	 * Remembers the options.
	 */
	protected function setUp(): void {
		parent::setUp();
		foreach ( array( 'blogname', 'blogdescription', 'posts_per_page' ) as $option ) {
			$this->saved[ $option ] = get_option( $option );
		}
	}

	/**
	 * Puts them back.
	 */
	protected function tearDown(): void {
		foreach ( $this->saved as $option => $value ) {
			update_option( $option, $value );
		}
		parent::tearDown();
	}

	/**
	 * A full-access agent proposes a title and tagline: risk 3, old values kept; an Editor may not approve it, an
	 * administrator does; backup restores the old values; the audit has before and after.
	 */
	public function test_propose_approve_and_restore(): void {
		update_option( 'blogname', 'Garden club' );
		update_option( 'blogdescription', 'We grow things' );
		$agent = (int) $this->agent(
			array(
				'preset'   => 'full_access',
				'autonomy' => 'autonomous',
			)
		)['id'];

		$proposed = $this->propose(
			$agent,
			array(
				'post'    => 0,
				'changes' => array(
					'site_settings' => array(
						'title'       => 'Garden club of Ghent',
						'description' => 'Growing since 1920',
					),
				),
			)
		);

		$this->assertSame( 201, $proposed->get_status(), (string) wp_json_encode( $proposed->get_data() ) );
		$id = (int) $proposed->get_data()['id'];
		$this->assertSame( 'pending', $proposed->get_data()['status'], 'risk 3 waits for a human even for an autonomous agent' );
		$this->assertSame( 3, $proposed->get_data()['risk'] );
		$this->assertSame( 'Garden club', get_option( 'blogname' ) );
		$subjects = array_column( $this->mails, 'subject' );
		$this->assertNotEmpty( preg_grep( '/proposes a medium-risk change to "Site settings"/', $subjects ), 'administrators are emailed about it' );

		$editor = $this->user( 'editor' );
		$admin  = $this->user( 'administrator' );
		$detail = $this->rest( $admin, 'GET', '/countersign/v1/proposals/' . $id )->get_data();
		$this->assertSame(
			array(
				'title'       => 'Garden club',
				'description' => 'We grow things',
			),
			$detail['fields']['site_settings']['base']
		);
		$this->assertSame( 'Growing since 1920', $detail['fields']['site_settings']['proposed']['description'] );
		$this->assertSame( 403, $this->rest( $editor, 'POST', "/countersign/v1/proposals/{$id}/approve" )->get_status() );
		$this->assertSame( 'Garden club', get_option( 'blogname' ) );

		$approved = $this->rest( $admin, 'POST', "/countersign/v1/proposals/{$id}/approve" );
		$this->assertSame( 200, $approved->get_status(), (string) wp_json_encode( $approved->get_data() ) );
		$this->assertSame( 'applied', $approved->get_data()['status'] );
		$this->assertSame( 'Garden club of Ghent', get_option( 'blogname' ) );
		$this->assertSame( 'Growing since 1920', get_option( 'blogdescription' ) );

		$audit = $this->rest(
			$admin,
			'GET',
			'/countersign/v1/audit',
			array(
				'proposal' => $id,
				'action'   => 'proposal.approved',
			)
		)->get_data();
		$this->assertSame( 'Garden club', $audit[0]['details']['settings']['before']['title'] );
		$this->assertSame( 'Garden club of Ghent', $audit[0]['details']['settings']['after']['title'] );

		$backup = (int) $approved->get_data()['backup_id'];
		$this->assertGreaterThan( 0, $backup );
		$this->assertSame( 403, $this->rest( $editor, 'POST', "/countersign/v1/backups/{$backup}/restore" )->get_status() );
		$restored = $this->rest( $admin, 'POST', "/countersign/v1/backups/{$backup}/restore" );
		$this->assertSame( 200, $restored->get_status(), (string) wp_json_encode( $restored->get_data() ) );
		$this->assertSame( 'Garden club', get_option( 'blogname' ) );
		$this->assertSame( 'We grow things', get_option( 'blogdescription' ) );
		$this->assertSame( 'reverted', $this->rest( $admin, 'GET', '/countersign/v1/proposals/' . $id )->get_data()['status'] );
	}

	/**
	 * Only full_access and custom presets carry the group; nothing outside the registered list; values checked
	 * against core's schema; never together with post fields or on a post.
	 *
	 * @dataProvider refusals
	 *
	 * @param array<string, mixed> $body   Proposal body.
	 * @param string               $preset Preset.
	 * @param string               $code   Expected error code.
	 * @param int                  $status Expected status.
	 * @param string               $field  Expected field.
	 */
	public function test_refusals( array $body, string $preset, string $code, int $status, string $field ): void {
		$agent = (int) $this->agent( array( 'preset' => $preset ) + ( 'custom' === $preset ? array( 'groups' => array( 'create_edit' ) ) : array() ) )['id'];
		if ( isset( $body['post'] ) && 'TARGET' === $body['post'] ) {
			$body['post'] = $this->post();
		}
		$before   = get_option( 'blogname' );
		$response = $this->propose( $agent, $body );
		$this->assertError( $response, $code, $status );
		$this->assertSame( $field, $response->get_data()['data']['field'] );
		$this->assertSame( $before, get_option( 'blogname' ) );
	}

	/**
	 * Refused proposals.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: string, 2: string, 3: int, 4: string}>
	 */
	public static function refusals(): array {
		$title = array( 'changes' => array( 'site_settings' => array( 'title' => 'New' ) ) );
		return array(
			'content_manager lacks the group' => array( $title, 'content_manager', 'countersign_forbidden_group', 403, 'changes.site_settings' ),
			'custom without the group'        => array( $title, 'custom', 'countersign_forbidden_group', 403, 'changes.site_settings' ),
			'an option core does not expose'  => array( array( 'changes' => array( 'site_settings' => array( 'siteurl' => 'http://evil.test' ) ) ), 'full_access', 'countersign_invalid_payload', 400, 'changes.site_settings.siteurl' ),
			'admin_email is not exposed'      => array( array( 'changes' => array( 'site_settings' => array( 'admin_email' => 'evil@example.test' ) ) ), 'full_access', 'countersign_invalid_payload', 400, 'changes.site_settings.admin_email' ),
			'a wrong type'                    => array( array( 'changes' => array( 'site_settings' => array( 'posts_per_page' => 'many' ) ) ), 'full_access', 'countersign_invalid_payload', 400, 'changes.site_settings.posts_per_page' ),
			'not an object'                   => array( array( 'changes' => array( 'site_settings' => 'title' ) ), 'full_access', 'countersign_invalid_payload', 400, 'changes.site_settings' ),
			'with a post field'               => array(
				array(
					'changes' => array(
						'site_settings' => array( 'title' => 'New' ),
						'title'         => 'Post',
					),
				),
				'full_access',
				'countersign_invalid_payload',
				400,
				'changes.site_settings',
			),
			'on a post'                       => array( array( 'post' => 'TARGET' ) + $title, 'full_access', 'countersign_invalid_payload', 400, 'post' ),
			'markup in the title'             => array( array( 'changes' => array( 'site_settings' => array( 'title' => '<script>alert(1)</script>' ) ) ), 'full_access', 'countersign_risk_disabled', 403, 'changes.site_settings.title' ),
		);
	}

	/**
	 * GET /me lists the operation with its risk and the settings it may name.
	 */
	public function test_me_lists_site_settings(): void {
		$full = (int) $this->agent( array( 'preset' => 'full_access' ) )['id'];
		$none = (int) $this->agent( array( 'preset' => 'content_manager' ) )['id'];

		$op    = $this->rest( $full, 'GET', '/countersign/v1/me' )->get_data()['operations']['site_settings'];
		$other = $this->rest( $none, 'GET', '/countersign/v1/me' )->get_data()['operations']['site_settings'];

		$this->assertTrue( $op['allowed'] );
		$this->assertSame( 3, $op['targets']['new']['risk'] );
		$this->assertSame( array( 'site_settings' ), $op['targets']['new']['groups'] );
		$this->assertContains( 'title', $op['keys'] );
		$this->assertNotContains( 'siteurl', $op['keys'] );
		$this->assertFalse( $other['allowed'] );
		$this->assertSame( 'countersign_forbidden_group', $other['targets']['new']['why_not'] );
	}
}
