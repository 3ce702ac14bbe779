/**
 * WordPress dependencies
 */
import { useSelect } from '@wordpress/data';
import { useEffect } from '@wordpress/element';

/**
 * Internal dependencies
 */
import type { ProposalDetail } from '../api';
import { POST_QUERY_PER_PAGE, store as proposalsStore } from '../store';
import { fieldText } from '../utils/format';
import { needsDecision } from '../utils/status';

/** The content diff cache keeps four; the first pending ones are those a reviewer opens. */
const PREFETCH = 3;

/**
 * Runs when the browser is idle (setTimeout where requestIdleCallback is missing).
 * @param callback
 */
function whenIdle( callback: () => void ): () => void {
	if ( typeof window.requestIdleCallback === 'function' ) {
		const handle = window.requestIdleCallback( callback, {
			timeout: 2_000,
		} );
		return () => window.cancelIdleCallback( handle );
	}
	const handle = window.setTimeout( callback, 200 );
	return () => window.clearTimeout( handle );
}

/**
 * Computes the content diffs of the edited post's first pending proposals in
 * the background, so View changes finds them ready: the proposal details come
 * through the store (its resolver fetches them), the diff chunk loads when the
 * browser is idle, and the diffs are computed in slices (loadContentDiff), so
 * none of it holds the main thread for long.
 *
 * @param postId The edited post.
 */
export function usePrefetchDiffs( postId: number ): void {
	const details = useSelect(
		( select ) => {
			const store = select( proposalsStore );
			return store
				.getProposals( { post: postId, per_page: POST_QUERY_PER_PAGE } )
				.filter(
					( proposal ) =>
						needsDecision( proposal ) &&
						proposal.changes.content !== undefined
				)
				.slice( 0, PREFETCH )
				.map( ( proposal ) => store.getProposal( proposal.id ) )
				.filter( ( detail ): detail is ProposalDetail =>
					Boolean( detail?.fields.content )
				);
		},
		[ postId ]
	);
	useEffect( () => {
		if ( details.length === 0 ) {
			return undefined;
		}
		return whenIdle( () => {
			void import(
				/* webpackChunkName: "review-diff" */ '../diff/content-diff-cache'
			).then( ( { loadContentDiff } ) => {
				for ( const detail of details ) {
					const content = detail.fields.content!;
					// A failure shows when the reviewer opens the diff, which computes it again.
					loadContentDiff( {
						proposalId: detail.id,
						current: fieldText( content.current ),
						proposed: fieldText( content.proposed ),
					} ).catch( () => undefined );
				}
			} );
		} );
	}, [ details ] );
}
