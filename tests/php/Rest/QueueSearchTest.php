<?php
/**
 * Queue search.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Rest;

use Countersign\Tests\TestCase;

/**
 * The queue's search finds a proposal by its post's title as it is now and by its rationale, not only by the
 * proposed text.
 */
final class QueueSearchTest extends TestCase {

	/**
	 * A word in the post's title, one in the rationale, one in the proposed content, and one nowhere.
	 */
	public function test_search_matches_the_post_title_and_the_rationale(): void {
		$mark     = strtolower( wp_generate_password( 6, false ) );
		$agent    = (int) $this->agent()['id'];
		$editor   = $this->user( 'editor' );
		$titled   = $this->propose(
			$agent,
			array(
				'post'      => $this->post( array( 'post_title' => "Spring {$mark}garden" ) ),
				'changes'   => array( 'excerpt' => 'Short.' ),
				'rationale' => 'Adds an excerpt.',
			)
		)->get_data()['id'];
		$reasoned = $this->propose(
			$agent,
			array(
				'post'      => $this->post( array( 'post_title' => 'Winter' ) ),
				'changes'   => array( 'excerpt' => 'Cold.' ),
				'rationale' => "Fixes the {$mark}tulips typo.",
			)
		)->get_data()['id'];
		$proposed = $this->propose(
			$agent,
			array(
				'post'    => $this->post(),
				'changes' => array( 'title' => "A {$mark}harvest title" ),
			)
		)->get_data()['id'];

		$found = fn( string $search ): array => array_column( $this->rest( $editor, 'GET', '/countersign/v1/proposals', array( 'search' => $search ) )->get_data(), 'id' );
		$this->assertSame( array( $titled ), $found( "{$mark}garden" ) );
		$this->assertSame( array( $reasoned ), $found( "{$mark}tulips" ) );
		$this->assertSame( array( $proposed ), $found( "{$mark}harvest" ) );
		$this->assertSame( array( $proposed, $reasoned, $titled ), $found( $mark ) );
		$this->assertSame( array(), $found( "{$mark}nowhere" ) );
		$this->assertSame( '0', (string) $this->rest( $editor, 'GET', '/countersign/v1/proposals', array( 'search' => "{$mark}nowhere" ) )->get_headers()['X-WP-Total'] );
	}
}
