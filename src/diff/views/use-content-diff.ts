/**
 * WordPress dependencies
 */
import { useEffect, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { loadContentDiff, peekContentDiff } from '../content-diff-cache';
import type { ContentDiff } from '../model';

export type ContentDiffState =
	| { status: 'computing' }
	| { status: 'done'; diff: ContentDiff }
	| { status: 'error'; message: string };

/**
 * A proposal's block diff of two contents: at once when it was computed before
 * (the sidebar prefetches pending proposals' diffs), otherwise computed in
 * slices off the critical path (see loadContentDiff), and again when either
 * side changes.
 *
 * @param proposalId The proposal.
 * @param current    The post's content now.
 * @param proposed   The proposed content.
 */
export function useContentDiff(
	proposalId: number,
	current: string,
	proposed: string
): ContentDiffState {
	const [ state, setState ] = useState< ContentDiffState >( () => {
		const diff = peekContentDiff( { proposalId, current, proposed } );
		return diff ? { status: 'done', diff } : { status: 'computing' };
	} );
	useEffect( () => {
		const key = { proposalId, current, proposed };
		const show = ( diff: ContentDiff ) =>
			setState( ( previous ) =>
				previous.status === 'done' && previous.diff === diff
					? previous
					: { status: 'done', diff }
			);
		const known = peekContentDiff( key );
		if ( known ) {
			show( known );
			return undefined;
		}
		let isCurrent = true;
		setState( { status: 'computing' } );
		loadContentDiff( key ).then(
			( diff ) => {
				if ( isCurrent ) {
					show( diff );
				}
			},
			( error: unknown ) => {
				if ( isCurrent ) {
					setState( {
						status: 'error',
						message:
							error instanceof Error
								? error.message
								: String( error ),
					} );
				}
			}
		);
		return () => {
			isCurrent = false;
		};
	}, [ proposalId, current, proposed ] );
	return state;
}
