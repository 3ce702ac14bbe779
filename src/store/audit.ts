/**
 * The audit store (`countersign/audit`): pages of the audit log, the chain
 * status and usage reports. Components read it with useSelect; the
 * resolvers fetch on first use and record failures instead of throwing.
 */

/**
 * WordPress dependencies
 */
import { createReduxStore, register } from '@wordpress/data';

/**
 * Internal dependencies
 */
import {
	auditApi,
	toApiError,
	type ApiError,
	type AuditPage,
	type AuditQuery,
	type ChainStatus,
	type UsageQuery,
	type UsageReport,
} from '../api';
import { auditQueryKey } from '../audit/query';

export const AUDIT_STORE_NAME = 'countersign/audit';

export interface AuditState {
	pages: Record< string, AuditPage >;
	chain: ChainStatus | null;
	usage: Record< string, UsageReport >;
	/** Last error per read: `audit?…`, `chain`, `usage?…`. */
	errors: Record< string, ApiError | null >;
}

type AuditAction =
	| { type: 'RECEIVE_AUDIT_PAGE'; key: string; page: AuditPage }
	| { type: 'RECEIVE_CHAIN_STATUS'; chain: ChainStatus | null }
	| { type: 'RECEIVE_USAGE'; key: string; report: UsageReport }
	| { type: 'RECEIVE_AUDIT_ERROR'; key: string; error: ApiError | null };

interface AuditThunkArgs {
	dispatch: ( action: AuditAction ) => void;
}

const INITIAL: AuditState = { pages: {}, chain: null, usage: {}, errors: {} };

/**
 * The usage query's cache key.
 *
 * @param query Range and agent.
 */
export const usageKey = ( query: UsageQuery ): string =>
	`usage?from=${ query.from ?? '' }&to=${ query.to ?? '' }&agent=${
		query.agent ?? ''
	}`;

const auditKey = ( query: AuditQuery ): string =>
	`audit?${ auditQueryKey( query ) }`;

/**
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function reducer(
	state: AuditState = INITIAL,
	action: AuditAction
): AuditState {
	switch ( action.type ) {
		case 'RECEIVE_AUDIT_PAGE':
			return {
				...state,
				pages: { ...state.pages, [ action.key ]: action.page },
			};
		case 'RECEIVE_CHAIN_STATUS':
			return { ...state, chain: action.chain };
		case 'RECEIVE_USAGE':
			return {
				...state,
				usage: { ...state.usage, [ action.key ]: action.report },
			};
		case 'RECEIVE_AUDIT_ERROR':
			return {
				...state,
				errors: { ...state.errors, [ action.key ]: action.error },
			};
	}
	return state;
}

/**
 * Fetches the chain status into the store, or the reason it could not be read.
 *
 * @param dispatch    Store dispatch.
 * @param incremental Only the entries since the last intact verification.
 */
async function receiveChainStatus(
	dispatch: AuditThunkArgs[ 'dispatch' ],
	incremental: boolean
): Promise< void > {
	try {
		const chain = await auditApi.fetchChainStatus( incremental );
		dispatch( { type: 'RECEIVE_CHAIN_STATUS', chain } );
		dispatch( { type: 'RECEIVE_AUDIT_ERROR', key: 'chain', error: null } );
	} catch ( error ) {
		dispatch( {
			type: 'RECEIVE_AUDIT_ERROR',
			key: 'chain',
			error: toApiError( error ),
		} );
	}
}

const actions = {
	/**
	 * Records the result of a read (null clears the error).
	 *
	 * @param key   Read key.
	 * @param error The error.
	 */
	receiveError(
		key: string,
		error: ApiError | null
	): Extract< AuditAction, { type: 'RECEIVE_AUDIT_ERROR' } > {
		return { type: 'RECEIVE_AUDIT_ERROR', key, error };
	},

	/**
	 * Verifies the whole chain (the screen's own check on load starts where
	 * the last intact one ended); the status reads "verifying" meanwhile.
	 */
	verifyWholeChain:
		() =>
		async ( { dispatch }: AuditThunkArgs ): Promise< void > => {
			dispatch( { type: 'RECEIVE_CHAIN_STATUS', chain: null } );
			await receiveChainStatus( dispatch, false );
		},
};

const selectors = {
	/**
	 * One page of the audit log, newest first; null until fetched.
	 *
	 * @example
	 * ```ts
	 * const page = useSelect( ( select ) => select( auditStore ).getAuditPage( { agent: 7 } ), [] );
	 * ```
	 *
	 * @param state Store state.
	 * @param query Filters and page.
	 */
	getAuditPage( state: AuditState, query: AuditQuery ): AuditPage | null {
		return state.pages[ auditKey( query ) ] ?? null;
	},

	/**
	 * Why a page could not be read, if it could not.
	 *
	 * @param state Store state.
	 * @param query Filters and page.
	 */
	getAuditError( state: AuditState, query: AuditQuery ): ApiError | null {
		return state.errors[ auditKey( query ) ] ?? null;
	},

	/**
	 * The chain verification (GET /audit/verify); null until known.
	 *
	 * @param state Store state.
	 */
	getChainStatus( state: AuditState ): ChainStatus | null {
		return state.chain;
	},

	/**
	 * Why the chain could not be verified, if it could not.
	 *
	 * @param state Store state.
	 */
	getChainStatusError( state: AuditState ): ApiError | null {
		return state.errors.chain ?? null;
	},

	/**
	 * Usage per agent per day for a range; null until fetched.
	 *
	 * @param state Store state.
	 * @param query Range and agent.
	 */
	getUsage( state: AuditState, query: UsageQuery ): UsageReport | null {
		return state.usage[ usageKey( query ) ] ?? null;
	},

	/**
	 * Why usage could not be read, if it could not.
	 *
	 * @param state Store state.
	 * @param query Range and agent.
	 */
	getUsageError( state: AuditState, query: UsageQuery ): ApiError | null {
		return state.errors[ usageKey( query ) ] ?? null;
	},
};

const resolvers = {
	getAuditPage:
		( query: AuditQuery ) =>
		async ( { dispatch }: AuditThunkArgs ): Promise< void > => {
			const key = auditKey( query );
			try {
				const page = await auditApi.fetchAuditEntries( query );
				dispatch( { type: 'RECEIVE_AUDIT_PAGE', key, page } );
				dispatch( actions.receiveError( key, null ) );
			} catch ( error ) {
				dispatch( actions.receiveError( key, toApiError( error ) ) );
			}
		},

	getChainStatus:
		() =>
		async ( { dispatch }: AuditThunkArgs ): Promise< void > =>
			receiveChainStatus( dispatch, true ),

	getUsage:
		( query: UsageQuery ) =>
		async ( { dispatch }: AuditThunkArgs ): Promise< void > => {
			const key = usageKey( query );
			try {
				const report = await auditApi.fetchUsage( query );
				dispatch( { type: 'RECEIVE_USAGE', key, report } );
				dispatch( actions.receiveError( key, null ) );
			} catch ( error ) {
				dispatch( actions.receiveError( key, toApiError( error ) ) );
			}
		},
};

/**
 * @example
 * ```ts
 * import { auditStore } from '../store/audit';
 * const chain = useSelect( ( select ) => select( auditStore ).getChainStatus(), [] );
 * ```
 */
export const auditStore = createReduxStore( AUDIT_STORE_NAME, {
	reducer,
	actions,
	selectors,
	resolvers,
} );

register( auditStore );
