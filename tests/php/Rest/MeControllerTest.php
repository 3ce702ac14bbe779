<?php
/**
 * GET /me: the operations table, held to what proposals actually meet, and the limits as they stand.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Limits\RateLimiter;
use Countersign\Policy\Operations;
use Countersign\Policy\Settings;
use Countersign\Proposals\ChangeSet;
use Countersign\Tests\RegistersPostMeta;
use Countersign\Tests\TestCase;

/**
 * Every operation GET /me lists, proposed for real over REST by the same agent: the listing's `allowed`, `why_not`,
 * `risk`, `needs_token` and `needs_approval` must be what the proposal meets.
 */
final class MeControllerTest extends TestCase {

	use RegistersPostMeta;

	/** SEO plugins' keys, registered as such a plugin would. */
	private const SEO_KEYS = array( '_yoast_wpseo_title', '_yoast_wpseo_metadesc' );

	/**
	 * Registers the meta keys the way an SEO plugin (and a theme) would.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->register_post_meta_keys( self::SEO_KEYS );
	}

	/**
	 * The table covers every field and every status a change set can carry, on the targets each applies to, with the
	 * groups and risks of DESIGN §3.
	 */
	public function test_lists_every_operation(): void {
		$agent = (int) $this->agent(
			array(
				'role'   => 'contributor',
				'preset' => 'draft_only',
			)
		)['id'];

		$me  = $this->rest( $agent, 'GET', '/countersign/v1/me' );
		$ops = $me->get_data()['operations'];

		$this->assertSame( 200, $me->get_status() );
		$this->assertSame( 'post', $me->get_data()['post_type'] );
		$this->assertSame( 100, $me->get_data()['budget']['daily_proposals'] );
		$fields   = array();
		$statuses = array();
		foreach ( $ops as $op ) {
			$fields   = array_merge( $fields, $op['fields'] );
			$statuses = array_merge( $statuses, isset( $op['example']['status'] ) ? array( $op['example']['status'] ) : array() );
		}
		$this->assertSame( array(), array_diff( ChangeSet::FIELDS, $fields ), 'every change-set field has an operation' );
		$this->assertSame( array(), array_diff( ChangeSet::STATUSES, $statuses ), 'every status has an operation' );

		$this->assertSame( array( 'draft', 'published' ), array_keys( $ops['title']['targets'] ) );
		$this->assertSame( 2, $ops['title']['targets']['draft']['risk'] );
		$this->assertSame( 3, $ops['title']['targets']['published']['risk'] );
		$this->assertSame( 'own', $ops['title']['targets']['draft']['scope'], 'a Contributor edits its own drafts only' );
		$this->assertFalse( $ops['title']['targets']['published']['allowed'], 'a Contributor cannot edit published posts' );
		$this->assertSame( 'countersign_role_denies', $ops['title']['targets']['published']['why_not'] );
		$this->assertFalse( $ops['publish']['allowed'] );
		$this->assertSame( 'countersign_forbidden_group', $ops['publish']['targets']['draft']['why_not'] );
		$this->assertSame( 'group:publish', $ops['publish']['targets']['draft']['rule'] );
		$this->assertTrue( $ops['publish']['targets']['draft']['needs_token'] );
		$this->assertSame( array( 'trash' ), array_keys( $ops['restore']['targets'] ) );
		$this->assertSame( array( 'trash_restore' ), $ops['restore']['targets']['trash']['groups'] );
		$this->assertSame( array( 'seo' ), $ops['seo_meta']['targets']['draft']['groups'] );
		$this->assertSame( self::SEO_KEYS, $ops['seo_meta']['keys'] );
		$this->assertSame( array( 'create_edit' ), $ops['meta']['targets']['draft']['groups'] );
		$this->assertNotContains( '_yoast_wpseo_title', $ops['meta']['keys'] );
		$this->assertSame( 4, $ops['author']['targets']['draft']['risk'] );
		$this->assertSame( 5, $ops['content_unfiltered']['targets']['draft']['risk'] );
		$this->assertSame( 'countersign_risk_disabled', $ops['content_unfiltered']['targets']['draft']['why_not'] );
	}

	/**
	 * Without a registered SEO key the SEO operation is listed as unusable, and a proposal of one is indeed refused.
	 */
	public function test_seo_meta_without_an_seo_plugin(): void {
		foreach ( self::SEO_KEYS as $key ) {
			unregister_post_meta( 'post', $key );
		}
		$agent   = (int) $this->agent( array( 'preset' => 'seo_specialist' ) )['id'];
		$post_id = $this->post( array( 'post_author' => $agent ) );

		$seo      = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['operations']['seo_meta'];
		$proposal = $this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'meta' => array( '_yoast_wpseo_title' => 'x' ) ),
			)
		);

		$this->assertSame( array(), $seo['keys'] );
		$this->assertNull( $seo['example'] );
		$this->assertFalse( $seo['allowed'] );
		$this->assertSame( 'countersign_invalid_payload', $seo['targets']['draft']['why_not'] );
		$this->assertError( $proposal, 'countersign_invalid_payload', 400 );
	}

	/**
	 * Agents for the matrix: preset, role and autonomy, and settings that change the verdicts.
	 *
	 * @return array<string, array{0: array<string, mixed>, 1: array<string, mixed>}>
	 */
	public function agents(): array {
		return array(
			'seo_specialist, editor, autonomous'  => array(
				array(
					'preset'   => 'seo_specialist',
					'role'     => 'editor',
					'autonomy' => 'autonomous',
				),
				array(),
			),
			'content_manager, author, supervised' => array(
				array(
					'preset'   => 'content_manager',
					'role'     => 'author',
					'autonomy' => 'supervised',
				),
				array(),
			),
			'draft_only, contributor, autonomous' => array(
				array(
					'preset'   => 'draft_only',
					'role'     => 'contributor',
					'autonomy' => 'autonomous',
				),
				array(),
			),
			'full_access, editor, autonomous, overrides, lvl 5' => array(
				array(
					'preset'   => 'full_access',
					'role'     => 'editor',
					'autonomy' => 'autonomous',
				),
				array(
					'risk_overrides' => array( 'terms' => 3 ),
					'level5_enabled' => true,
				),
			),
		);
	}

	/**
	 * The point of the table: for each operation and each kind of target (on the agent's own post and on somebody
	 * else's), the agent proposes the listed example over REST, first without a confirmation token and then, where
	 * the table says one is needed, with one. What happens must be what the table says: refused with `why_not`, refused
	 * for want of a token, or stored at the listed risk as pending (needs approval) or applied (does not).
	 *
	 * @dataProvider agents
	 *
	 * @param array<string, mixed> $fields   Agent fields.
	 * @param array<string, mixed> $settings Settings for the run.
	 */
	public function test_operations_agree_with_proposals( array $fields, array $settings ): void {
		update_option( Settings::OPTION, array( 'ip_rate_limit' => 0 ) + $settings );
		$agent = (int) $this->agent(
			$fields + array(
				'rate_limit'            => 100000,
				'daily_proposal_budget' => 100000,
			)
		)['id'];
		$human = $this->user( 'editor' );

		$ops   = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['operations'];
		$cells = 0;
		$fails = array();
		foreach ( $ops as $name => $op ) {
			$this->assertIsArray( $op['example'], "{$name}: every operation is usable on this site" );
			foreach ( $op['targets'] as $target => $verdict ) {
				foreach ( 'new' === $target ? array( 'any' ) : array( 'own', 'others' ) as $whose ) {
					$expected = $this->expected( $verdict, $whose );
					$actual   = $this->outcome( $agent, $op['example'], $target, 'own' === $whose ? $agent : $human, $verdict['needs_token'] );
					++$cells;
					if ( $expected !== $actual ) {
						$fails[] = "{$name} on {$target} ({$whose}): listed {$expected}, got {$actual}";
					}
				}
			}
		}

		$this->assertSame( array(), $fails );
		$this->assertGreaterThanOrEqual( 35, $cells );
	}

	/**
	 * What a proposal must meet, by the table: `refused:CODE`, or `[refused:countersign_invalid_token, ]STATUS:RISK`
	 * (refused without a token, then stored with one).
	 *
	 * @param array<string, mixed> $verdict The listed verdict for the target.
	 * @param string               $whose   `own`, `others` (an existing post's author) or `any` (a new post).
	 */
	private function expected( array $verdict, string $whose ): string {
		$mine = $verdict['by_author'][ $whose ] ?? $verdict;
		$this->assertSame( $mine['allowed'], in_array( $verdict['scope'], array( 'any', $whose ), true ), 'scope agrees with by_author' );
		if ( ! $mine['allowed'] ) {
			return 'refused:' . $mine['why_not'];
		}
		$stored = ( $verdict['needs_approval'] ? 'pending' : 'applied' ) . ':' . $verdict['risk'];
		return $verdict['needs_token'] ? 'refused:countersign_invalid_token, ' . $stored : $stored;
	}

	/**
	 * Proposes an example change set on a fresh target, as the table's expected() spells outcomes.
	 *
	 * @param int                  $agent       Agent.
	 * @param array<string, mixed> $changes     The listed example.
	 * @param string               $target      new, draft, published or trash.
	 * @param int                  $author      The target's author.
	 * @param bool                 $needs_token Whether the table says a token is needed.
	 */
	private function outcome( int $agent, array $changes, string $target, int $author, bool $needs_token ): string {
		$post = 0;
		if ( 'new' !== $target ) {
			$post = $this->post(
				array(
					'post_author' => $author,
					'post_status' => 'published' === $target ? 'publish' : 'draft',
				)
			);
			if ( 'trash' === $target ) {
				wp_trash_post( $post );
			}
		}
		$body    = array(
			'post'    => $post,
			'changes' => $this->with_real_media( $agent, $changes ),
		);
		$first   = $this->propose( $agent, $body );
		$outcome = $this->describe( $first );
		if ( 403 === $first->get_status() && 'countersign_invalid_token' === ( $first->get_data()['code'] ?? null ) ) {
			$intent                = $this->rest( $agent, 'POST', '/countersign/v1/intents', $body );
			$body['confirm_token'] = (string) ( $intent->get_data()['token'] ?? '' );
			$outcome              .= ', ' . $this->describe( $this->propose( $agent, $body ) );
		} elseif ( $needs_token && str_starts_with( $outcome, 'refused:' ) ) {
			// Refused before the token was asked for: with one it must be refused the same way.
			$intent                = $this->rest( $agent, 'POST', '/countersign/v1/intents', $body );
			$body['confirm_token'] = (string) ( $intent->get_data()['token'] ?? '' );
			$again                 = $this->describe( $this->propose( $agent, $body ) );
			if ( $again !== $outcome ) {
				$outcome .= " (with a token: {$again})";
			}
		}
		return $outcome;
	}

	/**
	 * The example with its stand-ins made real: an upload the agent staged (when it may upload) and an attachment
	 * somebody else uploaded.
	 *
	 * @param int                  $agent   Agent.
	 * @param array<string, mixed> $changes The listed example.
	 * @return array<string, mixed>
	 */
	private function with_real_media( int $agent, array $changes ): array {
		if ( isset( $changes['media'] ) ) {
			$png = imagecreatetruecolor( 4, 4 );
			ob_start();
			imagepng( $png );
			$staged                     = $this->rest(
				$agent,
				'POST',
				'/countersign/v1/media',
				array(
					'filename' => 'example.png',
					'data'     => base64_encode( (string) ob_get_clean() ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- what agents send.
				)
			)->get_data();
			$changes['media'][0]['ref'] = (string) ( $staged['ref'] ?? Operations::EXAMPLE_REF );
		}
		if ( isset( $changes['attachments'] ) ) {
			$attachment             = wp_insert_attachment(
				array(
					'post_title'     => 'example',
					'post_mime_type' => 'image/png',
					'post_author'    => 1,
				)
			);
			$changes['attachments'] = array( $attachment => $changes['attachments'][ Operations::EXAMPLE_ATTACHMENT ] );
		}
		return $changes;
	}

	/**
	 * `STATUS:RISK` for a stored proposal, `refused:CODE` otherwise.
	 *
	 * @param \WP_REST_Response $response Response.
	 */
	private function describe( \WP_REST_Response $response ): string {
		$data = $response->get_data();
		if ( 201 === $response->get_status() ) {
			return $data['status'] . ':' . $data['risk'];
		}
		return 'refused:' . ( $data['code'] ?? 'http_' . $response->get_status() );
	}

	/**
	 * Operations for another post type, and an unsupported one refused naming the field.
	 */
	public function test_post_type_parameter(): void {
		$agent = (int) $this->agent()['id'];

		$page = $this->rest( $agent, 'GET', '/countersign/v1/me', array( 'post_type' => 'page' ) )->get_data();
		$bad  = $this->rest( $agent, 'GET', '/countersign/v1/me', array( 'post_type' => 'attachment' ) );

		$this->assertSame( 'page', $page['post_type'] );
		$this->assertSame( array(), $page['operations']['terms']['taxonomies'] );
		$this->assertFalse( $page['operations']['terms']['allowed'] );
		$this->assertNotContains( '_yoast_wpseo_title', $page['operations']['seo_meta']['keys'] );
		$this->assertTrue( $page['operations']['title']['allowed'] );
		$this->assertError( $bad, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'post_type', $bad->get_data()['data']['field'] );
	}

	/**
	 * The rate limits as they stand (this request counted) and the budgets used, with when each resets.
	 */
	public function test_rate_limit_and_budget_state(): void {
		// Counts are per one-minute window: start well inside one, so every request below lands in the same window.
		if ( time() % RateLimiter::WINDOW > RateLimiter::WINDOW - 10 ) {
			sleep( RateLimiter::WINDOW - time() % RateLimiter::WINDOW );
		}
		update_option( Settings::OPTION, array( 'ip_rate_limit' => 500 ) );
		$agent   = (int) $this->agent(
			array(
				'rate_limit'              => 50,
				'daily_proposal_budget'   => 2,
				'monthly_proposal_budget' => 10,
				'monthly_token_budget'    => 1000,
			)
		)['id'];
		$post_id = $this->post();
		$this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'One' ),
				'source'  => array(
					'tokens_in'  => 100,
					'tokens_out' => 20,
				),
			)
		);
		$ip_used = $this->plugin()->limiter->peek( RateLimiter::ip_key( RateLimiter::client_ip() ), 500, time() )['used'];

		$me = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data();

		$this->assertSame( 50, $me['rate_limit'] );
		$this->assertSame( 60, $me['rate_limit_state']['window'] );
		$state = $me['rate_limit_state']['agent'];
		$this->assertSame( 50, $state['limit'] );
		$this->assertSame( 2, $state['used'], 'the proposal and this request' );
		$this->assertSame( 50 - $state['used'], $state['remaining'] );
		$this->assertGreaterThan( 0, $state['reset'] );
		$this->assertLessThanOrEqual( 60, $state['reset'] );
		$this->assertSame( 0, strtotime( $state['resets_at'] . 'Z' ) % 60 );
		$this->assertSame( 500, $me['rate_limit_state']['ip']['limit'] );
		$this->assertSame( $ip_used + 1, $me['rate_limit_state']['ip']['used'] );

		$budget = $me['budget'];
		$this->assertSame( array( 2, 1, 1 ), array( $budget['daily_proposals'], $budget['used_today'], $budget['remaining_today'] ) );
		$this->assertSame( array( 10, 1, 9 ), array( $budget['monthly_proposals'], $budget['used_this_month'], $budget['remaining_this_month'] ) );
		$this->assertSame( array( 1000, 120, 880 ), array( $budget['monthly_tokens'], $budget['tokens_this_month'], $budget['tokens_remaining'] ) );
		$this->assertNull( $budget['exhausted'] );

		$this->propose(
			$agent,
			array(
				'post'    => $post_id,
				'changes' => array( 'title' => 'Two' ),
			)
		);
		$spent = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['budget'];
		$this->assertSame( 'daily_proposal_budget', $spent['exhausted'] );
		$this->assertError(
			$this->propose(
				$agent,
				array(
					'post'    => $post_id,
					'changes' => array( 'title' => 'Three' ),
				)
			),
			'countersign_budget_exceeded',
			429
		);
	}

	/**
	 * With no limit set, the state says so (remaining null) instead of inventing a number.
	 */
	public function test_unlimited_rate(): void {
		$agent = (int) $this->agent( array( 'rate_limit' => 0 ) )['id'];

		$state = $this->rest( $agent, 'GET', '/countersign/v1/me' )->get_data()['rate_limit_state'];

		$this->assertSame( 0, $state['agent']['limit'] );
		$this->assertNull( $state['agent']['remaining'] );
		$this->assertNull( $state['ip']['remaining'] );
	}
}
