<?php
/**
 * Three-way merge of post content, block by block.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

/**
 * Merges an agent's content into content a human may have edited since the agent read it (DESIGN §3 "Apply").
 *
 * Each side is aligned with the base in three passes: identical blocks anchor a longest common subsequence;
 * a block a side removed and put back unchanged elsewhere is a move; what is left between two anchors is
 * paired by block name, the most similar first, as "the same block, edited". Everything else a side holds
 * is an insertion, everything else the base holds was deleted by that side.
 *
 * Decisions:
 * - Both sides inserting at the same spot keep both, the human's blocks first, then the agent's; a block both
 *   inserted identically is kept once. An insertion never destroys anyone's text, and the reviewer sees it.
 * - A block moved by one side goes where that side put it and carries the other side's edits; deleted by the
 *   other side, it stays deleted. Both sides moving the same block to different places is a conflict.
 * - Containers (a block with inner blocks on all three sides) changed by both are merged inside, provided
 *   their own attributes and wrapper markup were changed by at most one side.
 *
 * Conflict paths are 0-based block indexes joined by "/", counted in the current content (what the reviewer
 * sees) without the whitespace between blocks; a block the human deleted is named by its base index.
 *
 * A reviewer resolves conflicts block by block: `choices` maps a conflict's path to the side that wins there
 * ("current" keeps the block as it is now, "proposed" takes the agent's, a deletion included), and the merge
 * goes on around it. A path is the same with or without choices, since it counts the current content.
 * Classic content (no block in any of the three) is merged by paragraph, a paragraph being text between
 * blank lines.
 *
 * @phpstan-type Node array{block: array<string, mixed>, sig: string}
 * @phpstan-type Alignment array{of_base: array<int, ?int>, moved: array<int, int>, slots: array<int, list<array{0: string, 1: int}>>}
 */
final class Merger {

	/** Share of words two blocks of one gap must have in common to count as one block edited. */
	private const MIN_SIMILARITY = 0.3;

	/**
	 * Conflicts found by the merge in progress.
	 *
	 * @var list<array{path: string, reason: string}>
	 */
	private array $conflicts = array();

	/**
	 * The reviewer's side for each conflict path.
	 *
	 * @var array<string, string>
	 */
	private array $choices = array();

	/**
	 * The three versions of each conflicting block, serialised (null: that side deleted it), keyed by path.
	 *
	 * @var array<string, array{reason: string, base: string, current: ?string, proposed: ?string}>
	 */
	private array $sides = array();

	/**
	 * Three-way merges post content.
	 *
	 * @param string                $base     The content the agent read.
	 * @param string                $current  The content now.
	 * @param string                $proposed The agent's content.
	 * @param array<string, string> $choices  Conflict path => "current" or "proposed", the reviewer's resolution.
	 * @return array{ok: bool, content: string, conflicts: list<array{path: string, reason: string}>} `content` is
	 *         the merged content when ok, else the current content. Conflicts a choice resolved are not listed.
	 */
	public function merge( string $base, string $current, string $proposed, array $choices = array() ): array {
		if ( $current === $base ) {
			return self::result( $proposed );
		}
		if ( $proposed === $base || $proposed === $current ) {
			return self::result( $current );
		}
		$classic         = ! has_blocks( $base ) && ! has_blocks( $current ) && ! has_blocks( $proposed );
		$this->conflicts = array();
		$this->sides     = array();
		$this->choices   = $choices;
		$merged          = $this->merge_lists( self::split( $base, $classic ), self::split( $current, $classic ), self::split( $proposed, $classic ), '' );
		// @phpstan-ignore notIdentical.alwaysFalse (merge_lists() fills $this->conflicts as it walks.)
		if ( array() !== $this->conflicts ) {
			$result          = array(
				'ok'        => false,
				'content'   => $current,
				'conflicts' => $this->conflicts,
			);
			$this->conflicts = array();
			$this->choices   = array();
			return $result;
		}
		$this->choices = array();
		// Core separates top-level blocks with a blank line; parse_blocks turned those into the blocks dropped.
		return self::result( implode( "\n\n", array_map( 'serialize_block', $merged ) ) );
	}

	/**
	 * A successful result.
	 *
	 * @param string $content Merged content.
	 * @return array{ok: bool, content: string, conflicts: list<array{path: string, reason: string}>}
	 */
	private static function result( string $content ): array {
		return array(
			'ok'        => true,
			'content'   => $content,
			'conflicts' => array(),
		);
	}

	/**
	 * Content as nodes: blocks without the whitespace between them, or paragraphs for classic content.
	 *
	 * @param string $content Content.
	 * @param bool   $classic Whether to split by paragraph.
	 * @return list<Node>
	 */
	private static function split( string $content, bool $classic ): array {
		if ( ! $classic ) {
			$blocks = array();
			foreach ( parse_blocks( $content ) as $block ) {
				if ( null === $block['blockName'] ) {
					// Loose HTML between blocks carries the blank lines around it; the join puts them back.
					$block['innerHTML']    = trim( $block['innerHTML'] );
					$block['innerContent'] = array( $block['innerHTML'] );
				}
				if ( null !== $block['blockName'] || '' !== $block['innerHTML'] ) {
					$blocks[] = $block;
				}
			}
			return self::nodes( $blocks );
		}
		$blocks     = array();
		$paragraphs = preg_split( '/\n\s*\n/', trim( $content, "\r\n" ) );
		foreach ( is_array( $paragraphs ) ? $paragraphs : array() as $paragraph ) {
			if ( '' !== trim( $paragraph ) ) {
				// A freeform block serialises to its HTML as is, so paragraphs ride the block path unchanged.
				$blocks[] = array(
					'blockName'    => null,
					'attrs'        => array(),
					'innerBlocks'  => array(),
					'innerHTML'    => $paragraph,
					'innerContent' => array( $paragraph ),
				);
			}
		}
		return self::nodes( $blocks );
	}

	/**
	 * Pairs each block with its serialised form, which is what "unchanged" means.
	 *
	 * @param list<array<string, mixed>> $blocks Blocks.
	 * @return list<Node>
	 */
	private static function nodes( array $blocks ): array {
		return array_map(
			static fn( array $block ): array => array(
				'block' => $block,
				'sig'   => serialize_block( $block ),
			),
			$blocks
		);
	}

	/**
	 * Merges three lists of sibling blocks.
	 *
	 * @param list<Node> $base   Base siblings.
	 * @param list<Node> $cur    Current siblings.
	 * @param list<Node> $prop   Proposed siblings.
	 * @param string     $prefix Path of the parent, with its trailing slash.
	 * @return list<array<string, mixed>> Merged blocks.
	 */
	private function merge_lists( array $base, array $cur, array $prop, string $prefix ): array {
		$c      = self::align( $base, $cur );
		$p      = self::align( $base, $prop );
		$merged = array();
		foreach ( $base as $i => $node ) {
			$path         = $prefix . ( $c['of_base'][ $i ] ?? $i );
			$in_cur       = null === $c['of_base'][ $i ] ? null : $cur[ $c['of_base'][ $i ] ];
			$in_prop      = null === $p['of_base'][ $i ] ? null : $prop[ $p['of_base'][ $i ] ];
			$merged[ $i ] = $this->merge_block( $node, $in_cur, $in_prop, $path );
			if ( isset( $c['moved'][ $i ], $p['moved'][ $i ] ) && $c['moved'][ $i ] !== $p['moved'][ $i ] ) {
				$side = $this->conflict( $path, 'moved to different places by both sides', $node, $in_cur, $in_prop );
				if ( 'proposed' === $side ) {
					// The agent's place wins: the block leaves the place the human moved it to.
					$c['slots'][ $c['moved'][ $i ] ] = array_values( array_filter( $c['slots'][ $c['moved'][ $i ] ], static fn( array $slot ): bool => array( 'moved', $i ) !== $slot ) );
					unset( $c['moved'][ $i ] );
				}
			}
		}

		$out  = array();
		$emit = static function ( int $slot ) use ( &$out, $c, $p, $cur, $prop, $merged ): void {
			$human = array();
			foreach ( $c['slots'][ $slot ] ?? array() as list( $kind, $k ) ) {
				if ( 'new' === $kind ) {
					$out[]                      = $cur[ $k ]['block'];
					$human[ $cur[ $k ]['sig'] ] = true;
				} elseif ( null !== $merged[ $k ] ) {
					$out[] = $merged[ $k ];
				}
			}
			foreach ( $p['slots'][ $slot ] ?? array() as list( $kind, $k ) ) {
				if ( 'new' === $kind && ! isset( $human[ $prop[ $k ]['sig'] ] ) ) {
					$out[] = $prop[ $k ]['block'];
				} elseif ( 'moved' === $kind && ! isset( $c['moved'][ $k ] ) && null !== $merged[ $k ] ) {
					$out[] = $merged[ $k ];
				}
			}
		};
		$emit( -1 );
		foreach ( $merged as $i => $block ) {
			if ( null !== $block && ! isset( $c['moved'][ $i ] ) && ! isset( $p['moved'][ $i ] ) ) {
				$out[] = $block;
			}
			$emit( $i );
		}
		return $out;
	}

	/**
	 * Merges one base block with what each side made of it (null: that side deleted it).
	 *
	 * @param Node      $base Base.
	 * @param Node|null $cur  Current.
	 * @param Node|null $prop Proposed.
	 * @param string    $path Conflict path.
	 * @return array<string, mixed>|null The merged block, or null when it is deleted or in conflict.
	 */
	private function merge_block( array $base, ?array $cur, ?array $prop, string $path ): ?array {
		if ( null === $cur || null === $prop ) {
			$kept = $cur ?? $prop;
			if ( null !== $kept && $kept['sig'] !== $base['sig'] ) {
				return $this->chosen( $this->conflict( $path, null === $cur ? 'deleted by the human, changed by the agent' : 'changed by the human, deleted by the agent', $base, $cur, $prop ), $cur, $prop );
			}
			return null;
		}
		if ( $cur['sig'] === $base['sig'] ) {
			return $prop['block'];
		}
		if ( $prop['sig'] === $base['sig'] || $prop['sig'] === $cur['sig'] ) {
			return $cur['block'];
		}
		if ( isset( $this->choices[ $path ] ) ) {
			// Resolved by the reviewer as a whole, even where the container could have been merged inside.
			return $this->chosen( $this->conflict( $path, 'changed differently by both sides', $base, $cur, $prop ), $cur, $prop );
		}
		return $this->merge_container( $base['block'], $cur['block'], $prop['block'], $path );
	}

	/**
	 * The block a resolved conflict keeps.
	 *
	 * @param string|null $side What the reviewer chose, null when the conflict stands.
	 * @param Node|null   $cur  Current.
	 * @param Node|null   $prop Proposed.
	 * @return array<string, mixed>|null
	 */
	private static function chosen( ?string $side, ?array $cur, ?array $prop ): ?array {
		$node = 'current' === $side ? $cur : ( 'proposed' === $side ? $prop : null );
		return null === $node ? null : $node['block'];
	}

	/**
	 * Merges a block both sides changed differently, which only works inside a container.
	 *
	 * @param array<string, mixed> $base Base block.
	 * @param array<string, mixed> $cur  Current block.
	 * @param array<string, mixed> $prop Proposed block.
	 * @param string               $path Conflict path.
	 * @return array<string, mixed>|null
	 */
	private function merge_container( array $base, array $cur, array $prop, string $path ): ?array {
		$nodes   = self::nodes( array( $base, $cur, $prop ) );
		$name    = $base['blockName'];
		$wrapper = array( self::wrapper( $base ), self::wrapper( $cur ), self::wrapper( $prop ) );
		if ( null === $name || $name !== $cur['blockName'] || $name !== $prop['blockName']
			|| array() === $base['innerBlocks'] || array() === $cur['innerBlocks'] || array() === $prop['innerBlocks']
			|| in_array( null, $wrapper, true ) ) {
			$this->conflict( $path, 'changed differently by both sides', ...$nodes );
			return null;
		}
		$attrs = self::pick( $base['attrs'], $cur['attrs'], $prop['attrs'] );
		if ( null === $attrs ) {
			$this->conflict( $path, 'attributes changed differently by both sides', ...$nodes );
			return null;
		}
		$edges = self::pick( array_slice( $wrapper[0], 0, 2 ), array_slice( $wrapper[1], 0, 2 ), array_slice( $wrapper[2], 0, 2 ) );
		if ( null === $edges ) {
			$this->conflict( $path, 'markup changed differently by both sides', ...$nodes );
			return null;
		}
		$inner = $this->merge_lists( self::nodes( $base['innerBlocks'] ), self::nodes( $cur['innerBlocks'] ), self::nodes( $prop['innerBlocks'] ), $path . '/' );
		// A side with one inner block shows no separator; any side that shows one will do.
		$sep     = $wrapper[1][2] ?? $wrapper[2][2] ?? $wrapper[0][2] ?? "\n\n";
		$content = array( $edges[0] );
		foreach ( array_keys( $inner ) as $k ) {
			$content[] = null;
			$content[] = $k < count( $inner ) - 1 ? $sep : $edges[1];
		}
		if ( array() === $inner ) {
			$content[] = $edges[1];
		}
		$cur['attrs']        = $attrs;
		$cur['innerBlocks']  = $inner;
		$cur['innerContent'] = $content;
		$cur['innerHTML']    = implode( '', array_filter( $content, 'is_string' ) );
		return $cur;
	}

	/**
	 * A container's own markup: what comes before its first inner block, after its last, and between two.
	 *
	 * @param array<string, mixed> $block Block.
	 * @return array{0: string, 1: string, 2: ?string}|null Null when the separators differ, so the markup
	 *                                                      cannot be rebuilt for another number of children.
	 */
	private static function wrapper( array $block ): ?array {
		$open    = null;
		$between = array();
		$chunk   = '';
		foreach ( $block['innerContent'] as $part ) {
			if ( null !== $part ) {
				$chunk .= $part;
				continue;
			}
			if ( null === $open ) {
				$open = $chunk;
			} else {
				$between[] = $chunk;
			}
			$chunk = '';
		}
		if ( count( array_unique( $between ) ) > 1 ) {
			return null;
		}
		return array( (string) $open, $chunk, $between[0] ?? null );
	}

	/**
	 * The diff3 choice for one value: the side that changed it, or null when both changed it differently.
	 *
	 * @param mixed $base Base value.
	 * @param mixed $cur  Current value.
	 * @param mixed $prop Proposed value.
	 */
	private static function pick( mixed $base, mixed $cur, mixed $prop ): mixed {
		if ( $cur === $base ) {
			return $prop;
		}
		return $prop === $base || $prop === $cur ? $cur : null;
	}

	/**
	 * Aligns one side with the base.
	 *
	 * @param list<Node> $base Base.
	 * @param list<Node> $side Side.
	 * @return Alignment `of_base`: base index => side index (null: deleted); `moved`: base index => the base
	 *                   index it now follows (-1: first); `slots`: base index => what the side put after it,
	 *                   as ['new', side index] or ['moved', base index].
	 */
	private static function align( array $base, array $side ): array {
		$of_base = array_fill( 0, count( $base ), null );
		$of_side = array_fill( 0, count( $side ), null );
		$anchors = self::lcs( array_column( $base, 'sig' ), array_column( $side, 'sig' ) );
		foreach ( $anchors as list( $i, $j ) ) {
			$of_base[ $i ] = $j;
			$of_side[ $j ] = $i;
		}
		// Moves first, so that pairing by name cannot mistake a moved block for an edited neighbour.
		$moved_from = array();
		foreach ( $side as $j => $node ) {
			foreach ( $base as $i => $candidate ) {
				if ( null === $of_side[ $j ] && null === $of_base[ $i ] && $candidate['sig'] === $node['sig'] ) {
					$moved_from[ $j ] = $i;
					$of_base[ $i ]    = $j;
					break;
				}
			}
		}
		$prev = array( -1, -1 );
		foreach ( array_merge( $anchors, array( array( count( $base ), count( $side ) ) ) ) as $anchor ) {
			$gap_base = array_keys( array_filter( $of_base, static fn( ?int $j, int $i ): bool => null === $j && $i > $prev[0] && $i < $anchor[0], ARRAY_FILTER_USE_BOTH ) );
			$gap_side = array_keys( array_filter( $of_side, static fn( ?int $i, int $j ): bool => null === $i && ! isset( $moved_from[ $j ] ) && $j > $prev[1] && $j < $anchor[1], ARRAY_FILTER_USE_BOTH ) );
			foreach ( self::pair( $base, $side, $gap_base, $gap_side ) as list( $i, $j ) ) {
				$of_base[ $i ] = $j;
				$of_side[ $j ] = $i;
			}
			$prev = $anchor;
		}
		$moved  = array();
		$slots  = array();
		$follow = -1;
		foreach ( array_keys( $side ) as $j ) {
			if ( null !== $of_side[ $j ] ) {
				$follow = $of_side[ $j ];
			} elseif ( isset( $moved_from[ $j ] ) ) {
				$moved[ $moved_from[ $j ] ] = $follow;
				$slots[ $follow ][]         = array( 'moved', $moved_from[ $j ] );
			} else {
				$slots[ $follow ][] = array( 'new', $j );
			}
		}
		return array(
			'of_base' => $of_base,
			'moved'   => $moved,
			'slots'   => $slots,
		);
	}

	/**
	 * Longest common subsequence of two string lists, as [index in a, index in b] pairs in order.
	 *
	 * @param list<string> $a First list.
	 * @param list<string> $b Second list.
	 * @return list<array{0: int, 1: int}>
	 */
	private static function lcs( array $a, array $b ): array {
		$n   = count( $a );
		$m   = count( $b );
		$len = array_fill( 0, $n + 1, array_fill( 0, $m + 1, 0 ) );
		for ( $i = $n - 1; $i >= 0; $i-- ) {
			for ( $j = $m - 1; $j >= 0; $j-- ) {
				$len[ $i ][ $j ] = $a[ $i ] === $b[ $j ] ? $len[ $i + 1 ][ $j + 1 ] + 1 : max( $len[ $i + 1 ][ $j ], $len[ $i ][ $j + 1 ] );
			}
		}
		$pairs = array();
		for ( $i = 0, $j = 0; $i < $n && $j < $m; ) {
			if ( $a[ $i ] === $b[ $j ] ) {
				$pairs[] = array( $i++, $j++ );
			} elseif ( $len[ $i + 1 ][ $j ] >= $len[ $i ][ $j + 1 ] ) {
				++$i;
			} else {
				++$j;
			}
		}
		return $pairs;
	}

	/**
	 * Pairs the blocks of one gap as edits of each other: same block name, in order, the most shared words.
	 *
	 * @param list<Node> $base     Base.
	 * @param list<Node> $side     Side.
	 * @param list<int>  $gap_base Unmatched base indexes of the gap.
	 * @param list<int>  $gap_side Unmatched side indexes of the gap.
	 * @return list<array{0: int, 1: int}>
	 */
	private static function pair( array $base, array $side, array $gap_base, array $gap_side ): array {
		$n     = count( $gap_base );
		$m     = count( $gap_side );
		$score = array_fill( 0, $n + 1, array_fill( 0, $m + 1, 0.0 ) );
		$link  = array();
		for ( $x = $n - 1; $x >= 0; $x-- ) {
			for ( $y = $m - 1; $y >= 0; $y-- ) {
				$score[ $x ][ $y ] = max( $score[ $x + 1 ][ $y ], $score[ $x ][ $y + 1 ] );
				$a                 = $base[ $gap_base[ $x ] ];
				$b                 = $side[ $gap_side[ $y ] ];
				$similarity        = $a['block']['blockName'] === $b['block']['blockName'] ? self::similarity( $a['sig'], $b['sig'] ) : -1.0;
				// A block rewritten in place is still that block; elsewhere, pairing strangers would drag the
				// other side's insertions next to the wrong neighbour.
				if ( $similarity < self::MIN_SIMILARITY && ! ( 0.0 <= $similarity && 1 === $n && 1 === $m ) ) {
					continue;
				}
				if ( $similarity + $score[ $x + 1 ][ $y + 1 ] >= $score[ $x ][ $y ] ) {
					$score[ $x ][ $y ] = $similarity + $score[ $x + 1 ][ $y + 1 ];
					$link[ $x ][ $y ]  = true;
				}
			}
		}
		$pairs = array();
		for ( $x = 0, $y = 0; $x < $n && $y < $m; ) {
			if ( isset( $link[ $x ][ $y ] ) ) {
				$pairs[] = array( $gap_base[ $x++ ], $gap_side[ $y++ ] );
			} elseif ( $score[ $x + 1 ][ $y ] >= $score[ $x ][ $y + 1 ] ) {
				++$x;
			} else {
				++$y;
			}
		}
		return $pairs;
	}

	/**
	 * Word overlap of two blocks' text, from 0 to 1.
	 *
	 * @param string $a First serialised block.
	 * @param string $b Second serialised block.
	 */
	private static function similarity( string $a, string $b ): float {
		$words = static function ( string $html ): array {
			$list = preg_split( '/[^\p{L}\p{N}]+/u', mb_strtolower( wp_strip_all_tags( $html ) ), -1, PREG_SPLIT_NO_EMPTY );
			return is_array( $list ) ? array_unique( $list ) : array();
		};
		$x     = $words( $a );
		$y     = $words( $b );
		$union = count( array_unique( array_merge( $x, $y ) ) );
		return 0 === $union ? 1.0 : count( array_intersect( $x, $y ) ) / $union;
	}

	/**
	 * The three versions of each block the last merge found in conflict, resolved or not, keyed by path: what a
	 * reviewer chooses between.
	 *
	 * @return array<string, array{reason: string, base: string, current: ?string, proposed: ?string}>
	 */
	public function sides(): array {
		return $this->sides;
	}

	/**
	 * Records a conflict, unless the reviewer chose a side for it.
	 *
	 * @param string    $path   Block path.
	 * @param string    $reason Short reason.
	 * @param Node      $base   Base.
	 * @param Node|null $cur    Current (null: the human deleted it).
	 * @param Node|null $prop   Proposed (null: the agent deleted it).
	 * @return string|null The reviewer's side, null when the conflict stands.
	 */
	private function conflict( string $path, string $reason, array $base, ?array $cur, ?array $prop ): ?string {
		$this->sides[ $path ] = array(
			'reason'   => $reason,
			'base'     => $base['sig'],
			'current'  => $cur['sig'] ?? null,
			'proposed' => $prop['sig'] ?? null,
		);
		$side                 = $this->choices[ $path ] ?? null;
		if ( 'current' === $side || 'proposed' === $side ) {
			return $side;
		}
		$this->conflicts[] = array(
			'path'   => $path,
			'reason' => $reason,
		);
		return null;
	}
}
