<?php
/**
 * The abilities, through core's /wp-abilities/v1 endpoints.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Abilities;

use Countersign\Tests\TestCase;

/**
 * An agent proposes, lists and reads its profile through the Abilities API; people and stopped agents are refused.
 */
final class AbilitiesTest extends TestCase {

	/**
	 * Propose through the ability: a pending proposal, audited like a REST submission.
	 */
	public function test_agent_proposes_through_the_ability(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();

		$run = $this->rest(
			$agent,
			'POST',
			'/wp-abilities/v1/abilities/countersign/propose-change/run',
			array(
				'input' => array(
					'post'      => $post_id,
					'changes'   => array( 'title' => 'Through an ability' ),
					'rationale' => 'MCP client test.',
				),
			)
		);

		$this->assertSame( 200, $run->get_status(), (string) wp_json_encode( $run->get_data() ) );
		$this->assertSame( 'pending', $run->get_data()['status'] );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
		$this->assertNotEmpty(
			$this->plugin()->audit_query->find(
				array(
					'proposal' => (int) $run->get_data()['id'],
					'action'   => 'proposal.submitted',
				)
			)['rows']
		);

		$profile = $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/get-profile/run' );
		$this->assertSame( $agent, $profile->get_data()['id'] );
		$this->assertArrayHasKey( 'operations', $profile->get_data() );

		$list = $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/list-proposals/run', array( 'input' => array( 'post' => $post_id ) ) );
		$this->assertSame( 200, $list->get_status(), (string) wp_json_encode( $list->get_data() ) );
		$this->assertSame( 1, $list->get_data()['total'] );
		$this->assertSame( (int) $run->get_data()['id'], $list->get_data()['proposals'][0]['id'] );
		$this->assertArrayNotHasKey( '_links', $list->get_data()['proposals'][0] );
	}

	/**
	 * Upload through the ability, then propose the file as the featured image: the same route, checks and staging as
	 * over REST; a PHP file named .jpg is a refusal naming the field.
	 */
	public function test_agent_uploads_and_proposes_media_through_the_abilities(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post( array( 'post_author' => $agent ) );
		$image   = imagecreatetruecolor( 8, 6 );
		ob_start();
		imagepng( $image );
		$png = (string) ob_get_clean();

		$upload = fn( string $name, string $bytes ) => $this->rest(
			$agent,
			'POST',
			'/wp-abilities/v1/abilities/countersign/upload-media/run',
			array(
				'input' => array(
					'filename' => $name,
					'data'     => base64_encode( $bytes ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- what agents send.
				),
			)
		);
		$staged = $upload( 'sign.png', $png );
		$this->assertSame( 200, $staged->get_status(), (string) wp_json_encode( $staged->get_data() ) );
		$this->assertSame( array( 8, 6 ), array( $staged->get_data()['width'], $staged->get_data()['height'] ) );
		$this->assertArrayNotHasKey( 'preview', $staged->get_data() );

		$refused = $upload( 'sign.jpg', '<?php echo 1;' );
		$this->assertSame( 'countersign_invalid_payload', $refused->get_data()['code'] ?? null, (string) wp_json_encode( $refused->get_data() ) );
		$this->assertSame( 'file', $refused->get_data()['data']['field'] ?? null );

		$ref = $staged->get_data()['ref'];
		$run = $this->rest(
			$agent,
			'POST',
			'/wp-abilities/v1/abilities/countersign/propose-change/run',
			array(
				'input' => array(
					'post'      => $post_id,
					'changes'   => array(
						'media'          => array(
							array(
								'ref' => $ref,
								'alt' => 'The club sign.',
							),
						),
						'featured_media' => $ref,
					),
					'rationale' => 'A featured image.',
				),
			)
		);
		$this->assertSame( 200, $run->get_status(), (string) wp_json_encode( $run->get_data() ) );
		$this->assertSame( array( 'pending', 3 ), array( $run->get_data()['status'], $run->get_data()['risk'] ) );
		$this->assertSame( 0, (int) get_post_thumbnail_id( $post_id ) );
	}

	/**
	 * The tools an agent calls with no input at all (core's runner sends none): the schema's `{}` default applies.
	 */
	public function test_empty_calls_work(): void {
		$agent = (int) $this->agent()['id'];

		foreach ( array( 'list-proposals', 'list-posts', 'get-profile' ) as $ability ) {
			$run = $this->rest( $agent, 'GET', "/wp-abilities/v1/abilities/countersign/{$ability}/run" );
			$this->assertSame( 200, $run->get_status(), $ability . ': ' . wp_json_encode( $run->get_data() ) );
		}
		$schema = wp_get_ability( 'countersign/list-proposals' )->get_input_schema();
		$this->assertSame( '{}', wp_json_encode( $schema['default'] ), 'an object default, not an array' );
	}

	/**
	 * An ability run counts once against the agent's rate limit: the route it runs, not also the run request around it.
	 */
	public function test_an_ability_run_counts_once(): void {
		$agent = (int) $this->agent( array( 'rate_limit' => 2 ) )['id'];
		$run   = fn() => $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/list-proposals/run' );

		$first  = $run();
		$second = $run();
		$third  = $run();

		$this->assertSame( 200, $first->get_status() );
		$this->assertSame( 200, $second->get_status() );
		$this->assertError( $third, 'countersign_rate_limited', 429 );
	}

	/**
	 * A rejected proposal is revised once with supersedes: it stays rejected, with its reason, and names the revision.
	 */
	public function test_revising_a_rejected_proposal(): void {
		$agent    = (int) $this->agent()['id'];
		$reviewer = $this->user( 'editor' );
		$post_id  = $this->post();
		$propose  = fn( array $extra ) => $this->rest(
			$agent,
			'POST',
			'/wp-abilities/v1/abilities/countersign/propose-change/run',
			array(
				'input' => $extra + array(
					'post'      => $post_id,
					'changes'   => array( 'title' => 'SHOUTING' ),
					'rationale' => 'Louder.',
				),
			)
		);
		$first    = (int) $propose( array() )->get_data()['id'];
		$this->rest( $reviewer, 'POST', "/countersign/v1/proposals/{$first}/reject", array( 'reason' => 'No capitals.' ) );

		$revision = $propose(
			array(
				'changes'    => array( 'title' => 'Quieter' ),
				'supersedes' => $first,
			)
		);
		$again    = $propose( array( 'supersedes' => $first ) );
		$old      = $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/get-proposal/run', array( 'input' => array( 'id' => $first ) ) )->get_data();

		$this->assertSame( 'pending', $revision->get_data()['status'], (string) wp_json_encode( $revision->get_data() ) );
		$this->assertSame( 'rejected', $old['status'] );
		$this->assertSame( 'No capitals.', $old['decision']['reason'] );
		$this->assertSame( (int) $revision->get_data()['id'], $old['decision']['superseded_by'] );
		$this->assertError( $again, 'countersign_invalid_state', 409 );
		$this->assertCount(
			1,
			$this->plugin()->audit_query->find(
				array(
					'proposal' => $first,
					'action'   => 'proposal.superseded',
				)
			)['rows']
		);
	}

	/**
	 * Refusals: a person is not an agent; a paused agent is stopped; a Gate refusal comes back as the error.
	 */
	public function test_refusals(): void {
		$editor  = $this->user( 'editor' );
		$admin   = $this->user( 'administrator' );
		$agent   = (int) $this->agent( array( 'preset' => 'read_only' ) )['id'];
		$post_id = $this->post();
		$input   = array(
			'input' => array(
				'post'      => $post_id,
				'changes'   => array( 'title' => 'Nope' ),
				'rationale' => 'x',
			),
		);

		$person = $this->rest( $editor, 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', $input );
		$group  = $this->rest( $agent, 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', $input );
		$this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/pause" );
		$paused = $this->rest( $agent, 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', $input );

		$this->assertSame( 403, $person->get_status() );
		$this->assertSame( 'countersign_forbidden_group', $group->get_data()['code'] ?? null, (string) wp_json_encode( $group->get_data() ) );
		$this->assertSame( 403, $paused->get_status() );
		$this->assertSame( 'Original title', get_post( $post_id )->post_title );
	}

	/**
	 * A stale base: the ability answers with the same 409 countersign_conflict as REST, and nothing is stored; the
	 * current base goes through.
	 */
	public function test_stale_base_conflicts_as_over_rest(): void {
		global $wpdb;
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$read    = mysql_to_rfc3339( get_post( $post_id )->post_modified_gmt );
		// Somebody saves the post after the agent read it.
		$wpdb->update( $wpdb->posts, array( 'post_modified_gmt' => gmdate( 'Y-m-d H:i:s', time() + MINUTE_IN_SECONDS ) ), array( 'ID' => $post_id ) );
		clean_post_cache( $post_id );
		$body = array(
			'post'      => $post_id,
			'changes'   => array( 'title' => 'From a stale read' ),
			'base'      => array( 'modified_gmt' => $read ),
			'rationale' => 'MCP client test.',
		);

		$rest    = $this->propose( $agent, $body );
		$ability = $this->rest( $agent, 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', array( 'input' => $body ) );
		$fresh   = $this->rest(
			$agent,
			'POST',
			'/wp-abilities/v1/abilities/countersign/propose-change/run',
			array( 'input' => array( 'base' => array( 'modified_gmt' => mysql_to_rfc3339( get_post( $post_id )->post_modified_gmt ) ) ) + $body )
		);

		$this->assertError( $rest, 'countersign_conflict', 409 );
		$this->assertError( $ability, 'countersign_conflict', 409 );
		$this->assertSame( $rest->get_data()['data']['field'], $ability->get_data()['data']['field'] );
		$this->assertSame( 200, $fresh->get_status(), (string) wp_json_encode( $fresh->get_data() ) );
		$this->assertSame( 'pending', $fresh->get_data()['status'] );
		$this->assertCount( 1, $this->rest( $agent, 'GET', '/countersign/v1/proposals', array( 'post' => $post_id ) )->get_data(), 'only the fresh one is stored' );
	}

	/**
	 * An MCP-only agent makes a risk-4 change: refused without a token, given one by countersign/request-confirmation
	 * (audited as an intent), accepted with it for human approval, and the token is single use.
	 */
	public function test_confirmation_token_through_the_ability(): void {
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$publish = array(
			'post'    => $post_id,
			'changes' => array( 'status' => 'publish' ),
		);
		$propose = fn( array $extra = array() ) => $this->rest( $agent, 'POST', '/wp-abilities/v1/abilities/countersign/propose-change/run', array( 'input' => $publish + $extra + array( 'rationale' => 'Ready to go live.' ) ) );

		$without = $propose();
		$intent  = $this->rest( $agent, 'POST', '/wp-abilities/v1/abilities/countersign/request-confirmation/run', array( 'input' => $publish ) );
		$token   = (string) ( $intent->get_data()['token'] ?? '' );
		$with    = $propose( array( 'confirm_token' => $token ) );
		$again   = $propose( array( 'confirm_token' => $token ) );

		$this->assertError( $without, 'countersign_invalid_token', 403 );
		$this->assertSame( 200, $intent->get_status(), (string) wp_json_encode( $intent->get_data() ) );
		$this->assertMatchesRegularExpression( '/^[a-f0-9]{48}$/', $token );
		$this->assertGreaterThan( time(), strtotime( $intent->get_data()['expires'] . 'Z' ) );
		$this->assertSame( 200, $with->get_status(), (string) wp_json_encode( $with->get_data() ) );
		$this->assertSame( 'pending', $with->get_data()['status'] );
		$this->assertSame( 4, $with->get_data()['risk'] );
		$this->assertSame( 'draft', get_post_status( $post_id ), 'a human still approves' );
		$this->assertError( $again, 'countersign_invalid_token', 403 );
		$issued = $this->plugin()->audit_query->find(
			array(
				'agent'  => $agent,
				'action' => 'intent.issued',
			)
		)['rows'];
		$this->assertCount( 1, $issued );
		$this->assertSame( $post_id, (int) $issued[0]['object_id'] );
	}

	/**
	 * countersign/request-confirmation refuses people, paused agents, unusable changes and unknown posts; a token for
	 * other changes does not confirm this one.
	 */
	public function test_request_confirmation_refusals(): void {
		$editor  = $this->user( 'editor' );
		$admin   = $this->user( 'administrator' );
		$agent   = (int) $this->agent()['id'];
		$post_id = $this->post();
		$route   = '/wp-abilities/v1/abilities/countersign/request-confirmation/run';
		$publish = array(
			'post'    => $post_id,
			'changes' => array( 'status' => 'publish' ),
		);

		$person  = $this->rest( $editor, 'POST', $route, array( 'input' => $publish ) );
		$invalid = $this->rest(
			$agent,
			'POST',
			$route,
			array(
				'input' => array(
					'post'    => $post_id,
					'changes' => array( 'status' => 'gone' ),
				),
			)
		);
		$missing = $this->rest(
			$agent,
			'POST',
			$route,
			array(
				'input' => array(
					'post'    => PHP_INT_MAX,
					'changes' => array( 'status' => 'publish' ),
				),
			)
		);
		$other   = (string) $this->rest(
			$agent,
			'POST',
			$route,
			array(
				'input' => array(
					'post'    => $post_id,
					'changes' => array( 'status' => 'private' ),
				),
			)
		)->get_data()['token'];
		$misused = $this->rest(
			$agent,
			'POST',
			'/wp-abilities/v1/abilities/countersign/propose-change/run',
			array(
				'input' => $publish + array(
					'rationale'     => 'x',
					'confirm_token' => $other,
				),
			)
		);
		$this->rest( $admin, 'POST', "/countersign/v1/agents/{$agent}/pause" );
		$paused = $this->rest( $agent, 'POST', $route, array( 'input' => $publish ) );

		$this->assertSame( 403, $person->get_status() );
		$this->assertSame( 'countersign_not_agent', $person->get_data()['code'] );
		$this->assertError( $invalid, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'changes.status', $invalid->get_data()['data']['field'] );
		$this->assertError( $missing, 'countersign_not_found', 404 );
		$this->assertError( $misused, 'countersign_invalid_token', 403 );
		$this->assertSame( 403, $paused->get_status() );
		$this->assertSame( 'countersign_agent_paused', $paused->get_data()['code'] );
		$this->assertSame( 'draft', get_post_status( $post_id ) );
	}

	/**
	 * The schemas an MCP client sees: propose-change takes base as REST does; request-confirmation takes the post and
	 * changes and answers a token; get-profile takes a post type.
	 */
	public function test_schemas(): void {
		$agent = (int) $this->agent()['id'];

		$propose = $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/propose-change' )->get_data();
		$confirm = $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/request-confirmation' )->get_data();
		$profile = $this->rest( $agent, 'GET', '/wp-abilities/v1/abilities/countersign/get-profile/run', array( 'input' => array( 'post_type' => 'page' ) ) );

		$this->assertSame( 'object', $propose['input_schema']['properties']['base']['type'] );
		$this->assertSame( 'string', $propose['input_schema']['properties']['base']['properties']['modified_gmt']['type'] );
		$this->assertSame( array( 'changes' ), $confirm['input_schema']['required'] );
		$this->assertSame( array( 'post', 'post_type', 'changes' ), array_keys( $confirm['input_schema']['properties'] ) );
		$this->assertSame( array( 'token', 'expires' ), $confirm['output_schema']['required'] );
		$this->assertFalse( $confirm['meta']['annotations']['readonly'] );
		$this->assertSame( 'page', $profile->get_data()['post_type'], (string) wp_json_encode( $profile->get_data() ) );
	}
}
