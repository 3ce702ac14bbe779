<?php
/**
 * The order of GET /proposals.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Policy\Capabilities;
use Countersign\Tests\TestCase;

/**
 * `orderby` takes `date` (the default: newest first) and `risk` (highest first, newest first within a level). The
 * order holds across pages, for an administrator (paged in SQL), for a reviewer who may edit only some posts (paged
 * after the per-post check) and for the agent itself; anything else is 400.
 */
final class ProposalsOrderTest extends TestCase {

	/**
	 * Ordered by risk: highest first, then newest first.
	 */
	public function test_orderby_risk_is_highest_first(): void {
		list( $agent, $reviewers, $proposals ) = $this->proposals();

		uasort( $proposals, fn( array $a, array $b ): int => array( $b['risk'], $b['id'] ) <=> array( $a['risk'], $a['id'] ) );
		$expected = array_column( $proposals, 'id' );
		$this->assertSame( array( 4, 4, 3, 3, 2, 2, 2 ), array_column( $proposals, 'risk' ) );

		foreach ( array_merge( $reviewers, array( $agent ) ) as $user ) {
			$this->assertSame( $expected, $this->ids( $user, array( 'orderby' => 'risk', 'agent' => $agent ) ), (string) $user );
			$this->assertSame( $expected, $this->paged( $user, array( 'orderby' => 'risk', 'agent' => $agent ) ), (string) $user );
		}
	}

	/**
	 * Ordered by date (orderby=date, and the default): newest first, by creation date (not by id).
	 */
	public function test_orderby_date_is_newest_first(): void {
		list( $agent, $reviewers, $proposals ) = $this->proposals();

		$ids = array_column( $proposals, 'id' );
		// The first proposal made is dated last and the last one first, so date order is not id order.
		$this->redate( $ids[0], '+1 hour' );
		$this->redate( $ids[6], '-1 day' );
		$expected = array( $ids[0], $ids[5], $ids[4], $ids[3], $ids[2], $ids[1], $ids[6] );

		foreach ( array_merge( $reviewers, array( $agent ) ) as $user ) {
			foreach ( array( array( 'orderby' => 'date' ), array() ) as $order ) {
				$this->assertSame( $expected, $this->ids( $user, $order + array( 'agent' => $agent ) ), (string) $user );
				$this->assertSame( $expected, $this->paged( $user, $order + array( 'agent' => $agent ) ), (string) $user );
			}
		}
	}

	/**
	 * Anything but date or risk is refused, naming orderby.
	 */
	public function test_other_orderby_values_are_refused(): void {
		$admin = $this->user( 'administrator' );
		foreach ( array( 'id', 'title', 'menu_order', 'rand', 'risk DESC', 'RISK' ) as $orderby ) {
			$response = $this->rest( $admin, 'GET', '/countersign/v1/proposals', array( 'orderby' => $orderby ) );
			$this->assertError( $response, 'countersign_invalid_payload', 400 );
			$this->assertSame( 'orderby', $response->get_data()['data']['field'], $orderby );
		}
	}

	/**
	 * Seven pending proposals of one supervised agent, on posts of an author who reviews them, with risks
	 * 2, 3, 4, 2, 3, 4, 2 in the order they are made.
	 *
	 * @return array{0: int, 1: list<int>, 2: list<array{id: int, risk: int}>} Agent, reviewers (an administrator,
	 *                                                                          and an author who may review only
	 *                                                                          their own posts), proposals.
	 */
	private function proposals(): array {
		$agent  = (int) $this->agent()['id'];
		$author = $this->user( 'author' );
		get_userdata( $author )->add_cap( Capabilities::REVIEW );
		$cases     = array(
			array( 'draft', array( 'title' => 'Draft title' ), 2 ),
			array( 'publish', array( 'title' => 'Live title' ), 3 ),
			array( 'draft', array( 'status' => 'publish' ), 4 ),
			array( 'draft', array( 'excerpt' => 'Draft excerpt' ), 2 ),
			array( 'publish', array( 'excerpt' => 'Live excerpt' ), 3 ),
			array( 'publish', array( 'slug' => 'live-slug-' . wp_generate_password( 6, false, false ) ), 4 ),
			array( 'draft', array( 'content' => 'Draft content' ), 2 ),
		);
		$proposals = array();
		foreach ( $cases as list( $state, $changes, $risk ) ) {
			$body = array(
				'post'    => $this->post(
					array(
						'post_status' => $state,
						'post_author' => $author,
					)
				),
				'changes' => $changes,
			);
			if ( $risk >= 4 ) {
				$body['confirm_token'] = $this->rest( $agent, 'POST', '/countersign/v1/intents', $body )->get_data()['token'];
			}
			$response = $this->propose( $agent, $body );
			$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
			$this->assertSame( array( 'pending', $risk ), array( $response->get_data()['status'], $response->get_data()['risk'] ) );
			$proposals[] = array(
				'id'   => (int) $response->get_data()['id'],
				'risk' => $risk,
			);
		}
		return array( $agent, array( $this->user( 'administrator' ), $author ), $proposals );
	}

	/**
	 * The ids of one page of GET /proposals, checking X-WP-Total.
	 *
	 * @param int                  $user  User.
	 * @param array<string, mixed> $query Query.
	 * @return list<int>
	 */
	private function ids( int $user, array $query ): array {
		$response = $this->rest( $user, 'GET', '/countersign/v1/proposals', $query );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( '7', $response->get_headers()['X-WP-Total'] );
		return array_map( fn( array $item ): int => $item['id'], $response->get_data() );
	}

	/**
	 * The ids of every page of two, in page order.
	 *
	 * @param int                  $user  User.
	 * @param array<string, mixed> $query Query.
	 * @return list<int>
	 */
	private function paged( int $user, array $query ): array {
		$ids = array();
		for ( $page = 1; $page <= 4; $page++ ) {
			$ids = array_merge( $ids, $this->ids( $user, $query + array( 'per_page' => 2, 'page' => $page ) ) );
		}
		return $ids;
	}

	/**
	 * Moves a proposal's creation date.
	 *
	 * @param int    $id     Proposal.
	 * @param string $offset strtotime() offset from now.
	 */
	private function redate( int $id, string $offset ): void {
		global $wpdb;
		$gmt = gmdate( 'Y-m-d H:i:s', (int) strtotime( $offset ) );
		$wpdb->update(
			$wpdb->posts,
			array(
				'post_date_gmt' => $gmt,
				'post_date'     => get_date_from_gmt( $gmt ),
			),
			array( 'ID' => $id )
		);
		clean_post_cache( $id );
	}
}
