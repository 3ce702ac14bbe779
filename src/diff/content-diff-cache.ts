/**
 * The content diffs of the last few proposals looked at (or prefetched), so
 * opening View changes finds the diff already computed instead of starting on
 * the click. Lives in the lazily loaded review chunk with the model.
 */

/**
 * Internal dependencies
 */
import { diffContentAsync, type ContentDiff } from './model';

/** Which diff: a proposal's, between these two versions of the content. */
export interface ContentDiffKey {
	proposalId: number;
	/** The post's content now. */
	current: string;
	/** The proposed content. */
	proposed: string;
}

interface Entry {
	key: ContentDiffKey;
	promise: Promise< ContentDiff >;
	/** Set once the promise has resolved, for a synchronous peek. */
	diff: ContentDiff | null;
}

/** A reviewer compares a handful of proposals at a time; each diff of a long post holds a few MB. */
const SIZE = 4;

/** Least recently used first. */
let entries: Entry[] = [];

const same = ( a: ContentDiffKey, b: ContentDiffKey ) =>
	a.proposalId === b.proposalId &&
	a.current === b.current &&
	a.proposed === b.proposed;

/**
 * The entry for a key, moved to the most recently used end.
 *
 * @param key Which diff.
 */
function touch( key: ContentDiffKey ): Entry | undefined {
	const entry = entries.find( ( item ) => same( item.key, key ) );
	if ( entry ) {
		entries = [ ...entries.filter( ( item ) => item !== entry ), entry ];
	}
	return entry;
}

/**
 * The diff for a key if it has been computed, without starting anything: a
 * view that finds it renders it on its first paint.
 *
 * @param key Which diff.
 */
export function peekContentDiff( key: ContentDiffKey ): ContentDiff | null {
	return touch( key )?.diff ?? null;
}

/**
 * The diff for a key: the cached one, the one being computed, or a new
 * computation in slices (diffContentAsync), kept with the last few. A failed
 * computation is dropped, so asking again retries it.
 *
 * @param key Which diff.
 */
export function loadContentDiff( key: ContentDiffKey ): Promise< ContentDiff > {
	const cached = touch( key );
	if ( cached ) {
		return cached.promise;
	}
	const entry: Entry = {
		key,
		diff: null,
		promise: diffContentAsync( key.current, key.proposed ),
	};
	entry.promise.then(
		( diff ) => {
			entry.diff = diff;
		},
		() => {
			entries = entries.filter( ( item ) => item !== entry );
		}
	);
	entries = [ ...entries, entry ].slice( -SIZE );
	return entry.promise;
}
