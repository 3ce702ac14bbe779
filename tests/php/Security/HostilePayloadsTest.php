<?php
/**
 * Hostile payloads against every write route, over real HTTP.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Proposals\ProposalPostType;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * At least 1,000 generated hostile requests (a seeded PRNG: set COUNTERSIGN_FUZZ_SEED to replay or explore; the
 * seed is in every failure message) across POST /proposals, /intents, approve (with edits), reject, withdraw,
 * batch, POST and PUT /agents, the agent actions, restore and PUT /settings. Asserted: no 5xx; every refusal is
 * a documented error code; nothing stored carries `<script`, an event-handler attribute or a `javascript:` URL.
 *
 * The rule for HTML (DESIGN §3): an agent never has unfiltered_html, so what it proposes is checked through kses
 * for the agent at submission; anything kses would remove makes the proposal level 5, refused unless level 5 is
 * enabled (off here, as by default). At apply, core's kses runs for the approver: what a reviewer types in
 * `edits` is filtered by the reviewer's own capabilities, exactly as in the editor. The approver here is an
 * Editor without unfiltered_html, so any script in the post afterwards is a bug. (An Editor who has
 * unfiltered_html may legitimately store script in their own edits; that is core's rule, not an agent's.)
 */
final class HostilePayloadsTest extends TestCase {

	/**
	 * The documented error codes (DESIGN §4 and README "Errors"), written out, plus the codes core's REST server
	 * itself answers before a route runs (unknown route, unparseable JSON).
	 */
	private const DOCUMENTED = array(
		'countersign_invalid_payload',
		'countersign_payload_too_large',
		'countersign_not_agent',
		'countersign_forbidden_group',
		'countersign_role_denies',
		'countersign_risk_disabled',
		'countersign_agent_paused',
		'countersign_agent_revoked',
		'countersign_invalid_token',
		'countersign_invalid_state',
		'countersign_conflict',
		'countersign_rate_limited',
		'countersign_budget_exceeded',
		'countersign_kill_switch',
		'countersign_not_found',
		'countersign_apply_failed',
		'rest_forbidden',
		'rest_no_route',
		'rest_invalid_json',
		// The Abilities API's answers before Countersign's callback runs (input schema, permission callback).
		'ability_invalid_input',
		'ability_invalid_permissions',
		'rest_ability_cannot_execute',
		'rest_ability_invalid_method',
		'rest_invalid_param',
		'rest_missing_callback_param',
	);

	/** Raw bytes that no JSON encoder will write, swapped in after encoding. */
	private const RAW = array(
		'@@INVALID_UTF8@@' => "\xC3\x28\xFF\xFE\xED\xA0\x80",
		'@@SURROGATE@@'    => '\\ud800\\udfff\\udc00',
		'@@OVERLONG@@'     => "\xC0\xAF\xE0\x80\xAF",
	);

	/**
	 * The seed of this run.
	 *
	 * @var int
	 */
	private int $seed = 0;

	/**
	 * The highest term id before the run: terms after it were created by proposals.
	 *
	 * @var int
	 */
	private int $terms_before = 0;

	/**
	 * Ids the generator draws from: fixtures of every kind.
	 *
	 * @var array<string, int>
	 */
	private array $ids = array();

	/**
	 * Every hostile request; none answers 5xx, every refusal is documented, nothing hostile is stored.
	 */
	public function test_hostile_payloads(): void {
		// The web servers know the meta keys a theme and an SEO plugin register, so meta is fuzzed key by key.
		wp_mkdir_p( WPMU_PLUGIN_DIR );
		copy( dirname( __DIR__ ) . '/fixtures/registered-meta.php', WPMU_PLUGIN_DIR . '/countersign-registered-meta.php' );
		try {
			$this->fuzz();
		} finally {
			wp_delete_file( WPMU_PLUGIN_DIR . '/countersign-registered-meta.php' );
		}
	}

	/**
	 * The fuzz run itself.
	 */
	private function fuzz(): void {
		$this->seed = getenv( 'COUNTERSIGN_FUZZ_SEED' ) ? (int) getenv( 'COUNTERSIGN_FUZZ_SEED' ) : 20261123;
		mt_srand( $this->seed );
		$started = microtime( true );
		global $wpdb;
		$this->terms_before = (int) $wpdb->get_var( "SELECT MAX(term_id) FROM {$wpdb->terms}" );

		$admin        = $this->user( 'administrator' );
		$editor       = $this->user( 'editor' );
		$approver     = get_userdata( $editor );
		$approver->add_cap( 'unfiltered_html', false );
		$agent        = (int) $this->agent( array( 'preset' => 'full_access', 'rate_limit' => 100000, 'daily_proposal_budget' => 100000 ) )['id'];
		$other        = (int) $this->agent( array( 'preset' => 'draft_only', 'role' => 'contributor', 'rate_limit' => 100000, 'daily_proposal_budget' => 100000 ) )['id'];
		$target_agent = (int) $this->agent( array( 'preset' => 'read_only' ) )['id'];
		$creds        = array(
			'agent'  => $this->credentials( $agent ),
			'other'  => $this->credentials( $other ),
			'admin'  => $this->credentials( $admin ),
			'editor' => $this->credentials( $editor ),
		);
		$posts        = array();
		$pending      = array();
		for ( $i = 0; $i < 40; $i++ ) {
			$posts[]   = $this->post( array( 'post_status' => 0 === $i % 2 ? 'draft' : 'publish' ) );
			$response  = $this->propose( $agent, array( 'post' => $posts[ $i ], 'changes' => array( 'content' => "<!-- wp:paragraph -->\n<p>Proposed {$i}.</p>\n<!-- /wp:paragraph -->" ) ) );
			$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
			$pending[] = (int) $response->get_data()['id'];
		}
		$theirs          = $this->propose( $other, array( 'post' => $this->post( array( 'post_author' => $other ) ), 'changes' => array( 'title' => 'Theirs' ) ) );
		$this->assertSame( 201, $theirs->get_status(), (string) wp_json_encode( $theirs->get_data() ) );
		$others_proposal = (int) $theirs->get_data()['id'];
		$this->ids       = array(
			'post'         => $posts[0],
			'published'    => $posts[1],
			'page'         => $this->post( array( 'post_type' => 'page' ) ),
			'attachment'   => (int) wp_insert_attachment( array( 'post_title' => 'Fuzz image', 'post_mime_type' => 'image/png', 'post_status' => 'inherit' ) ),
			'proposal'     => $pending[0],
			'others'       => $others_proposal,
			'revision'     => (int) wp_save_post_revision( $posts[0] ),
			'nav_item'     => $this->post( array( 'post_type' => 'nav_menu_item', 'post_status' => 'publish' ) ),
			'user'         => 1,
			'agent'        => $agent,
			'nonexistent'  => 987654321,
			'zero'         => 0,
		);

		$requests = array_merge(
			$this->many( 420, fn(): array => array( $creds[ $this->pick( array( 'agent', 'agent', 'agent', 'other' ) ) ], 'POST', '/countersign/v1/proposals', $this->proposal_body() ) ),
			// The same bodies form-encoded: no JSON parser stands between raw bytes and the route.
			$this->many( 200, fn(): array => array( $creds[ $this->pick( array( 'agent', 'agent', 'other' ) ) ], 'POST', '/countersign/v1/proposals', $this->proposal_body(), 'form' ) ),
			$this->many( 40, fn(): array => array( $creds['editor'], 'POST', '/countersign/v1/proposals/' . $this->path_id( $pending ) . '/reject', array( 'reason' => $this->value() ), 'form' ) ),
			// The abilities run the same routes inside the request: the same refusals, never a 5xx.
			$this->many( 120, fn(): array => array( $creds[ $this->pick( array( 'agent', 'agent', 'other', 'editor' ) ) ], 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', array( 'input' => 0 === mt_rand( 0, 5 ) ? $this->value() : $this->proposal_body() ), $this->pick( array( 'json', 'json', 'form' ) ) ) ),
			$this->many( 40, fn(): array => array( $creds['agent'], 'POST', '/wp-abilities/v1/abilities/countersign/request-confirmation/run', array( 'input' => array( 'post' => $this->id(), 'changes' => $this->changes() ) ) ) ),
			$this->many( 20, fn(): array => array( $creds['agent'], $this->pick( array( 'GET', 'POST' ) ), '/wp-abilities/v1/abilities/countersign/' . $this->pick( array( 'get-profile', 'list-proposals' ) ) . '/run', array( 'input' => $this->value() ) ) ),
			$this->many( 100, fn(): array => array( $creds['agent'], 'POST', '/countersign/v1/intents', array( 'post' => $this->id(), 'changes' => $this->changes() ) ) ),
			$this->many( 70, fn(): array => array( $creds['agent'], 'POST', '/countersign/v1/proposals/' . $this->path_id( $pending ) . '/withdraw', $this->junk_object() ) ),
			$this->many( 80, fn(): array => array( $creds[ $this->pick( array( 'editor', 'admin' ) ) ], 'POST', '/countersign/v1/proposals/batch', $this->batch_body( $pending ) ) ),
			$this->many( 80, fn(): array => array( $creds['admin'], 'POST', '/countersign/v1/agents', $this->agent_body() ) ),
			$this->many( 60, fn(): array => array( $creds['admin'], 'PUT', '/countersign/v1/agents/' . $target_agent, $this->agent_body() ) ),
			$this->many( 40, fn(): array => array( $creds['admin'], 'POST', '/countersign/v1/agents/' . $this->pick( array( '0', '1', (string) $editor, '987654321', (string) $pending[0], '-1', '1.5', 'abc' ) ) . '/' . $this->pick( array( 'pause', 'resume', 'revoke', 'credentials' ) ), $this->junk_object() ) ),
			$this->many( 20, fn(): array => array( $creds['editor'], 'POST', '/countersign/v1/backups/' . $this->pick( array( '0', '987654321', '-5', '1e3', 'x' ) ) . '/restore', $this->junk_object() ) )
		);
		// Decisions on the pending proposals, after the writes above (some of which withdrew a few).
		$decisions = array_merge(
			$this->many( 100, fn(): array => array( $creds['editor'], 'POST', '/countersign/v1/proposals/' . $this->path_id( $pending ) . '/approve', $this->approve_body() ) ),
			$this->many( 60, fn(): array => array( $creds['editor'], 'POST', '/countersign/v1/proposals/' . $this->path_id( $pending ) . '/reject', array( 'reason' => $this->value() ) ) )
		);
		// Settings last: a hostile but valid PUT may turn on the kill switch or a rate limit for what follows.
		$settings = $this->many( 80, fn(): array => array( $creds['admin'], 'PUT', '/countersign/v1/settings', $this->settings_body() ) );

		$log      = defined( 'WP_DEBUG_LOG' ) && is_string( WP_DEBUG_LOG ) ? WP_DEBUG_LOG : '';
		$log_size = '' !== $log && is_file( $log ) ? (int) filesize( $log ) : 0;
		$failures = array();
		$created  = array();
		$total    = 0;
		foreach ( array( $requests, $decisions, $settings ) as $phase ) {
			$total += count( $phase );
			foreach ( $this->send( $phase ) as $n => $result ) {
				$failures = array_merge( $failures, $this->judge( $phase[ $n ], $result ) );
				if ( 201 === $result['status'] && '/countersign/v1/agents' === $phase[ $n ][2] && is_array( $result['body'] ) ) {
					$created[] = (int) ( $result['body']['id'] ?? 0 );
				}
			}
		}
		update_option( 'countersign_settings', array( 'ip_rate_limit' => 0 ) );
		delete_option( 'countersign_kill_switch' );
		$this->assertGreaterThanOrEqual( 1000, $total );
		$this->assertSame( array(), array_slice( $failures, 0, 40 ), sprintf( "Seed %d: %d of %d hostile requests misbehaved (first 40 shown):\n%s", $this->seed, count( $failures ), $total, implode( "\n", array_slice( $failures, 0, 40 ) ) ) );

		// Hostile input is refused, never half-handled: no PHP warning or notice from the plugin's own code.
		if ( '' !== $log && is_file( $log ) ) {
			clearstatcache();
			$tail     = (string) file_get_contents( $log, false, null, $log_size ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
			$warnings = array_values( array_filter( explode( "\n", $tail ), fn( string $line ): bool => str_contains( $line, 'PHP ' ) && str_contains( $line, dirname( __DIR__, 3 ) . '/includes/' ) ) );
			$this->assertSame( array(), array_slice( array_unique( $warnings ), 0, 20 ), "Seed {$this->seed}: PHP warnings from includes/" );
		}
		$this->assert_nothing_hostile_stored( array( $agent, $other ), $posts );
		$this->assert_no_agent_can_manage();
		// Every request, refused or not, left an audit row the chain still verifies (a hostile id such as -1 once
		// broke it: the hash covered -1, the unsigned column kept 0).
		$verify = $this->plugin()->audit_verifier->verify();
		$this->assertTrue( $verify['ok'], "Seed {$this->seed}: the audit chain breaks at row " . (string) $verify['first_bad'] );
		foreach ( array_filter( $created ) as $user_id ) {
			wp_delete_user( $user_id );
		}
		fwrite( STDERR, sprintf( "\nFuzz: %d hostile requests, seed %d, %.1f s\n", $total, $this->seed, microtime( true ) - $started ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fwrite
	}

	/**
	 * The decision record keeps what was applied: an approver without unfiltered_html who types script in `edits`
	 * gets it filtered in the post and in the decision's `final`; one with unfiltered_html keeps it in both.
	 */
	public function test_approved_edits_are_recorded_as_the_approver_may_post_them(): void {
		$agent    = (int) $this->agent()['id'];
		$filtered = $this->user( 'editor' );
		get_userdata( $filtered )->add_cap( 'unfiltered_html', false );
		$trusted  = $this->user( 'administrator' );
		$edits    = array( 'content' => '<p onclick="x()">Edited</p><script>alert(1)</script>' );
		foreach ( array( $filtered => false, $trusted => true ) as $approver => $keeps ) {
			$post_id  = $this->post();
			$proposal = (int) $this->propose( $agent, array( 'post' => $post_id, 'changes' => array( 'content' => '<p>Agent text</p>' ) ) )->get_data()['id'];
			$response = $this->rest( $approver, 'POST', "/countersign/v1/proposals/{$proposal}/approve", array( 'edits' => $edits ) );
			$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
			$raw      = get_post_meta( $proposal, 'countersign_decision', true );
			$decision = is_string( $raw ) ? json_decode( $raw, true ) : $raw;
			$final    = (string) wp_json_encode( is_array( $decision ) ? ( $decision['final'] ?? null ) : null, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
			clean_post_cache( $post_id );
			$this->assertStringContainsString( 'Edited', get_post( $post_id )->post_content );
			$this->assertSame( $keeps, $this->hostile( get_post( $post_id )->post_content ), 'post content' );
			$this->assertStringContainsString( 'Edited', $final );
			$this->assertSame( $keeps, $this->hostile( stripslashes( $final ) ), 'decision: ' . $final );
		}
	}

	/**
	 * Wrong types are refused with the field named, never cast with a PHP warning (a colour given as an array once
	 * was).
	 */
	public function test_wrong_types_for_an_agent_are_refused_cleanly(): void {
		$admin = $this->user( 'administrator' );
		$agent = (int) $this->agent()['id'];
		foreach ( array( array( '#fff' ), array( 'a' => 1 ), 12, true ) as $color ) {
			$this->assertError( $this->rest( $admin, 'PUT', "/countersign/v1/agents/{$agent}", array( 'color' => $color ) ), 'countersign_invalid_payload', 400 );
		}
		$this->assertSame( 200, $this->rest( $admin, 'PUT', "/countersign/v1/agents/{$agent}", array( 'color' => '#3858e9' ) )->get_status() );
	}

	/**
	 * What is wrong with one answer, if anything.
	 *
	 * @param array{0: string, 1: string, 2: string, 3: string, 4: string} $request Request (body already encoded).
	 * @param array{status: int, body: mixed}                   $result  Answer.
	 * @return list<string>
	 */
	private function judge( array $request, array $result ): array {
		$label  = sprintf( '%s %s %s', $request[1], $request[2], substr( $request[3], 0, 160 ) );
		$status = $result['status'];
		// The kill switch's 503 is a documented refusal, not a server failure (another test may flip it on a shared site).
		$kill_switch = 503 === $status && is_array( $result['body'] ) && 'countersign_kill_switch' === ( $result['body']['code'] ?? null );
		if ( 0 === $status || ( $status >= 500 && ! $kill_switch ) ) {
			return array( "{$status} for {$label}: " . substr( (string) wp_json_encode( $result['body'] ), 0, 300 ) );
		}
		if ( $status < 400 ) {
			return array();
		}
		$code = is_array( $result['body'] ) ? ( $result['body']['code'] ?? null ) : null;
		if ( ! in_array( $code, self::DOCUMENTED, true ) ) {
			return array( "{$status} undocumented code " . wp_json_encode( $code ) . " for {$label}" );
		}
		if ( 'countersign_invalid_payload' === $code && ! isset( $result['body']['data']['field'] ) ) {
			return array( "{$status} invalid_payload without data.field for {$label}" );
		}
		return array();
	}

	/**
	 * Sends requests with raw bodies, a window at a time (curl_multi), round-robin over the test site's servers.
	 *
	 * @param list<array{0: string, 1: string, 2: string, 3: string, 4: string}> $requests [credentials, method, path, raw body, json or form].
	 * @return list<array{status: int, body: mixed}>
	 */
	private function send( array $requests ): array {
		$servers = Http::servers();
		$results = array();
		foreach ( array_chunk( $requests, 12, true ) as $chunk ) {
			$multi   = curl_multi_init();
			$handles = array();
			foreach ( $chunk as $i => $request ) {
				$handle = curl_init( $servers[ $i % count( $servers ) ] . '/wp-json' . $request[2] );
				curl_setopt_array(
					$handle,
					array(
						CURLOPT_CUSTOMREQUEST  => $request[1],
						CURLOPT_RETURNTRANSFER => true,
						CURLOPT_TIMEOUT        => 60,
						CURLOPT_USERPWD        => $request[0],
						CURLOPT_POSTFIELDS     => $request[3],
						CURLOPT_HTTPHEADER     => array( 'form' === ( $request[4] ?? 'json' ) ? 'Content-Type: application/x-www-form-urlencoded' : 'Content-Type: application/json', 'Expect:' ),
					)
				);
				curl_multi_add_handle( $multi, $handle );
				$handles[ $i ] = $handle;
			}
			do {
				$state = curl_multi_exec( $multi, $running );
				if ( $running ) {
					curl_multi_select( $multi, 1.0 );
				}
			} while ( $running && CURLM_OK === $state );
			foreach ( $handles as $i => $handle ) {
				$results[ $i ] = array(
					'status' => (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ),
					'body'   => json_decode( (string) curl_multi_getcontent( $handle ), true ),
				);
				curl_multi_remove_handle( $multi, $handle );
			}
			curl_multi_close( $multi );
		}
		return array_values( $results );
	}

	/**
	 * N generated requests, their bodies encoded (now and then replaced by raw garbage), as JSON or form-encoded.
	 *
	 * @param int      $count    How many.
	 * @param callable $generate Returns [credentials, method, path, body, optional 'form'].
	 * @return list<array{0: string, 1: string, 2: string, 3: string, 4: string}>
	 */
	private function many( int $count, callable $generate ): array {
		$out = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$request = $generate();
			$type    = (string) ( $request[4] ?? 'json' );
			$out[]   = array( $request[0], $request[1], $request[2], 'form' === $type ? $this->encode_form( $request[3] ) : $this->encode( $request[3] ), $type );
		}
		return $out;
	}

	/**
	 * Encodes a body as a form, with raw invalid bytes swapped into its strings (and keys).
	 *
	 * @param mixed $body Body.
	 */
	private function encode_form( mixed $body ): string {
		if ( ! is_array( $body ) ) {
			return $this->pick( array( '', '=', '&&', 'changes=x', 'changes[]=1&changes[title]=', 'post[]=1', rawurlencode( (string) wp_json_encode( $body ) ) ) );
		}
		$swap = function ( mixed $value ) use ( &$swap ): mixed {
			if ( is_array( $value ) ) {
				$out = array();
				foreach ( $value as $key => $item ) {
					$out[ is_string( $key ) ? strtr( $key, self::RAW ) : $key ] = $swap( $item );
				}
				return $out;
			}
			return is_string( $value ) ? strtr( $value, self::RAW ) : ( is_bool( $value ) ? (int) $value : $value );
		};
		return http_build_query( $swap( $body ) );
	}

	/**
	 * Encodes a body as JSON, with raw invalid bytes swapped in, or (one time in twelve) raw garbage instead.
	 *
	 * @param mixed $body Body.
	 */
	private function encode( mixed $body ): string {
		if ( 0 === mt_rand( 0, 11 ) ) {
			return $this->pick( array( '', '{', '[]', 'null', '"x"', '123', '{"post":', "\x00\x01\x02", 'changes[title]=x', '{"a":' . str_repeat( '[', 600 ) . str_repeat( ']', 600 ) . '}', str_repeat( '{"a":', 40 ) . '1' . str_repeat( '}', 40 ), '{"changes":{"title":"@@SURROGATE@@"},"post":1}' ) );
		}
		$json = (string) json_encode( $body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR, 4096 );
		return strtr( $json, self::RAW );
	}

	/**
	 * A hostile POST /proposals body.
	 *
	 * @return array<string, mixed>
	 */
	private function proposal_body(): array {
		$body = array(
			'post'      => $this->id(),
			'changes'   => $this->changes(),
			'rationale' => 0 === mt_rand( 0, 3 ) ? $this->value() : 'Fuzz ' . $this->string(),
		);
		foreach ( array( 'post_type', 'base', 'source', 'confirm_token', 'supersedes' ) as $key ) {
			if ( 0 === mt_rand( 0, 4 ) ) {
				$body[ $key ] = 'supersedes' === $key ? $this->id() : $this->value();
			}
		}
		if ( 0 === mt_rand( 0, 9 ) ) {
			unset( $body[ $this->pick( array_keys( $body ) ) ] );
		}
		return $body;
	}

	/**
	 * A hostile change set: right fields with wrong or hostile values, wrong fields, wrong shapes.
	 */
	private function changes(): mixed {
		if ( 0 === mt_rand( 0, 9 ) ) {
			return $this->value();
		}
		$fields  = array( 'title', 'content', 'excerpt', 'slug', 'status', 'date', 'author', 'featured_media', 'terms', 'meta', 'password', 'post_content', '__proto__', 'ID', '' );
		$changes = array();
		$n       = mt_rand( 1, 4 );
		for ( $i = 0; $i < $n; $i++ ) {
			$field = $this->pick( $fields );
			$changes[ $field ] = match ( $field ) {
				'title', 'content', 'excerpt' => 0 === mt_rand( 0, 3 ) ? $this->value() : $this->markup(),
				'status'                      => $this->pick( array( 'publish', 'trash', 'future', 'private', 'draft', 'cs_applied', 'inherit', 'auto-draft', $this->string() ) ),
				'author', 'featured_media'    => $this->id(),
				'terms'                       => 0 === mt_rand( 0, 2 ) ? $this->value() : array( $this->pick( array( 'category', 'post_tag', 'nav_menu', 'nope', '' ) ) => $this->pick( array( array( $this->id(), $this->string() ), $this->value(), array( $this->markup() ) ) ) ),
				'meta'                        => 0 === mt_rand( 0, 3 ) ? $this->value() : array( $this->pick( array( 'footnotes', 'countersign_note', 'countersign_list', '_yoast_wpseo_title', '_edit_lock', '_wp_page_template', 'nope', '' ) ) => $this->pick( array( $this->markup(), $this->markup(), $this->value(), array( $this->markup() ), (string) wp_json_encode( array( array( 'id' => 'f1', 'content' => $this->markup() ) ) ) ) ) ),
				default                       => $this->value(),
			};
		}
		return $changes;
	}

	/**
	 * A hostile approve body: edits of every kind.
	 *
	 * @return array<string, mixed>
	 */
	private function approve_body(): array {
		$body = array();
		if ( mt_rand( 0, 3 ) > 0 ) {
			$body['edits'] = 0 === mt_rand( 0, 4 ) ? $this->value() : array( $this->pick( array( 'content', 'title', 'excerpt', 'status', 'author', 'nope' ) ) => $this->markup() );
		}
		if ( 0 === mt_rand( 0, 2 ) ) {
			$body['note'] = $this->value();
		}
		return $body;
	}

	/**
	 * A hostile batch body.
	 *
	 * @param list<int> $pending Pending proposals.
	 * @return array<string, mixed>
	 */
	private function batch_body( array $pending ): array {
		$ids = $this->pick(
			array(
				array( $this->pick( $pending ), $this->ids['others'], $this->ids['post'], $this->ids['nonexistent'] ),
				array_fill( 0, mt_rand( 101, 300 ), $this->pick( $pending ) ),
				$this->value(),
				array( '1', -1, 1.5, null, array( 1 ), 'x' ),
				array(),
			)
		);
		// Approving in a batch would use up the proposals the approve fuzz needs; reject is the hostile half.
		return array(
			'ids'    => $ids,
			'action' => $this->pick( array( 'reject', 'reject', 'approve', 'delete', '', $this->string() ) ),
			'reason' => $this->value(),
		);
	}

	/**
	 * A hostile POST/PUT /agents body.
	 *
	 * @return array<string, mixed>
	 */
	private function agent_body(): array {
		$body = array(
			'label'  => 0 === mt_rand( 0, 2 ) ? $this->value() : $this->markup(),
			'role'   => $this->pick( array( 'administrator', 'editor', 'contributor', 'author', 'subscriber', 'nope', $this->value() ) ),
			'preset' => $this->pick( array( 'full_access', 'custom', 'read_only', 'root', $this->value() ) ),
		);
		foreach ( array( 'groups', 'autonomy', 'rate_limit', 'daily_proposal_budget', 'description', 'color', 'status', 'user_login', 'capabilities' ) as $key ) {
			if ( 0 === mt_rand( 0, 2 ) ) {
				$body[ $key ] = match ( $key ) {
					'groups'       => $this->pick( array( array( 'read', 'countersign_manage', 'manage_options' ), array( 'publish', 'trash_restore' ), $this->value() ) ),
					'capabilities' => array( 'manage_options' => true, 'countersign_manage' => true ),
					default        => $this->value(),
				};
			}
		}
		return $body;
	}

	/**
	 * A hostile PUT /settings body.
	 *
	 * @return array<string, mixed>
	 */
	private function settings_body(): array {
		$keys = array( 'kill_switch', 'ip_rate_limit', 'default_rate_limit', 'default_daily_proposal_budget', 'backup_retention', 'risk_overrides', 'level5_enabled', 'quorum', 'notifications', 'audit_retention_days', 'siteurl', 'admin_email' );
		$body = array();
		$n    = mt_rand( 1, 4 );
		for ( $i = 0; $i < $n; $i++ ) {
			$key          = $this->pick( $keys );
			$body[ $key ] = 'risk_overrides' === $key && mt_rand( 0, 1 ) ? array( $this->pick( array( 'status', 'content', 'author', 'nope' ) ) => $this->pick( array( 1, 0, 5, 6, -1, '4', null ) ) ) : $this->value();
		}
		return $body;
	}

	/**
	 * A path id for a proposal route: one of ours, someone else's, another type's, or not an id at all.
	 *
	 * @param list<int> $pending Pending proposals.
	 */
	private function path_id( array $pending ): string {
		return (string) $this->pick( array( $this->pick( $pending ), $this->pick( $pending ), $this->pick( $pending ), $this->ids['others'], $this->ids['post'], $this->ids['page'], 0, 987654321, '-1', '1.5', '1%20OR%201=1', '00' . $pending[0] ) );
	}

	/**
	 * An id-ish value: fixtures of every type, or not an id.
	 */
	private function id(): mixed {
		return $this->pick( array_merge( array_values( $this->ids ), array( -1, 1.5, '1', (string) $this->ids['post'], 'abc', null, true, PHP_INT_MAX, -PHP_INT_MAX, 1e300, array( $this->ids['post'] ), '1 OR 1=1', "{$this->ids['post']}; DROP TABLE wp_posts" ) ) );
	}

	/**
	 * A hostile value of any type.
	 */
	private function value(): mixed {
		return match ( mt_rand( 0, 9 ) ) {
			0       => $this->pick( array( null, true, false, 0, -1, 1.5, PHP_INT_MAX, -PHP_INT_MAX, 1e300, -0.0 ) ),
			1       => array(),
			2       => $this->nested( mt_rand( 2, 60 ) ),
			3       => array( $this->string(), $this->markup(), mt_rand() ),
			4       => array( 'a' => array( 'b' => $this->markup() ), 'content' => $this->markup() ),
			5, 6    => $this->markup(),
			default => $this->string(),
		};
	}

	/**
	 * Nested arrays and objects.
	 *
	 * @param int $depth Depth.
	 */
	private function nested( int $depth ): mixed {
		$value = $this->string();
		for ( $i = 0; $i < $depth; $i++ ) {
			$value = mt_rand( 0, 1 ) ? array( $value ) : array( 'k' . $i => $value );
		}
		return $value;
	}

	/**
	 * A hostile string: encodings, unicode edge cases, SQL, sizes.
	 */
	private function string(): string {
		$strings = array(
			'',
			' ',
			"a\0b",
			'@@INVALID_UTF8@@',
			'@@SURROGATE@@',
			'@@OVERLONG@@',
			"\u{202E}txt.exe\u{202C}",
			"\u{200F}\u{202B}rtl\u{202A}",
			"\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
			"\u{FEFF}\u{FFFF}\u{10FFFF}",
			"e\u{0301}\u{0301}\u{0301}\u{0301}",
			"' OR '1'='1' -- ",
			'1; DROP TABLE wp_posts; --',
			'" UNION SELECT user_pass FROM wp_users #',
			'%s %d %1$s %%',
			'../../../wp-config.php',
			'{{constructor.constructor("alert(1)")()}}',
			'${jndi:ldap://x}',
			str_repeat( 'A', 70000 ),
			str_repeat( "\u{1F4A9}", 3000 ),
		);
		if ( 0 === mt_rand( 0, 150 ) ) {
			return str_repeat( 'B', mt_rand( 1100000, 1500000 ) );
		}
		return $this->pick( $strings );
	}

	/**
	 * Hostile HTML and block markup.
	 */
	private function markup(): string {
		$pieces = array(
			'<script>alert(1)</script>',
			'<SCRIPT SRC=//evil.test/x.js></SCRIPT>',
			'<img src=x onerror=alert(1)>',
			'<img src="x" ONERROR="alert(1)">',
			'<svg onload=alert(1)><circle/></svg>',
			'<a href="javascript:alert(1)">x</a>',
			'<a href="JaVaScRiPt:alert(1)">y</a>',
			'<a href="jav&#x09;ascript:alert(1)">z</a>',
			'<iframe src="javascript:alert(1)"></iframe>',
			'<p style="background:url(javascript:alert(1))">s</p>',
			'<div onmouseover="alert(1)">hover</div>',
			'<scr<script>ipt>alert(1)</script>',
			'<!-- wp:html --><script>alert(1)</script><!-- /wp:html -->',
			'<!-- wp:paragraph {"className":"\u003cscript\u003e"} --><p onclick="x()">p</p><!-- /wp:paragraph -->',
			'<!-- wp:image {"url":"javascript:alert(1)"} --><figure><img src="javascript:alert(1)" onerror="x"/></figure><!-- /wp:image -->',
			'<!-- wp:paragraph --><p>unclosed',
			'<!-- /wp:paragraph -->',
			'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
			'<form action="javascript:alert(1)"><button formaction="javascript:x">b</button></form>',
			'<object data="javascript:alert(1)"></object><embed src="x.swf">',
			'<body onload=alert(1)>',
			'"><script>alert(1)</script>',
			"<p>ok</p>\u{202E}",
		);
		$out = '';
		$n   = mt_rand( 1, 3 );
		for ( $i = 0; $i < $n; $i++ ) {
			$out .= $this->pick( $pieces );
		}
		return $out;
	}

	/**
	 * A JSON object of junk, for routes that take no body.
	 *
	 * @return array<string, mixed>
	 */
	private function junk_object(): array {
		return array( $this->pick( array( 'id', 'status', 'agent', 'reason', 'x' ) ) => $this->value() );
	}

	/**
	 * One element of a list.
	 *
	 * @param array<mixed> $items Items.
	 */
	private function pick( array $items ): mixed {
		$items = array_values( $items );
		return $items[ mt_rand( 0, count( $items ) - 1 ) ];
	}

	/**
	 * Nothing either agent has pending or had applied, and no target post, carries script, event handlers or
	 * javascript: URLs.
	 *
	 * @param list<int> $agents Agents.
	 * @param list<int> $posts  Target posts.
	 */
	private function assert_nothing_hostile_stored( array $agents, array $posts ): void {
		global $wpdb;
		wp_cache_flush();
		$in        = implode( ',', array_map( 'intval', $agents ) );
		$proposals = $wpdb->get_results( $wpdb->prepare( "SELECT ID, post_title, post_content, post_excerpt FROM {$wpdb->posts} WHERE post_type = %s AND post_author IN ({$in})", ProposalPostType::SLUG ), ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$this->assertGreaterThan( 40, count( $proposals ) );
		$found = array();
		foreach ( $proposals as $row ) {
			$meta = $wpdb->get_col( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->postmeta} WHERE post_id = %d", $row['ID'] ) );
			foreach ( array_merge( array( $row['post_title'], $row['post_content'], $row['post_excerpt'] ), $meta ) as $stored ) {
				// Meta is JSON: decode it so escaped markup (\u003c) is seen as markup.
				$text = is_string( $stored ) && null !== json_decode( $stored ) ? (string) wp_json_encode( json_decode( $stored, true ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) : (string) $stored;
				if ( $this->hostile( stripslashes( $text ) ) ) {
					$found[] = "proposal {$row['ID']}: " . substr( $text, 0, 200 );
				}
			}
		}
		foreach ( $posts as $post_id ) {
			$post = get_post( $post_id );
			$meta = $wpdb->get_col( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->postmeta} WHERE post_id = %d", $post_id ) );
			foreach ( array_merge( array( $post->post_title, $post->post_content, $post->post_excerpt ), $meta ) as $stored ) {
				if ( $this->hostile( $stored ) ) {
					$found[] = "post {$post_id}: " . substr( $stored, 0, 200 );
				}
			}
		}
		foreach ( $wpdb->get_results( $wpdb->prepare( "SELECT t.term_id, t.name, tt.description FROM {$wpdb->terms} t JOIN {$wpdb->term_taxonomy} tt ON tt.term_id = t.term_id WHERE t.term_id > %d", $this->terms_before ), ARRAY_A ) as $term ) {
			if ( $this->hostile( $term['name'] . $term['description'] ) ) {
				$found[] = "term {$term['term_id']}: " . substr( $term['name'], 0, 200 );
			}
		}
		$this->assertSame( array(), $found, "Seed {$this->seed}: hostile markup stored:\n" . implode( "\n", $found ) );
	}

	/**
	 * Whether text carries a script element, an event-handler attribute or a javascript: URL in an attribute.
	 *
	 * @param string $text Text.
	 */
	private function hostile( string $text ): bool {
		return (bool) preg_match( '/<\s*script|<[^>]+\son[a-z]+\s*=|<[^>]+(href|src|action|formaction|data)\s*=\s*["\']?\s*javascript:/i', $text );
	}

	/**
	 * No hostile POST /agents made an administrator or an agent with a management capability.
	 */
	private function assert_no_agent_can_manage(): void {
		$agents = get_users(
			array(
				'meta_key' => 'countersign_agent', // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key
				'fields'   => 'all',
			)
		);
		$bad    = array();
		foreach ( $agents as $user ) {
			if ( in_array( 'administrator', $user->roles, true ) || ! empty( $user->allcaps['manage_options'] ) || ! empty( $user->allcaps['countersign_manage'] ) ) {
				$bad[] = $user->ID . ' ' . implode( ',', $user->roles );
			}
		}
		$this->assertSame( array(), $bad, "Seed {$this->seed}: agents with management rights" );
	}
}
