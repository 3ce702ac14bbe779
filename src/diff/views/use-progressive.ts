/**
 * WordPress dependencies
 */
import {
	startTransition,
	useEffect,
	useMemo,
	useState,
} from '@wordpress/element';

/** Enough entries to fill the sidebar at once. */
const FIRST = 12;
/** Each later task renders this many more: a few ms of React work, well under a long task. */
const STEP = 24;

/**
 * The first entries of a long list at once and the rest in later tasks, a
 * slice at a time, so the top of a diff paints right after the click and no
 * single render holds the main thread. Each later slice renders as a
 * transition: React renders it in pieces, yielding to the browser every few
 * milliseconds, and drops it for anything more urgent (a click on another
 * view, a keystroke in the editor). Starts over when the list changes.
 *
 * @param items The whole list (keep its identity while it is the same list).
 * @param first How many to render at once.
 * @param step  How many more each later task renders.
 * @return The entries to render now.
 */
export function useProgressive< T >(
	items: readonly T[],
	first: number = FIRST,
	step: number = STEP
): readonly T[] {
	const [ shown, setShown ] = useState( { items, count: first } );
	const count = shown.items === items ? shown.count : first;
	useEffect( () => {
		if ( count >= items.length ) {
			return undefined;
		}
		const handle = window.setTimeout(
			() =>
				startTransition( () =>
					setShown( { items, count: count + step } )
				),
			0
		);
		return () => window.clearTimeout( handle );
	}, [ items, count, step ] );
	return useMemo(
		() => ( count >= items.length ? items : items.slice( 0, count ) ),
		[ items, count ]
	);
}
