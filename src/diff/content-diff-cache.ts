/**
 * The content diffs of the last few proposals looked at (or prefetched), so
 * opening View changes finds the diff already computed instead of starting on
 * the click. Lives in the lazily loaded review chunk with the model.
 */

/**
 * Internal dependencies
 */
import { diffContentAsync, type ContentDiff } from './model';
import { RecentlyUsed } from './recently-used';

/** Which diff: a proposal's, between these two versions of the content. */
export interface ContentDiffKey {
	proposalId: number;
	/** The post's content now. */
	current: string;
	/** The proposed content. */
	proposed: string;
}

interface Entry {
	promise: Promise< ContentDiff >;
	/** Set once the promise has resolved, for a synchronous peek. */
	diff: ContentDiff | null;
}

/** A reviewer compares a handful of proposals at a time; each diff of a long post holds a few MB. */
const entries = new RecentlyUsed< ContentDiffKey, Entry >(
	4,
	( a, b ) =>
		a.proposalId === b.proposalId &&
		a.current === b.current &&
		a.proposed === b.proposed
);

/**
 * The diff for a key if it has been computed, without starting anything: a
 * view that finds it renders it on its first paint.
 *
 * @param key Which diff.
 */
export function peekContentDiff( key: ContentDiffKey ): ContentDiff | null {
	return entries.get( key )?.diff ?? null;
}

/**
 * The diff for a key: the cached one, the one being computed, or a new
 * computation in slices (diffContentAsync), kept with the last few. A failed
 * computation is dropped, so asking again retries it.
 *
 * @param key Which diff.
 */
export function loadContentDiff( key: ContentDiffKey ): Promise< ContentDiff > {
	const cached = entries.get( key );
	if ( cached ) {
		return cached.promise;
	}
	const entry: Entry = {
		diff: null,
		promise: diffContentAsync( key.current, key.proposed ),
	};
	entry.promise.then(
		( diff ) => {
			entry.diff = diff;
		},
		() => entries.delete( entry )
	);
	return entries.set( key, entry ).promise;
}
