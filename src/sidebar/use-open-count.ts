/**
 * WordPress dependencies
 */
import { useSelect } from '@wordpress/data';
import { store as editorStore } from '@wordpress/editor';

/**
 * Internal dependencies
 */
import { POST_QUERY_PER_PAGE, store as proposalsStore } from '../store';
import { needsDecision } from '../utils/status';

/**
 * How many of the edited post's proposals need a reviewer, and whether the list has loaded (before that the count is
 * unknown, not zero). The document panel, the editor notice and the pinned icon share this one query.
 */
export function useOpenProposalCount(): {
	openCount: number;
	isResolved: boolean;
} {
	return useSelect( ( select ) => {
		const id = select( editorStore ).getCurrentPostId();
		const query = {
			post: Number( id ) || 0,
			per_page: POST_QUERY_PER_PAGE,
		};
		const store = select( proposalsStore );
		return {
			openCount: store.getProposals( query ).filter( needsDecision )
				.length,
			isResolved: store.hasFinishedResolution( 'getProposals', [
				query,
			] ),
		};
	}, [] );
}
