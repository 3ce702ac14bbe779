<?php
/**
 * The security matrix: every Countersign route × every kind of caller, over real HTTP with real Application
 * Passwords, against an explicit table of expected answers.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Every route (and method) of countersign/v1 × {anonymous, the five core roles, an agent of each of the eight
 * presets, a paused agent, a revoked agent, another agent, one agent's login with another's password}: status and
 * error code, every cell asserted. The table is written out by hand; it is the contract, not a copy of the code.
 *
 * Fixtures: proposals are made by the `content_manager` agent (so it is their owner) on a draft by user 1; a cell
 * expected to succeed and change something gets fresh fixtures of its own, so the order the servers answer in
 * does not matter.
 */
final class MatrixTest extends TestCase {

	/** Column order of the table. */
	private const IDENTITIES = array(
		'anonymous',
		'subscriber',
		'contributor',
		'author',
		'editor',
		'administrator',
		'read_only',
		'seo_specialist',
		'media_manager',
		'draft_only',
		'content_manager',
		'standard',
		'full_access',
		'custom',
		'paused',
		'revoked',
		'other_agent',
		'wrong_password',
	);

	private const OK       = '200';
	private const CREATED  = '201';
	private const ANON     = '401 rest_forbidden';
	private const DENIED   = '403 rest_forbidden';
	private const NO_AGENT = '403 countersign_not_agent';
	private const GROUP    = '403 countersign_forbidden_group';
	private const PAUSED   = '403 countersign_agent_paused';
	private const REVOKED  = '401 countersign_agent_revoked';
	private const BAD_PASS = '401 rest_forbidden';

	/**
	 * The expected answer of every cell: route => one answer per identity, in IDENTITIES order.
	 *
	 * @return array<string, list<string>>
	 */
	private static function table(): array {
		$ok  = self::OK;
		$cr  = self::CREATED;
		$an  = self::ANON;
		$dn  = self::DENIED;
		$na  = self::NO_AGENT;
		$gr  = self::GROUP;
		$pa  = self::PAUSED;
		$rv  = self::REVOKED;
		$bp  = self::BAD_PASS;
		// phpcs:disable WordPress.Arrays.ArrayDeclarationSpacing -- one row per route reads as a table.
		return array(
			//                                          anon sub  con  aut  edi  adm  ro   seo  med  dra  cm   std  full cus  paus rev  oth  badpw
			'GET /me'                          => array( $an, $na, $na, $na, $na, $na, $ok, $ok, $ok, $ok, $ok, $ok, $ok, $ok, $pa, $rv, $ok, $bp ),
			'GET /proposals'                   => array( $an, $dn, $dn, $dn, $ok, $ok, $ok, $ok, $ok, $ok, $ok, $ok, $ok, $ok, $pa, $rv, $ok, $bp ),
			'POST /proposals'                  => array( $an, $na, $na, $na, $na, $na, $gr, $gr, $gr, $cr, $cr, $cr, $cr, $gr, $pa, $rv, $cr, $bp ),
			'GET /proposals/{id}'              => array( $an, $dn, $dn, $dn, $ok, $ok, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /proposals/{id}/approve'     => array( $an, $dn, $dn, $dn, $ok, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /proposals/{id}/reject'      => array( $an, $dn, $dn, $dn, $ok, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'GET /proposals/{id}/conflicts'    => array( $an, $dn, $dn, $dn, $ok, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /proposals/{id}/withdraw'    => array( $an, $na, $na, $na, $na, $na, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /proposals/batch'            => array( $an, $dn, $dn, $dn, $ok, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /intents'                    => array( $an, $na, $na, $na, $na, $na, $cr, $cr, $cr, $cr, $cr, $cr, $cr, $cr, $pa, $rv, $cr, $bp ),
			'GET /posts/{post}/backups'        => array( $an, $dn, $dn, $dn, $ok, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /backups/{backup}/restore'   => array( $an, $dn, $dn, $dn, $ok, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'GET /audit'                       => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'GET /audit/export'                => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'GET /audit/verify'                => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'GET /agents'                      => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /agents'                     => array( $an, $dn, $dn, $dn, $dn, $cr, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'GET /agents/{agent}'              => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'PUT /agents/{agent}'              => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /agents/{agent}/pause'       => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /agents/{paused}/resume'     => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /agents/{agent}/revoke'      => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'POST /agents/{agent}/credentials' => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'GET /settings'                    => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			'PUT /settings'                    => array( $an, $dn, $dn, $dn, $dn, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
			// Reviewers read usage (tokens stay administrator-only, in the body).
			'GET /usage'                       => array( $an, $dn, $dn, $dn, $ok, $ok, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $dn, $pa, $rv, $dn, $bp ),
		);
		// phpcs:enable
	}

	/**
	 * Credentials by identity.
	 *
	 * @var array<string, string>
	 */
	private array $creds = array();

	/**
	 * User id by identity (0 for anonymous and the mixed credentials).
	 *
	 * @var array<string, int>
	 */
	private array $ids = array();

	/**
	 * The administrator that makes fixtures.
	 *
	 * @var int
	 */
	private int $admin = 0;

	/**
	 * The target draft.
	 *
	 * @var int
	 */
	private int $target = 0;

	/**
	 * Every route × identity answers as the table says.
	 */
	public function test_every_route_for_every_identity(): void {
		$table = self::table();
		$this->assertCount( 26, $table );
		$this->make_identities();
		$shared = $this->fixtures();

		$requests = array();
		$cells    = array();
		foreach ( $table as $route => $row ) {
			$this->assertCount( count( self::IDENTITIES ), $row, $route );
			foreach ( self::IDENTITIES as $i => $identity ) {
				$expected = $row[ $i ];
				// A cell that should succeed and change something gets its own fixtures.
				$fixture    = in_array( $expected, array( self::OK, self::CREATED ), true ) && ! str_starts_with( $route, 'GET' ) && str_contains( $route, '{' ) ? $this->fixtures() : $shared;
				list( $method, $path ) = explode( ' ', $route, 2 );
				$path       = strtr( $path, $fixture['path'] );
				$requests[] = array( $this->creds[ $identity ], $method, '/countersign/v1' . $path, 'GET' === $method ? null : $this->body( $route, $fixture ) );
				$cells[]    = array( $route, $identity, $expected );
			}
		}
		$this->assertCount( 468, $requests );

		$failures = array();
		foreach ( Http::parallel( $requests, 120.0 ) as $n => $result ) {
			list( $route, $identity, $expected ) = $cells[ $n ];
			$code   = is_array( $result['body'] ) && isset( $result['body']['code'] ) && $result['status'] >= 400 ? ' ' . $result['body']['code'] : '';
			$actual = $result['status'] . $code;
			if ( $actual !== $expected ) {
				$failures[] = sprintf( '%-34s %-16s expected %-34s got %s', $route, $identity, $expected, $actual );
			}
		}
		$this->assertSame( array(), $failures, "Cells that differ from the table:\n" . implode( "\n", $failures ) );
	}

	/**
	 * The agents and people, each with a real Application Password.
	 */
	private function make_identities(): void {
		$this->admin  = $this->user( 'administrator' );
		$this->target = $this->post( array( 'post_author' => 1 ) );
		$this->creds  = array( 'anonymous' => '' );
		foreach ( array( 'subscriber', 'contributor', 'author', 'editor', 'administrator' ) as $role ) {
			$this->ids[ $role ]   = $this->user( $role );
			$this->creds[ $role ] = $this->credentials( $this->ids[ $role ] );
		}
		$presets = array( 'read_only', 'seo_specialist', 'media_manager', 'draft_only', 'content_manager', 'standard', 'full_access', 'custom' );
		foreach ( $presets as $preset ) {
			$fields = array( 'preset' => $preset );
			if ( 'custom' === $preset ) {
				$fields['groups'] = array( 'read', 'taxonomy' );
			}
			$this->ids[ $preset ]   = $this->fast_agent( $fields );
			$this->creds[ $preset ] = $this->credentials( $this->ids[ $preset ] );
		}
		foreach ( array( 'paused' => 'pause', 'revoked' => 'revoke' ) as $identity => $action ) {
			$this->ids[ $identity ] = $this->fast_agent();
			$this->rest( $this->admin, 'POST', "/countersign/v1/agents/{$this->ids[$identity]}/{$action}" );
			// A password made after the fact: a leaked or forgotten credential must not bring the agent back.
			$this->creds[ $identity ] = $this->credentials( $this->ids[ $identity ] );
		}
		$this->ids['other_agent']   = $this->fast_agent();
		$this->creds['other_agent'] = $this->credentials( $this->ids['other_agent'] );
		// One agent's login with another agent's password: no one is logged in, so it answers as to anonymous.
		$this->creds['wrong_password'] = get_userdata( $this->ids['content_manager'] )->user_login . ':' . explode( ':', $this->creds['other_agent'], 2 )[1];
	}

	/**
	 * An agent whose own limits stay out of the way of the matrix.
	 *
	 * @param array<string, mixed> $fields Fields.
	 */
	private function fast_agent( array $fields = array() ): int {
		return (int) $this->agent( $fields + array( 'rate_limit' => 10000, 'daily_proposal_budget' => 10000 ) )['id'];
	}

	/**
	 * One set of fixtures: a pending proposal of the content_manager agent, a backup, an agent and a paused agent.
	 *
	 * @return array{path: array<string, string>, proposal: int}
	 */
	private function fixtures(): array {
		$owner    = $this->ids['content_manager'];
		// Its own post: approvals and restores of other cells must not move the fields this proposal is based on.
		$target   = $this->post( array( 'post_author' => 1 ) );
		$response = $this->propose( $owner, array( 'post' => $target, 'changes' => array( 'excerpt' => 'Excerpt ' . wp_generate_password( 6, false ) ) ) );
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$proposal = (int) $response->get_data()['id'];

		$applied = (int) $this->propose( $owner, array( 'post' => $target, 'changes' => array( 'slug' => 'slug-' . strtolower( wp_generate_password( 6, false ) ) ) ) )->get_data()['id'];
		$done    = $this->rest( $this->admin, 'POST', "/countersign/v1/proposals/{$applied}/approve" );
		$this->assertSame( 200, $done->get_status(), (string) wp_json_encode( $done->get_data() ) );
		$backup = (int) $done->get_data()['backup_id'];

		$agent  = $this->fast_agent();
		$paused = $this->fast_agent();
		$this->rest( $this->admin, 'POST', "/countersign/v1/agents/{$paused}/pause" );
		return array(
			'path'     => array(
				'{id}'     => (string) $proposal,
				'{post}'   => (string) $target,
				'{backup}' => (string) $backup,
				'{agent}'  => (string) $agent,
				'{paused}' => (string) $paused,
			),
			'proposal' => $proposal,
		);
	}

	/**
	 * The body of a write, valid for a caller who may make it.
	 *
	 * @param string                                                $route   Route.
	 * @param array{path: array<string, string>, proposal: int} $fixture Fixtures.
	 * @return array<string, mixed>
	 */
	private function body( string $route, array $fixture ): array {
		return match ( $route ) {
			'POST /proposals'                 => array(
				'post'      => $this->target,
				'changes'   => array( 'title' => 'Matrix title' ),
				'rationale' => 'Matrix.',
			),
			'POST /proposals/{id}/reject'     => array( 'reason' => 'No.' ),
			'POST /proposals/batch'           => array(
				'ids'    => array( $fixture['proposal'] ),
				'action' => 'reject',
				'reason' => 'No.',
			),
			'POST /intents'                   => array(
				'post'    => $this->target,
				'changes' => array( 'status' => 'publish' ),
			),
			'POST /agents'                    => array(
				'label'  => 'Matrix agent ' . wp_generate_password( 6, false ),
				'role'   => 'contributor',
				'preset' => 'read_only',
			),
			'PUT /agents/{agent}'             => array( 'description' => 'Changed by the matrix.' ),
			'PUT /settings'                   => array( 'backup_retention' => 20 ),
			default                           => array(),
		};
	}
}
