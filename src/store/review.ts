/**
 * The review store (`countersign/review`): batch decisions and the queue
 * header's figures. Kept apart from `countersign/proposals` so the review
 * screens can grow without touching the shared store; what it learns about
 * proposals it hands to that store.
 */

/**
 * WordPress dependencies
 */
import { createReduxStore, register, type DataRegistry } from '@wordpress/data';

/**
 * Internal dependencies
 */
import {
	reviewApi,
	toApiError,
	type ApiError,
	type BatchAction,
	type BatchResult,
	type RiskLevel,
} from '../api';
import { store as proposalsStore } from './index';
import { decisionStats, type QueueStats } from './review-stats';

export const REVIEW_STORE_NAME = 'countersign/review';

interface ReviewState {
	stats: QueueStats | null;
	statsError: ApiError | null;
}

type ReviewAction =
	| { type: 'RECEIVE_QUEUE_STATS'; stats: QueueStats }
	| { type: 'RECEIVE_QUEUE_STATS_ERROR'; error: ApiError | null }
	| { type: '@@UNKNOWN_ACTION' };

interface ReviewThunkArgs {
	dispatch: ( ( action: ReviewAction ) => void ) & {
		invalidateResolution: (
			selector: 'getQueueStats',
			args: unknown[]
		) => Promise< void >;
	};
	registry: DataRegistry;
}

const INITIAL: ReviewState = { stats: null, statsError: null };

/**
 * @param state  Current state.
 * @param action Dispatched action.
 */
function reducer(
	state: ReviewState = INITIAL,
	action: ReviewAction
): ReviewState {
	switch ( action.type ) {
		case 'RECEIVE_QUEUE_STATS':
			return { stats: action.stats, statsError: null };
		case 'RECEIVE_QUEUE_STATS_ERROR':
			return { ...state, statsError: action.error };
	}
	return state;
}

const actions = {
	/**
	 * Stores the queue header's figures.
	 *
	 * @param stats Figures.
	 */
	receiveQueueStats(
		stats: QueueStats
	): Extract< ReviewAction, { type: 'RECEIVE_QUEUE_STATS' } > {
		return { type: 'RECEIVE_QUEUE_STATS', stats };
	},

	/**
	 * Approves or rejects many proposals in one request. Each item succeeds or
	 * fails on its own; the answer lists every id with its outcome, and every
	 * proposal that changed lands in `countersign/proposals`.
	 *
	 * @example
	 * ```ts
	 * const results = await dispatch( reviewStore ).batchDecide( [ 4, 5, 6 ], 'approve' );
	 * const failed = results.filter( ( result ) => ! result.ok );
	 * ```
	 *
	 * @param ids    Proposal ids.
	 * @param action approve or reject.
	 * @param reason Rejection reason (required to reject) or approval note.
	 * @return Per-item results.
	 */
	batchDecide:
		( ids: number[], action: BatchAction, reason?: string ) =>
		async ( {
			dispatch,
			registry,
		}: ReviewThunkArgs ): Promise< BatchResult[] > => {
			let results: BatchResult[];
			try {
				results = await reviewApi.batchDecide( ids, action, reason );
			} catch ( error ) {
				throw toApiError( error );
			}
			const proposals = registry.dispatch( proposalsStore );
			for ( const result of results ) {
				if ( result.ok ) {
					proposals.receiveProposal( result.proposal );
				}
				void proposals.invalidateResolution( 'getProposal', [
					result.id,
				] );
			}
			void proposals.invalidateResolutionForStoreSelector(
				'getProposals'
			);
			void dispatch.invalidateResolution( 'getQueueStats', [] );
			return results;
		},
};

const selectors = {
	/**
	 * The queue header's figures, fetched on first use; null until known.
	 *
	 * @param state Store state.
	 */
	getQueueStats( state: ReviewState ): QueueStats | null {
		return state.stats;
	},

	/**
	 * Why the figures could not be fetched, if they could not.
	 *
	 * @param state Store state.
	 */
	getQueueStatsError( state: ReviewState ): ApiError | null {
		return state.statsError;
	},
};

const RISKS: RiskLevel[] = [ 1, 2, 3, 4, 5 ];

const resolvers = {
	/**
	 * Pending counts per risk (X-WP-Total of five one-item pages) and decisions
	 * from the newest decided proposals. GET /usage (also reviewer-readable)
	 * counts per agent and day; the header needs pending counts per risk and
	 * each decision's wait, which only GET /proposals gives.
	 */
	getQueueStats:
		() =>
		async ( { dispatch }: ReviewThunkArgs ): Promise< void > => {
			try {
				const [ counts, decided ] = await Promise.all( [
					Promise.all(
						RISKS.map( ( risk ) =>
							reviewApi.countProposals( {
								status: 'pending',
								risk,
							} )
						)
					),
					reviewApi.fetchRecentDecisions(),
				] );
				dispatch(
					actions.receiveQueueStats( {
						pendingByRisk: counts as QueueStats[ 'pendingByRisk' ],
						...decisionStats( decided, new Date(), 30 ),
					} )
				);
			} catch ( error ) {
				dispatch( {
					type: 'RECEIVE_QUEUE_STATS_ERROR',
					error: toApiError( error ),
				} );
			}
		},
};

/**
 * @example
 * ```ts
 * import { reviewStore } from '../store/review';
 * const stats = useSelect( ( select ) => select( reviewStore ).getQueueStats(), [] );
 * ```
 */
export const reviewStore = createReduxStore( REVIEW_STORE_NAME, {
	reducer,
	actions,
	selectors,
	resolvers,
} );

register( reviewStore );

export type { QueueStats, AgentDecisions } from './review-stats';
