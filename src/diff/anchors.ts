/**
 * Internal dependencies
 */
import { diffIds, type Run } from './myers';

/** A run of kept, removed or added elements, in jsdiff's shape. */
export type Hunk = Run;

/**
 * Longest increasing run of `values` (patience sorting), as indexes into it.
 *
 * @param values Distinct numbers.
 */
function longestIncreasing( values: number[] ): number[] {
	const tails: number[] = []; // index into values of the smallest tail of each length
	const previous: number[] = [];
	for ( let index = 0; index < values.length; index++ ) {
		const value = values[ index ]!;
		let low = 0;
		let high = tails.length;
		while ( low < high ) {
			const middle = Math.floor( ( low + high ) / 2 );
			if ( values[ tails[ middle ]! ]! < value ) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}
		previous.push( low > 0 ? tails[ low - 1 ]! : -1 );
		tails[ low ] = index;
	}
	const run: number[] = [];
	for (
		let index = tails.length > 0 ? tails[ tails.length - 1 ]! : -1;
		index >= 0;
		index = previous[ index ]!
	) {
		run.push( index );
	}
	return run.reverse();
}

/** Per element id, zeroed between uses (see match()). */
interface Scratch {
	inA: Int32Array;
	inB: Int32Array;
}

/**
 * Matches equal elements of a[aLo, aHi) and b[bLo, bHi), pushing i, j pairs
 * (flat, two numbers a pair) in order: equal prefixes and suffixes, then
 * elements unique on both sides as anchors (patience diff), recursively
 * between anchors; a stretch without anchors falls back to Myers (diffIds)
 * within the edit limit.
 *
 * @param a
 * @param b
 * @param aLo
 * @param aHi
 * @param bLo
 * @param bHi
 * @param limit
 * @param pairs
 * @param scratch
 * @return False when Myers' edit limit tripped.
 */
function match(
	a: number[],
	b: number[],
	aLo: number,
	aHi: number,
	bLo: number,
	bHi: number,
	limit: number,
	pairs: number[],
	scratch: Scratch
): boolean {
	while ( aLo < aHi && bLo < bHi && a[ aLo ] === b[ bLo ] ) {
		pairs.push( aLo++, bLo++ );
	}
	const aEnd = aHi;
	while ( aLo < aHi && bLo < bHi && a[ aHi - 1 ] === b[ bHi - 1 ] ) {
		aHi--;
		bHi--;
	}
	if ( aHi - aLo === 1 && bHi - bLo === 1 ) {
		// One element for another (they differ, or the ends would have matched),
		// the usual edited block: nothing kept, two edits, as Myers finds them
		// when its limit allows two.
		if ( ! ( limit >= 2 ) ) {
			return false;
		}
	} else if ( aLo < aHi && bLo < bHi ) {
		// Per element: where it is in a (+1; -1 when more than once), how
		// often in b; cleared again before recursing.
		const { inA, inB } = scratch;
		for ( let i = aLo; i < aHi; i++ ) {
			const id = a[ i ]!;
			inA[ id ] = inA[ id ] === 0 ? i + 1 : -1;
		}
		for ( let j = bLo; j < bHi; j++ ) {
			const id = b[ j ]!;
			if ( inA[ id ] !== 0 ) {
				inB[ id ]!++;
			}
		}
		const anchorsB: number[] = [];
		const anchorsA: number[] = [];
		for ( let j = bLo; j < bHi; j++ ) {
			const id = b[ j ]!;
			if ( inA[ id ]! > 0 && inB[ id ] === 1 ) {
				anchorsB.push( j );
				anchorsA.push( inA[ id ]! - 1 );
			}
		}
		for ( let i = aLo; i < aHi; i++ ) {
			inA[ a[ i ]! ] = 0;
			inB[ a[ i ]! ] = 0;
		}
		const run = longestIncreasing( anchorsA );
		if ( run.length === 0 ) {
			// jsdiff's diffArrays, without a time limit (diffIds finds the same runs).
			const hunks = diffIds(
				a.slice( aLo, aHi ),
				b.slice( bLo, bHi ),
				limit,
				Infinity
			);
			if ( ! hunks ) {
				return false;
			}
			let i = aLo;
			let j = bLo;
			for ( const hunk of hunks ) {
				const n = hunk.count;
				if ( hunk.removed ) {
					i += n;
				} else if ( hunk.added ) {
					j += n;
				} else {
					for ( let k = 0; k < n; k++ ) {
						pairs.push( i++, j++ );
					}
				}
			}
		} else {
			let i = aLo;
			let j = bLo;
			for ( const index of run ) {
				const ai = anchorsA[ index ]!;
				const bj = anchorsB[ index ]!;
				if ( ! match( a, b, i, ai, j, bj, limit, pairs, scratch ) ) {
					return false;
				}
				pairs.push( ai, bj );
				i = ai + 1;
				j = bj + 1;
			}
			if ( ! match( a, b, i, aHi, j, bHi, limit, pairs, scratch ) ) {
				return false;
			}
		}
	}
	// The equal suffix, in order.
	for ( let i = aHi, j = bHi; i < aEnd; i++, j++ ) {
		pairs.push( i, j );
	}
	return true;
}

/**
 * Aligns two sequences of element ids (small non-negative integers, equal ids
 * = identical elements) into kept / removed / added runs, like jsdiff's
 * diffArrays but anchored on elements that occur once on each side first. On a long post where a few
 * blocks changed, nearly every block is such an anchor, so the work is
 * O(n log n) instead of Myers' O(n·d), with almost no allocation.
 *
 * @example
 * ```ts
 * alignIds( [ 1, 2, 3 ], [ 1, 3, 4 ], 100 );
 * // [ {count:1}, {count:1, removed}, {count:1}, {count:1, added} ]
 * ```
 *
 * @param before        Ids of the current sequence.
 * @param after         Ids of the proposed sequence.
 * @param maxEditLength Myers' edit limit for stretches without anchors.
 * @return The runs, or undefined when the edit limit tripped.
 */
export function alignIds(
	before: number[],
	after: number[],
	maxEditLength: number
): Hunk[] | undefined {
	const pairs: number[] = [];
	let size = 0;
	for ( const id of before ) {
		size = Math.max( size, id + 1 );
	}
	for ( const id of after ) {
		size = Math.max( size, id + 1 );
	}
	if (
		! match(
			before,
			after,
			0,
			before.length,
			0,
			after.length,
			maxEditLength,
			pairs,
			{ inA: new Int32Array( size ), inB: new Int32Array( size ) }
		)
	) {
		return undefined;
	}
	const hunks: Hunk[] = [];
	const push = ( count: number, added: boolean, removed: boolean ) => {
		if ( count === 0 ) {
			return;
		}
		const last = hunks[ hunks.length - 1 ];
		if ( last && last.added === added && last.removed === removed ) {
			last.count += count;
			return;
		}
		hunks.push( { count, added, removed } );
	};
	// The pairs, then the ends of both sequences as a last (unkept) pair.
	pairs.push( before.length, after.length );
	let i = 0;
	let j = 0;
	for ( let p = 0; p < pairs.length; p += 2 ) {
		const pi = pairs[ p ]!;
		const pj = pairs[ p + 1 ]!;
		push( pi - i, false, true );
		push( pj - j, true, false );
		if ( pi < before.length ) {
			push( 1, false, false );
		}
		i = pi + 1;
		j = pj + 1;
	}
	return hunks;
}
