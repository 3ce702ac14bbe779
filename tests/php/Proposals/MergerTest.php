<?php
/**
 * The block-by-block three-way merge.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Proposals;

use Countersign\Proposals\Merger;

/**
 * Base (what the agent read) × current (what a human made of it since) × proposed (the agent's), case by case.
 */
final class MergerTest extends \PHPUnit\Framework\TestCase {

	/**
	 * Merges and asserts the exact content, or the exact conflicts and the current content handed back.
	 *
	 * @dataProvider cases
	 *
	 * @param string                                           $base     Base.
	 * @param string                                           $current  Current.
	 * @param string                                           $proposed Proposed.
	 * @param string|list<array{path: string, reason: string}> $expected Merged content, or the conflicts.
	 */
	public function test_merge( string $base, string $current, string $proposed, string|array $expected ): void {
		$result = ( new Merger() )->merge( $base, $current, $proposed );

		if ( is_string( $expected ) ) {
			$this->assertSame( array(), $result['conflicts'] );
			$this->assertTrue( $result['ok'] );
			$this->assertSame( $expected, $result['content'] );
			return;
		}
		$this->assertFalse( $result['ok'] );
		$this->assertSame( $expected, $result['conflicts'] );
		$this->assertSame( $current, $result['content'] );
	}

	/**
	 * The same inputs always give the same output, and one Merger can be reused after a conflict.
	 */
	public function test_merge_is_deterministic(): void {
		$merger = new Merger();
		$cases  = self::cases();
		$first  = array();
		foreach ( $cases as $name => $case ) {
			$first[ $name ] = $merger->merge( $case[0], $case[1], $case[2] );
		}
		foreach ( array_reverse( $cases, true ) as $name => $case ) {
			$this->assertSame( $first[ $name ], ( new Merger() )->merge( $case[0], $case[1], $case[2] ), $name );
			$this->assertSame( $first[ $name ], $merger->merge( $case[0], $case[1], $case[2] ), $name );
		}
	}

	/**
	 * Content merged with itself comes back byte for byte, whatever its shape.
	 */
	public function test_merging_with_itself_is_identity(): void {
		foreach ( self::cases() as $name => $case ) {
			foreach ( array_slice( $case, 0, 3 ) as $content ) {
				$this->assertSame(
					array(
						'ok'        => true,
						'content'   => $content,
						'conflicts' => array(),
					),
					( new Merger() )->merge( $content, $content, $content ),
					$name
				);
			}
		}
	}

	/**
	 * Every conflict can be resolved by choosing a side for its path: the merge then succeeds, and each conflicting
	 * block came with its three versions to choose between.
	 */
	public function test_every_conflict_resolves_with_a_side(): void {
		$resolved = 0;
		foreach ( self::cases() as $name => $case ) {
			if ( is_string( $case[3] ) ) {
				continue;
			}
			$merger = new Merger();
			$merger->merge( $case[0], $case[1], $case[2] );
			$sides = $merger->sides();
			$this->assertSame( array_column( $case[3], 'path' ), array_map( 'strval', array_keys( $sides ) ), $name );
			foreach ( array( 'current', 'proposed' ) as $side ) {
				$result = $merger->merge( $case[0], $case[1], $case[2], array_fill_keys( array_keys( $sides ), $side ) );
				$this->assertTrue( $result['ok'], "$name, $side" );
				$this->assertSame( array(), $result['conflicts'], "$name, $side" );
				foreach ( $merger->sides() as $versions ) {
					if ( null !== $versions[ $side ] ) {
						$this->assertStringContainsString( $versions[ $side ], $result['content'], "$name, $side" );
					}
				}
				++$resolved;
			}
		}
		$this->assertGreaterThanOrEqual( 18, $resolved );
	}

	/**
	 * A choice decides one block and the merge goes on around it: the other side's edits elsewhere still land.
	 */
	public function test_a_choice_decides_one_block_and_keeps_the_rest(): void {
		$base     = self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie' ) );
		$current  = self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo, human' ), self::p( 'Charlie' ) );
		$proposed = self::doc( self::p( 'Alpha' ), self::p( 'Bravo, agent' ), self::p( 'Charlie, agent' ) );
		$merger   = new Merger();

		$open   = $merger->merge( $base, $current, $proposed );
		$agents = $merger->merge( $base, $current, $proposed, array( '1' => 'proposed' ) );
		$humans = $merger->merge( $base, $current, $proposed, array( '1' => 'current' ) );
		$moved  = $merger->merge(
			$base,
			self::doc( self::p( 'Bravo' ), self::p( 'Alpha' ), self::p( 'Charlie' ) ),
			self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Alpha' ) ),
			array( '1' => 'proposed' )
		);

		$this->assertSame( array( self::conflict( '1', 'changed differently by both sides' ) ), $open['conflicts'] );
		$this->assertSame( self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo, agent' ), self::p( 'Charlie, agent' ) ), $agents['content'] );
		$this->assertSame( self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo, human' ), self::p( 'Charlie, agent' ) ), $humans['content'] );
		$this->assertSame( self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Alpha' ) ), $moved['content'] );
	}

	/**
	 * A block both sides left alone is re-serialised exactly as core would, even when it is the only one left.
	 */
	public function test_untouched_blocks_round_trip_through_core(): void {
		$base     = self::doc( self::p( 'A' ), self::columns( self::column( self::p( 'B' ) ), self::column( self::p( 'C' ) ) ), self::p( 'D' ) );
		$current  = self::doc( self::p( 'A' ), self::columns( self::column( self::p( 'B' ) ), self::column( self::p( 'C' ) ) ), self::p( 'D, edited' ) );
		$proposed = self::doc( self::p( 'A, edited' ), self::columns( self::column( self::p( 'B' ) ), self::column( self::p( 'C' ) ) ), self::p( 'D' ) );

		$merged = ( new Merger() )->merge( $base, $current, $proposed )['content'];

		$this->assertSame( serialize_blocks( parse_blocks( $merged ) ), $merged );
		$this->assertStringContainsString( self::columns( self::column( self::p( 'B' ) ), self::column( self::p( 'C' ) ) ), $merged );
	}

	/**
	 * Case name => [base, current, proposed, merged content or conflicts].
	 *
	 * @return array<string, array{0: string, 1: string, 2: string, 3: string|list<array{path: string, reason: string}>}>
	 */
	public static function cases(): array {
		$abc = self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie' ) );
		$uni = 'Café “naïve” — 日本語 😀 &amp; &lt;b&gt; &nbsp;&#8217;';

		return array(
			'fast path: human did nothing'                       => array( $abc, $abc, self::doc( self::p( 'Alpha' ), self::p( 'B2' ) ), self::doc( self::p( 'Alpha' ), self::p( 'B2' ) ) ),
			'fast path: agent did nothing'                       => array( $abc, self::p( 'Only' ), $abc, self::p( 'Only' ) ),
			'fast path: both made the same change'               => array( $abc, "anything\r\n", "anything\r\n", "anything\r\n" ),
			'edits in different blocks'                          => array(
				$abc,
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie, agent' ) ),
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo' ), self::p( 'Charlie, agent' ) ),
			),
			'edits in adjacent blocks'                           => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo, human' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie, agent' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo, human' ), self::p( 'Charlie, agent' ) ),
			),
			'same block, same change'                            => array(
				$abc,
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo, both' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo, both' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo, both' ), self::p( 'Charlie' ) ),
			),
			'same block, different changes'                      => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo, human' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo, agent' ), self::p( 'Charlie' ) ),
				array( self::conflict( '1', 'changed differently by both sides' ) ),
			),
			'conflict path counts in the current content'        => array(
				$abc,
				self::doc( self::h( 'New top' ), self::p( 'Alpha' ), self::p( 'Bravo, human' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo, agent' ), self::p( 'Charlie' ) ),
				array( self::conflict( '2', 'changed differently by both sides' ) ),
			),
			'agent inserts a block'                              => array(
				$abc,
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::h( 'Agent heading' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo' ), self::h( 'Agent heading' ), self::p( 'Charlie' ) ),
			),
			'human inserts a block'                              => array(
				$abc,
				self::doc( self::h( 'Human heading' ), self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie, agent' ) ),
				self::doc( self::h( 'Human heading' ), self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie, agent' ) ),
			),
			'both insert at different places'                    => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Human new' ), self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Agent new' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Human new' ), self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Agent new' ) ),
			),
			'both insert at the same place: human first'         => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Human new' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::h( 'Agent new' ), self::p( 'Agent new too' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Human new' ), self::h( 'Agent new' ), self::p( 'Agent new too' ), self::p( 'Charlie' ) ),
			),
			'both insert the same block at the same place'       => array(
				$abc,
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo' ), self::h( 'Same' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::h( 'Same' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo' ), self::h( 'Same' ), self::p( 'Charlie' ) ),
			),
			'agent deletes a block the human did not touch'      => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie, human' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Charlie, human' ) ),
			),
			'both delete the same block'                         => array(
				$abc,
				self::doc( self::p( 'Alpha, human' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Charlie, agent' ) ),
				self::doc( self::p( 'Alpha, human' ), self::p( 'Charlie, agent' ) ),
			),
			'agent deletes a block the human edited'             => array(
				$abc,
				self::doc( self::h( 'Top' ), self::p( 'Alpha' ), self::p( 'Bravo, human' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Charlie' ) ),
				array( self::conflict( '2', 'changed by the human, deleted by the agent' ) ),
			),
			'human deletes a block the agent edited'             => array(
				$abc,
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha, agent' ), self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				array( self::conflict( '0', 'deleted by the human, changed by the agent' ) ),
			),
			'agent replaces a paragraph with a heading'          => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie, human' ) ),
				self::doc( self::p( 'Alpha' ), self::h( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::h( 'Bravo' ), self::p( 'Charlie, human' ) ),
			),
			'human inserts and edits, agent edits the next'      => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Fresh words entirely' ), self::p( 'Bravo is better' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo' ), self::p( 'Charlie, agent' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Fresh words entirely' ), self::p( 'Bravo is better' ), self::p( 'Charlie, agent' ) ),
			),
			'agent inserts before the block it edits'            => array(
				$abc,
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Something new' ), self::p( 'Bravo, improved' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha, human' ), self::p( 'Something new' ), self::p( 'Bravo, improved' ), self::p( 'Charlie' ) ),
			),
			'insertion keeps its neighbour, not a stranger'      => array(
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo bravo' ), self::p( 'Charlie charlie' ), self::p( 'Delta' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo bravo' ), self::p( 'Human new' ), self::p( 'Charlie charlie' ), self::p( 'Delta' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Agent new' ), self::p( 'Bravo bravo, agent' ), self::p( 'Delta' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Agent new' ), self::p( 'Bravo bravo, agent' ), self::p( 'Human new' ), self::p( 'Delta' ) ),
			),
			'loose HTML between blocks'                          => array(
				self::p( 'Alpha' ) . "

<p>Loose</p>

" . self::p( 'Bravo' ),
				self::p( 'Alpha, human' ) . "

<p>Loose</p>

" . self::p( 'Bravo' ),
				self::p( 'Alpha' ) . "

<p>Loose, agent</p>

" . self::p( 'Bravo' ),
				self::p( 'Alpha, human' ) . "

<p>Loose, agent</p>

" . self::p( 'Bravo' ),
			),
			'agent moves a block, human edits another'           => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo, human' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Charlie' ), self::p( 'Alpha' ), self::p( 'Bravo' ) ),
				self::doc( self::p( 'Charlie' ), self::p( 'Alpha' ), self::p( 'Bravo, human' ) ),
			),
			'agent moves the block the human edited'             => array(
				$abc,
				self::doc( self::p( 'Alpha, human' ), self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Alpha' ) ),
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Alpha, human' ) ),
			),
			'human moves the block the agent edits'              => array(
				$abc,
				self::doc( self::p( 'Alpha' ), self::p( 'Charlie' ), self::p( 'Bravo' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Bravo, agent' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Alpha' ), self::p( 'Charlie' ), self::p( 'Bravo, agent' ) ),
			),
			'human deletes the block the agent moved'            => array(
				$abc,
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Alpha' ), self::p( 'Delta' ) ),
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Delta' ) ),
			),
			'both move the same block to different places'       => array(
				$abc,
				self::doc( self::p( 'Bravo' ), self::p( 'Alpha' ), self::p( 'Charlie' ) ),
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Alpha' ) ),
				array( self::conflict( '1', 'moved to different places by both sides' ) ),
			),
			'both move the same block to the same place'         => array(
				$abc,
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie, human' ), self::p( 'Alpha' ) ),
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie' ), self::p( 'Alpha' ) ),
				self::doc( self::p( 'Bravo' ), self::p( 'Charlie, human' ), self::p( 'Alpha' ) ),
			),
			'heading level changed by the agent only'            => array(
				self::doc( self::h( 'Title' ), self::p( 'Body' ) ),
				self::doc( self::h( 'Title' ), self::p( 'Body, human' ) ),
				self::doc( self::h( 'Title', 3 ), self::p( 'Body' ) ),
				self::doc( self::h( 'Title', 3 ), self::p( 'Body, human' ) ),
			),
			'heading level changed differently by both'          => array(
				self::doc( self::h( 'Title' ), self::p( 'Body' ) ),
				self::doc( self::h( 'Title', 4 ), self::p( 'Body' ) ),
				self::doc( self::h( 'Title', 3 ), self::p( 'Body' ) ),
				array( self::conflict( '0', 'changed differently by both sides' ) ),
			),
			'columns: edits in different columns'                => array(
				self::doc( self::p( 'Intro' ), self::columns( self::column( self::p( 'Left' ) ), self::column( self::p( 'Right' ) ) ) ),
				self::doc( self::p( 'Intro' ), self::columns( self::column( self::p( 'Left, human' ) ), self::column( self::p( 'Right' ) ) ) ),
				self::doc( self::p( 'Intro' ), self::columns( self::column( self::p( 'Left' ) ), self::column( self::p( 'Right, agent' ) ) ) ),
				self::doc( self::p( 'Intro' ), self::columns( self::column( self::p( 'Left, human' ) ), self::column( self::p( 'Right, agent' ) ) ) ),
			),
			'columns: agent adds a column, human edits one'      => array(
				self::columns( self::column( self::p( 'Left' ) ), self::column( self::p( 'Right' ) ) ),
				self::columns( self::column( self::p( 'Left, human' ) ), self::column( self::p( 'Right' ) ) ),
				self::columns( self::column( self::p( 'Left' ) ), self::column( self::p( 'Right' ) ), self::column( self::h( 'Third' ) ) ),
				self::columns( self::column( self::p( 'Left, human' ) ), self::column( self::p( 'Right' ) ), self::column( self::h( 'Third' ) ) ),
			),
			'columns: same paragraph changed differently'        => array(
				self::doc( self::p( 'Intro' ), self::columns( self::column( self::p( 'Left' ), self::p( 'Under' ) ), self::column( self::p( 'Right' ) ) ) ),
				self::doc( self::p( 'Intro' ), self::columns( self::column( self::p( 'Left' ), self::p( 'Under, human' ) ), self::column( self::p( 'Right' ) ) ) ),
				self::doc( self::p( 'Intro' ), self::columns( self::column( self::p( 'Left' ), self::p( 'Under, agent' ) ), self::column( self::p( 'Right, agent' ) ) ) ),
				array( self::conflict( '1/0/1', 'changed differently by both sides' ) ),
			),
			'group: edits in different inner blocks'             => array(
				self::group( self::h( 'Inside' ), self::p( 'One' ), self::p( 'Two' ) ),
				self::group( self::h( 'Inside' ), self::p( 'One, human' ), self::p( 'Two' ) ),
				self::group( self::h( 'Inside' ), self::p( 'One' ), self::p( 'Two, agent' ) ),
				self::group( self::h( 'Inside' ), self::p( 'One, human' ), self::p( 'Two, agent' ) ),
			),
			'group: human deletes one, agent inserts another'    => array(
				self::doc( self::p( 'Out' ), self::group( self::p( 'One' ), self::p( 'Two' ) ) ),
				self::doc( self::p( 'Out' ), self::group( self::p( 'Two' ) ) ),
				self::doc( self::p( 'Out' ), self::group( self::p( 'One' ), self::p( 'Two' ), self::p( 'Three' ) ) ),
				self::doc( self::p( 'Out' ), self::group( self::p( 'Two' ), self::p( 'Three' ) ) ),
			),
			'group: same inner block changed differently'        => array(
				self::doc( self::p( 'Out' ), self::group( self::p( 'One' ), self::p( 'Two' ) ) ),
				self::doc( self::p( 'Out' ), self::group( self::p( 'One' ), self::p( 'Two, human' ) ) ),
				self::doc( self::p( 'Out' ), self::group( self::p( 'One' ), self::p( 'Two, agent' ) ) ),
				array( self::conflict( '1/1', 'changed differently by both sides' ) ),
			),
			'group: agent edits inside, human appends after'     => array(
				self::group( self::p( 'One' ), self::p( 'Two' ) ),
				self::group( self::p( 'One' ), self::p( 'Two' ) ) . "\n\n" . self::p( 'After' ),
				self::group( self::p( 'One, agent' ), self::p( 'Two' ) ),
				self::group( self::p( 'One, agent' ), self::p( 'Two' ) ) . "\n\n" . self::p( 'After' ),
			),
			'group: own attributes changed by one side'          => array(
				self::group( self::p( 'One' ), self::p( 'Two' ) ),
				self::group_with( '{"layout":{"type":"constrained"}}', self::p( 'One' ), self::p( 'Two' ) ),
				self::group( self::p( 'One' ), self::p( 'Two, agent' ) ),
				self::group_with( '{"layout":{"type":"constrained"}}', self::p( 'One' ), self::p( 'Two, agent' ) ),
			),
			'group: own attributes changed differently by both'  => array(
				self::group( self::p( 'One' ), self::p( 'Two' ) ),
				self::group_with( '{"layout":{"type":"constrained"}}', self::p( 'One, human' ), self::p( 'Two' ) ),
				self::group_with( '{"layout":{"type":"flex"}}', self::p( 'One' ), self::p( 'Two, agent' ) ),
				array( self::conflict( '0', 'attributes changed differently by both sides' ) ),
			),
			'classic: different paragraphs'                      => array(
				"First para.\n\nSecond <em>para</em>.\n\nThird para.",
				"First para, human.\n\nSecond <em>para</em>.\n\nThird para.",
				"First para.\n\nSecond <em>para</em>.\n\nThird para, agent.\n\nFourth, agent.",
				"First para, human.\n\nSecond <em>para</em>.\n\nThird para, agent.\n\nFourth, agent.",
			),
			'classic: same paragraph changed differently'        => array(
				"First para.\n\nSecond para.\n\nThird para.",
				"First para.\n\nSecond para, human.\n\nThird para.",
				"First para.\n\nSecond para, agent.\n\nThird para.",
				array( self::conflict( '1', 'changed differently by both sides' ) ),
			),
			'classic: human deletes, agent edits elsewhere'      => array(
				"One.\n\nTwo.\n\nThree.",
				"One.\n\nThree.",
				"One.\n\nTwo.\n\nThree, agent.",
				"One.\n\nThree, agent.",
			),
			'empty base: both wrote something'                   => array(
				'',
				self::p( 'Human draft' ),
				self::h( 'Agent draft' ),
				self::doc( self::p( 'Human draft' ), self::h( 'Agent draft' ) ),
			),
			'empty base: human wrote nothing'                    => array( '', '', self::p( 'Agent draft' ), self::p( 'Agent draft' ) ),
			'unicode and entities are kept byte for byte'        => array(
				self::doc( self::p( $uni ), self::h( "Ünïcödé {$uni}" ), self::p( 'Plain' ) ),
				self::doc( self::p( "{$uni} human" ), self::h( "Ünïcödé {$uni}" ), self::p( 'Plain' ) ),
				self::doc( self::p( $uni ), self::h( "Ünïcödé {$uni}" ), self::p( "Plain {$uni}" ) ),
				self::doc( self::p( "{$uni} human" ), self::h( "Ünïcödé {$uni}" ), self::p( "Plain {$uni}" ) ),
			),
			'attributes with markup and unicode survive'         => array(
				self::doc( self::img( 'a.jpg', 'Ça <b> & "q"' ), self::p( 'Caption' ) ),
				self::doc( self::img( 'a.jpg', 'Ça <b> & "q"' ), self::p( 'Caption, human' ) ),
				self::doc( self::img( 'b.jpg', 'Ça <b> & "q" 😀' ), self::p( 'Caption' ) ),
				self::doc( self::img( 'b.jpg', 'Ça <b> & "q" 😀' ), self::p( 'Caption, human' ) ),
			),
		);
	}

	/**
	 * A conflict entry.
	 *
	 * @param string $path   Path.
	 * @param string $reason Reason.
	 * @return array{path: string, reason: string}
	 */
	private static function conflict( string $path, string $reason ): array {
		return array(
			'path'   => $path,
			'reason' => $reason,
		);
	}

	/**
	 * Top-level blocks, separated as core separates them.
	 *
	 * @param string ...$blocks Serialised blocks.
	 */
	private static function doc( string ...$blocks ): string {
		return implode( "\n\n", $blocks );
	}

	/**
	 * A paragraph block.
	 *
	 * @param string $text Inner HTML.
	 */
	private static function p( string $text ): string {
		return "<!-- wp:paragraph -->\n<p>{$text}</p>\n<!-- /wp:paragraph -->";
	}

	/**
	 * A heading block.
	 *
	 * @param string $text  Inner HTML.
	 * @param int    $level Level.
	 */
	private static function h( string $text, int $level = 2 ): string {
		$attrs = 2 === $level ? '' : ' {"level":' . $level . '}';
		return "<!-- wp:heading{$attrs} -->\n<h{$level} class=\"wp-block-heading\">{$text}</h{$level}>\n<!-- /wp:heading -->";
	}

	/**
	 * An image block whose attributes need core's JSON escaping.
	 *
	 * @param string $file File name.
	 * @param string $alt  Alt text (also kept in an attribute).
	 */
	private static function img( string $file, string $alt ): string {
		$attrs = serialize_block_attributes( array( 'className' => $alt ) );
		$html  = esc_attr( $alt );
		return "<!-- wp:image {$attrs} -->\n<figure class=\"wp-block-image\"><img src=\"/{$file}\" alt=\"{$html}\"/></figure>\n<!-- /wp:image -->";
	}

	/**
	 * A group block.
	 *
	 * @param string ...$inner Serialised inner blocks.
	 */
	private static function group( string ...$inner ): string {
		return self::group_with( '', ...$inner );
	}

	/**
	 * A group block with attributes.
	 *
	 * @param string $attrs    Attributes JSON, or ''.
	 * @param string ...$inner Serialised inner blocks.
	 */
	private static function group_with( string $attrs, string ...$inner ): string {
		$attrs = '' === $attrs ? '' : " {$attrs}";
		return "<!-- wp:group{$attrs} -->\n<div class=\"wp-block-group\">" . implode( "\n\n", $inner ) . "</div>\n<!-- /wp:group -->";
	}

	/**
	 * A columns block.
	 *
	 * @param string ...$columns Serialised column blocks.
	 */
	private static function columns( string ...$columns ): string {
		return "<!-- wp:columns -->\n<div class=\"wp-block-columns\">" . implode( "\n\n", $columns ) . "</div>\n<!-- /wp:columns -->";
	}

	/**
	 * A column block.
	 *
	 * @param string ...$inner Serialised inner blocks.
	 */
	private static function column( string ...$inner ): string {
		return "<!-- wp:column -->\n<div class=\"wp-block-column\">" . implode( "\n\n", $inner ) . "</div>\n<!-- /wp:column -->";
	}
}
