/**
 * WordPress dependencies
 */
import { useEffect, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { diffContentAsync, type ContentDiff } from '../model';

export type ContentDiffState =
	| { status: 'computing' }
	| { status: 'done'; diff: ContentDiff }
	| { status: 'error'; message: string };

/**
 * The block diff of two contents, computed in slices off the critical path
 * (see diffContentAsync) and recomputed when either side changes.
 *
 * @param current  The post's content now.
 * @param proposed The proposed content.
 */
export function useContentDiff(
	current: string,
	proposed: string
): ContentDiffState {
	const [ state, setState ] = useState< ContentDiffState >( {
		status: 'computing',
	} );
	useEffect( () => {
		const controller = new AbortController();
		setState( { status: 'computing' } );
		diffContentAsync( current, proposed, {}, controller.signal ).then(
			( diff ) => {
				if ( ! controller.signal.aborted ) {
					setState( { status: 'done', diff } );
				}
			},
			( error: unknown ) => {
				if ( ! controller.signal.aborted ) {
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
		return () => controller.abort();
	}, [ current, proposed ] );
	return state;
}
