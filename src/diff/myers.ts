/** A run of kept, removed or added elements, in jsdiff's shape (without values). */
export interface Run {
	count: number;
	added: boolean;
	removed: boolean;
}

const ADD = 1;
const REMOVE = 2;
/** oldPos of a diagonal that holds no path. */
const NO_PATH = -2;

/**
 * Scratch arrays kept from call to call, since a post's word diffs are many
 * and mostly small: the step trace and the best path per diagonal. One grown
 * past SCRATCH_LIMIT entries serves its call only.
 */
const SCRATCH_LIMIT = 65_536;
const scratch = {
	stepPrevious: new Int32Array( 256 ),
	stepCommon: new Int32Array( 256 ),
	stepKind: new Int32Array( 256 ),
	pathOld: new Int32Array( 256 ),
	pathLast: new Int32Array( 256 ),
};
type ScratchName = keyof typeof scratch;

/**
 * `array` if it holds `length` entries, else a longer copy of it, kept as the
 * scratch array `name` unless too long to keep.
 *
 * @param name   Which scratch array `array` is.
 * @param array  The array in use.
 * @param length Entries needed.
 */
function ensure(
	name: ScratchName,
	array: Int32Array< ArrayBuffer >,
	length: number
): Int32Array< ArrayBuffer > {
	if ( array.length >= length ) {
		return array;
	}
	const bigger = new Int32Array( Math.max( length, array.length * 2 ) );
	bigger.set( array );
	if ( bigger.length <= SCRATCH_LIMIT ) {
		scratch[ name ] = bigger;
	}
	return bigger;
}

/**
 * jsdiff's Myers diff (`Diff.diffWithOptionsObj` in diff 8, with its pruned
 * diagonals and its choice between an insertion and a deletion), step for
 * step, over integer ids instead of tokens: equal ids are equal tokens. It
 * makes the same decisions, so it finds the same runs; what it saves is
 * jsdiff's cost per step (objects per path and per run, a `trim()` per token
 * compare in diffWords, and paths on negative array indexes, which live in a
 * dictionary).
 *
 * Each step (one edit, then the common stretch after it) is one entry of a
 * trace in typed arrays, pointing at the step its path came from; the winning
 * path is read back from its last step, merging edits of one kind in a row
 * into one run as jsdiff's paths do.
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
	// The trace: per step, the step before it (-1: the start), its edit and
	// how many elements both sides then share.
	let stepPrevious = scratch.stepPrevious;
	let stepCommon = scratch.stepCommon;
	let stepKind = scratch.stepKind;
	let steps = 0;

	// The path being extended: where it is in the old sequence, its last step.
	let oldPos = -1;
	let last = -1;

	const common = commonRun( before, after, -1, -1 );
	oldPos += common;
	let newPos = oldPos;
	if ( oldPos + 1 >= oldLen && newPos + 1 >= newLen ) {
		return readRuns( -1, common, stepPrevious, stepCommon, stepKind );
	}

	const maxEdit = Math.min( maxEditLength, oldLen + newLen );
	if ( ! ( maxEdit >= 1 ) ) {
		return undefined;
	}
	// Best path per diagonal, -maxEdit - 1 … maxEdit + 1, shifted by `offset`.
	const offset = maxEdit + 1;
	const pathOld = ensure( 'pathOld', scratch.pathOld, 2 * offset + 1 ).fill(
		NO_PATH,
		0,
		2 * offset + 1
	);
	// Read only where pathOld holds a path, so left as the last call left it.
	const pathLast = ensure( 'pathLast', scratch.pathLast, 2 * offset + 1 );
	pathOld[ offset ] = oldPos;
	pathLast[ offset ] = -1;
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
			const addOld = pathOld[ k + 1 ]!;
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
				last = pathLast[ k + 1 ]!;
				kind = ADD;
			} else {
				oldPos = removeOld + 1;
				last = pathLast[ k - 1 ]!;
				kind = REMOVE;
			}
			if ( steps === stepKind.length ) {
				stepPrevious = ensure(
					'stepPrevious',
					stepPrevious,
					steps + 1
				);
				stepCommon = ensure( 'stepCommon', stepCommon, steps + 1 );
				stepKind = ensure( 'stepKind', stepKind, steps + 1 );
			}
			// Follow the diagonal while both sides agree (jsdiff's extractCommon).
			const run = commonRun( before, after, oldPos, oldPos - diagonal );
			oldPos += run;
			stepPrevious[ steps ] = last;
			stepKind[ steps ] = kind;
			stepCommon[ steps ] = run;
			last = steps++;
			newPos = oldPos - diagonal;
			if ( oldPos + 1 >= oldLen && newPos + 1 >= newLen ) {
				return readRuns(
					last,
					common,
					stepPrevious,
					stepCommon,
					stepKind
				);
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

/**
 * How many elements both sequences share from after oldPos and newPos on.
 *
 * @param before Old sequence.
 * @param after  New sequence.
 * @param oldPos Last position taken in before.
 * @param newPos Last position taken in after.
 */
function commonRun(
	before: ArrayLike< number >,
	after: ArrayLike< number >,
	oldPos: number,
	newPos: number
): number {
	let count = 0;
	while (
		oldPos + count + 1 < before.length &&
		newPos + count + 1 < after.length &&
		before[ oldPos + count + 1 ] === after[ newPos + count + 1 ]
	) {
		count++;
	}
	return count;
}

/**
 * The runs of the path ending at `step` in the trace: edits of one kind in a
 * row merge into one run, as jsdiff's paths build them.
 *
 * @param step         Its last step (-1: none).
 * @param common       How many elements the sides share before the first edit.
 * @param stepPrevious Per step, the step before it.
 * @param stepCommon   Per step, the common stretch after its edit.
 * @param stepKind     Per step, its edit.
 */
function readRuns(
	step: number,
	common: number,
	stepPrevious: Int32Array,
	stepCommon: Int32Array,
	stepKind: Int32Array
): Run[] {
	const path: number[] = [];
	for ( let at = step; at !== -1; at = stepPrevious[ at ]! ) {
		path.push( at );
	}
	const result: Run[] = [];
	if ( common > 0 ) {
		result.push( { count: common, added: false, removed: false } );
	}
	for ( let index = path.length - 1; index >= 0; index-- ) {
		const at = path[ index ]!;
		const added = stepKind[ at ] === ADD;
		const removed = stepKind[ at ] === REMOVE;
		const previous = result[ result.length - 1 ];
		if (
			previous &&
			previous.added === added &&
			previous.removed === removed
		) {
			previous.count++;
		} else {
			result.push( { count: 1, added, removed } );
		}
		if ( stepCommon[ at ]! > 0 ) {
			result.push( {
				count: stepCommon[ at ]!,
				added: false,
				removed: false,
			} );
		}
	}
	return result;
}
