/**
 * WordPress dependencies
 */
import type {
	CurriedSelectorsOf,
	DataRegistry,
	ReduxStoreConfig,
	StoreDescriptor,
} from '@wordpress/data';

/**
 * Internal dependencies
 */
import type { Agent, ApiError, Backup, Proposal, ProposalDetail } from '../api';
import type * as selectors from './selectors';

/** One list request's answer: ids in server order plus the pagination headers. */
export interface QueryResult {
	ids: number[];
	total: number;
	totalPages: number;
}

/** What a proposal is busy with while a request is in flight. */
export type BusyAction = 'approve' | 'reject' | 'withdraw';

export interface State {
	/** Proposals by id, as last seen in a list or an action answer. */
	proposals: Record< number, Proposal >;
	/** GET /proposals/{id} answers (with `fields`), by id. */
	details: Record< number, ProposalDetail >;
	/** List answers keyed by getQueryKey(). */
	queries: Record< string, QueryResult >;
	/** null until the agents list has been received. */
	agents: Agent[] | null;
	/** Backups by target post id. */
	backups: Record< number, Backup[] >;
	busyProposals: Record< number, BusyAction >;
	restoringBackups: Record< number, true >;
	/** Last failure of each read, keyed by getErrorKey(). */
	errors: Record< string, ApiError >;
}

export type Action =
	| {
			type: 'RECEIVE_PROPOSALS';
			queryKey: string;
			items: Proposal[];
			total: number;
			totalPages: number;
	  }
	| { type: 'RECEIVE_PROPOSAL'; proposal: Proposal | ProposalDetail }
	| { type: 'RECEIVE_AGENTS'; agents: Agent[] }
	| { type: 'RECEIVE_AGENT'; agent: Agent }
	| { type: 'RECEIVE_BACKUPS'; postId: number; backups: Backup[] }
	| { type: 'SET_PROPOSAL_BUSY'; id: number; action: BusyAction | null }
	| { type: 'SET_BACKUP_RESTORING'; id: number; restoring: boolean }
	| { type: 'RECEIVE_ERROR'; key: string; error: ApiError | null }
	| {
			/**
			 * Any action this reducer does not handle (Redux init, other stores),
			 * so the union still narrows on `type`.
			 */
			type: '@@UNKNOWN_ACTION';
	  };

/** Selectors that have resolvers, and so can be invalidated. */
export type ResolvedSelectorName =
	'getProposals' | 'getProposal' | 'getAgents' | 'getBackups';

/** The resolution-cache actions every registered store gets from @wordpress/data. */
interface ResolutionActions {
	invalidateResolution: (
		selectorName: ResolvedSelectorName,
		args: unknown[]
	) => Promise< void >;
	invalidateResolutionForStoreSelector: (
		selectorName: ResolvedSelectorName
	) => Promise< void >;
}

/**
 * The store's descriptor as seen from inside, built from the selectors alone
 * so thunks can be typed without a circular reference to the actions.
 */
export type SelectorsDescriptor = StoreDescriptor<
	ReduxStoreConfig< State, Record< string, never >, typeof selectors >
>;

/** The object @wordpress/data passes to this store's thunks and resolvers. */
export interface ThunkArgs {
	select: CurriedSelectorsOf< SelectorsDescriptor >;
	dispatch: ( ( action: Action ) => void ) & ResolutionActions;
	registry: DataRegistry;
}

export type Thunk< R = void > = ( args: ThunkArgs ) => R;
