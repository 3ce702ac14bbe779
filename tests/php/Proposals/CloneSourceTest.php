<?php
/**
 * Cloning a post into a new draft, as one proposal.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Proposals;

use Countersign\Proposals\CloneSource;
use Countersign\Tests\RegistersPostMeta;
use Countersign\Tests\TestCase;

/**
 * A clone copies content, terms, featured image and registered meta, takes the agent's changes over them, becomes a
 * new draft only when approved, and records its source; bad sources are refused naming clone_from.
 */
final class CloneSourceTest extends TestCase {

	use RegistersPostMeta;

	/**
	 * The whole copy in one proposal, the agent's title over it; approval creates the draft and records the source.
	 */
	public function test_clone_copies_the_post_and_records_its_source(): void {
		$this->register_post_meta_keys( array( 'cs_test_subtitle' ) );
		$agent  = (int) $this->agent( array( 'preset' => 'draft_only' ) )['id'];
		$source = $this->post(
			array(
				'post_title'   => 'Spring planting guide',
				'post_excerpt' => 'What to sow in March.',
				'post_status'  => 'publish',
			)
		);
		$tag    = wp_insert_term( 'Seeds ' . wp_generate_password( 6, false ), 'post_tag' );
		$this->assertIsArray( $tag );
		wp_set_object_terms( $source, array( (int) $tag['term_id'] ), 'post_tag' );
		$image = (int) wp_insert_attachment(
			array(
				'post_title'     => 'Seedlings',
				'post_mime_type' => 'image/jpeg',
				'post_status'    => 'inherit',
			),
			'seedlings.jpg'
		);
		set_post_thumbnail( $source, $image );
		update_post_meta( $source, 'cs_test_subtitle', 'For beginners' );

		$proposed = $this->propose(
			$agent,
			array(
				'post'       => 0,
				'clone_from' => $source,
				'changes'    => array(
					'title' => 'Autumn planting guide',
					'meta'  => array( 'cs_test_subtitle' => 'For autumn' ),
				),
			)
		);

		$this->assertSame( 201, $proposed->get_status(), (string) wp_json_encode( $proposed->get_data() ) );
		$data    = $proposed->get_data();
		$changes = (array) $data['changes'];
		$this->assertSame( 'pending', $data['status'] );
		$this->assertSame( 0, $data['post'] );
		$this->assertSame( 'Autumn planting guide', $changes['title'] );
		$this->assertSame( get_post( $source )->post_content, $changes['content'] );
		$this->assertSame( 'What to sow in March.', $changes['excerpt'] );
		$this->assertSame( array( (int) $tag['term_id'] ), $changes['terms']['post_tag'] );
		$this->assertSame( $image, $changes['featured_media'] );
		$this->assertSame( 'For autumn', $changes['meta']['cs_test_subtitle'] );
		$this->assertSame( $source, $data['clone_from']['id'] );
		$this->assertSame( 'Spring planting guide', $data['clone_from']['title'] );
		$this->assertSame( $source, $data['base']['clone_from'] );

		$admin    = $this->user( 'administrator' );
		$approved = $this->rest( $admin, 'POST', '/countersign/v1/proposals/' . $data['id'] . '/approve' );
		$this->assertSame( 200, $approved->get_status(), (string) wp_json_encode( $approved->get_data() ) );
		$copy = get_post( (int) $approved->get_data()['post'] );
		$this->assertNotSame( $source, $copy->ID );
		$this->assertSame( 'draft', $copy->post_status );
		$this->assertSame( 'Autumn planting guide', $copy->post_title );
		$this->assertSame( get_post( $source )->post_content, $copy->post_content );
		$this->assertSame( array( (int) $tag['term_id'] ), wp_get_object_terms( $copy->ID, 'post_tag', array( 'fields' => 'ids' ) ) );
		$this->assertSame( $image, (int) get_post_thumbnail_id( $copy ) );
		$this->assertSame( 'For autumn', get_post_meta( $copy->ID, 'cs_test_subtitle', true ) );
		$this->assertSame( (string) $source, get_post_meta( $copy->ID, CloneSource::META, true ) );
		// The source is untouched.
		$this->assertSame( 'Spring planting guide', get_post( $source )->post_title );
		$this->assertSame( 'For beginners', get_post_meta( $source, 'cs_test_subtitle', true ) );
	}

	/**
	 * A clone with no changes at all is the copy itself; nothing exists until a reviewer approves.
	 */
	public function test_clone_without_changes_waits_for_approval(): void {
		$agent  = (int) $this->agent( array( 'preset' => 'draft_only' ) )['id'];
		$source = $this->post( array( 'post_title' => 'Plain copy ' . wp_generate_password( 6, false ) ) );
		$before = wp_count_posts( 'post' )->draft;

		$proposed = $this->propose( $agent, array( 'clone_from' => $source ) );

		$this->assertSame( 201, $proposed->get_status(), (string) wp_json_encode( $proposed->get_data() ) );
		$this->assertSame( get_post( $source )->post_title, $proposed->get_data()['changes']->title ?? ( (array) $proposed->get_data()['changes'] )['title'] );
		wp_cache_delete( _count_posts_cache_key( 'post' ), 'counts' );
		$this->assertSame( $before, wp_count_posts( 'post' )->draft );
	}

	/**
	 * Bad sources: not a clone of an existing target, not a post the agent may read, not an id.
	 */
	public function test_bad_sources_are_refused_naming_clone_from(): void {
		$contributor = (int) $this->agent(
			array(
				'role'   => 'contributor',
				'preset' => 'draft_only',
			)
		)['id'];
		$someone     = $this->user( 'editor' );
		$hidden      = $this->post( array( 'post_author' => $someone ) );
		$visible     = $this->post( array( 'post_status' => 'publish' ) );

		$on_target = $this->propose(
			$contributor,
			array(
				'post'       => $visible,
				'clone_from' => $visible,
				'changes'    => array( 'title' => 'X' ),
			)
		);
		$unread    = $this->propose( $contributor, array( 'clone_from' => $hidden ) );
		$missing   = $this->propose( $contributor, array( 'clone_from' => PHP_INT_MAX ) );
		$not_an_id = $this->propose( $contributor, array( 'clone_from' => 'twelve' ) );

		$this->assertError( $on_target, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'clone_from', $on_target->get_data()['data']['field'] );
		$this->assertError( $unread, 'countersign_not_found', 404 );
		$this->assertSame( 'clone_from', $unread->get_data()['data']['field'] );
		$this->assertSame( $missing->get_data(), $unread->get_data(), 'an unreadable source answers as a missing one' );
		$this->assertError( $not_an_id, 'countersign_invalid_payload', 400 );
		$this->assertSame( 'clone_from', $not_an_id->get_data()['data']['field'] );
	}

	/**
	 * A clone is judged like the new post it makes: copying terms needs the taxonomy group, so it is no way around
	 * a preset; the agent that has only create_edit may clone a post without terms.
	 */
	public function test_a_clone_is_judged_by_what_it_copies(): void {
		$narrow = (int) $this->agent(
			array(
				'preset' => 'custom',
				'groups' => array( 'create_edit' ),
			)
		)['id'];
		$tagged = $this->post();
		wp_set_object_terms( $tagged, array( 'Tagged ' . wp_generate_password( 6, false ) ), 'post_tag' );
		wp_set_object_terms( $tagged, array(), 'category' );
		$plain = $this->post();
		wp_set_object_terms( $plain, array(), 'category' );

		$refused = $this->propose( $narrow, array( 'clone_from' => $tagged ) );

		$this->assertError( $refused, 'countersign_forbidden_group', 403 );
		$this->assertSame( 'changes.terms', $refused->get_data()['data']['field'] );
		$this->assertSame( 201, $this->propose( $narrow, array( 'clone_from' => $plain ) )->get_status() );
	}
}
