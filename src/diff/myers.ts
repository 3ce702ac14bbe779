/** A run of kept, removed or added elements, in jsdiff's shape (without values). */
export interface Run {
	count: number;
	added: boolean;
	removed: boolean;
}

const KEEP = 0;
const ADD = 1;
const REMOVE = 2;
/** oldPos of a diagonal that holds no path. */
const NO_PATH = -2;

/**
 * jsdiff's Myers diff (`Diff.diffWithOptionsObj` in diff 8, with its pruned
 * diagonals and its choice between an insertion and a deletion), step for
 * step, over integer ids instead of tokens: equal ids are equal tokens. It
 * makes the same decisions, so it finds the same runs; what it saves is
 * jsdiff's cost per step (an object per path, a `trim()` per token compare in
 * diffWords, and paths on negative array indexes, which live in a dictionary).
 *
 * Paths share their history as jsdiff's do: a linked list of runs, here kept
 * in three parallel arrays, each path pointing at its last run.
 *
 * @example
 * ```ts
 * diffIds( [ 1, 2, 3 ], [ 1, 3 ], 100, 1000 );
 * // [ { count: 1, … }, { count: 1, removed: true, … }, { count: 1, … } ]
 * ```
 *
 * @param before        Ids of the old sequence.
 * @param after         Ids of the new sequence.
 * @param maxEditLength Most edits to explore (jsdiff's maxEditLength).
 * @param timeout       Milliseconds to explore (jsdiff's timeout).
 * @return The runs, or undefined when a limit tripped.
 */
export function diffIds(
	before: ArrayLike< number >,
	after: ArrayLike< number >,
	maxEditLength: number,
	timeout: number
): Run[] | undefined {
	const oldLen = before.length;
	const newLen = after.length;
	const runCount: number[] = [];
	const runKind: number[] = [];
	const runPrevious: number[] = [];
	const addRun = ( count: number, kind: number, previous: number ) => {
		runCount.push( count );
		runKind.push( kind );
		runPrevious.push( previous );
		return runCount.length - 1;
	};

	// The path being extended: where it is in the old sequence, its last run.
	let oldPos = -1;
	let last = -1;
	/**
	 * Follows the diagonal while both sides agree (jsdiff's extractCommon).
	 * @param diagonal
	 */
	const extractCommon = ( diagonal: number ): number => {
		let newPos = oldPos - diagonal;
		let common = 0;
		while (
			newPos + 1 < newLen &&
			oldPos + 1 < oldLen &&
			before[ oldPos + 1 ] === after[ newPos + 1 ]
		) {
			newPos++;
			oldPos++;
			common++;
		}
		if ( common > 0 ) {
			last = addRun( common, KEEP, last );
		}
		return newPos;
	};
	const runs = (): Run[] => {
		const result: Run[] = [];
		for ( let run = last; run !== -1; run = runPrevious[ run ]! ) {
			result.push( {
				count: runCount[ run ]!,
				added: runKind[ run ] === ADD,
				removed: runKind[ run ] === REMOVE,
			} );
		}
		return result.reverse();
	};

	let newPos = extractCommon( 0 );
	if ( oldPos + 1 >= oldLen && newPos + 1 >= newLen ) {
		return runs();
	}

	const maxEdit = Math.min( maxEditLength, oldLen + newLen );
	if ( ! ( maxEdit >= 1 ) ) {
		return undefined;
	}
	// Best path per diagonal, -maxEdit - 1 … maxEdit + 1, shifted by `offset`.
	const offset = maxEdit + 1;
	const pathOld = new Int32Array( 2 * offset + 1 ).fill( NO_PATH );
	const pathLast = new Int32Array( 2 * offset + 1 ).fill( -1 );
	pathOld[ offset ] = oldPos;
	pathLast[ offset ] = last;
	let minDiagonal = -Infinity;
	let maxDiagonal = Infinity;
	const abortAfter = Date.now() + timeout;
	for (
		let editLength = 1;
		editLength <= maxEdit && Date.now() <= abortAfter;
		editLength++
	) {
		for (
			let diagonal = Math.max( minDiagonal, -editLength );
			diagonal <= Math.min( maxDiagonal, editLength );
			diagonal += 2
		) {
			const k = diagonal + offset;
			const removeOld = pathOld[ k - 1 ]!;
			const removeLast = pathLast[ k - 1 ]!;
			const addOld = pathOld[ k + 1 ]!;
			const addLast = pathLast[ k + 1 ]!;
			if ( removeOld !== NO_PATH ) {
				pathOld[ k - 1 ] = NO_PATH;
			}
			let canAdd = false;
			if ( addOld !== NO_PATH ) {
				const addNewPos = addOld - diagonal;
				canAdd = 0 <= addNewPos && addNewPos < newLen;
			}
			const canRemove = removeOld !== NO_PATH && removeOld + 1 < oldLen;
			if ( ! canAdd && ! canRemove ) {
				pathOld[ k ] = NO_PATH;
				continue;
			}
			// Branch from the path furthest along the old sequence (jsdiff's rule).
			let kind: number;
			if ( ! canRemove || ( canAdd && removeOld < addOld ) ) {
				oldPos = addOld;
				last = addLast;
				kind = ADD;
			} else {
				oldPos = removeOld + 1;
				last = removeLast;
				kind = REMOVE;
			}
			last =
				last !== -1 && runKind[ last ] === kind
					? addRun(
							runCount[ last ]! + 1,
							kind,
							runPrevious[ last ]!
						)
					: addRun( 1, kind, last );
			newPos = extractCommon( diagonal );
			if ( oldPos + 1 >= oldLen && newPos + 1 >= newLen ) {
				return runs();
			}
			pathOld[ k ] = oldPos;
			pathLast[ k ] = last;
			if ( oldPos + 1 >= oldLen ) {
				maxDiagonal = Math.min( maxDiagonal, diagonal - 1 );
			}
			if ( newPos + 1 >= newLen ) {
				minDiagonal = Math.max( minDiagonal, diagonal + 1 );
			}
		}
	}
	return undefined;
}
