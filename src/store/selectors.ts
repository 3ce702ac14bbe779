/**
 * WordPress dependencies
 */
import { createSelector } from '@wordpress/data';

/**
 * Internal dependencies
 */
import type {
	Agent,
	ApiError,
	Backup,
	Proposal,
	ProposalDetail,
	ProposalQuery,
} from '../api';
import { errorKeys, getQueryKey } from './query';
import type { BusyAction, State } from './types';

/*
 * Shared empty values: a selector that has nothing to return always returns the
 * same reference, so useSelect does not re-render on every store change.
 */
const EMPTY_PROPOSALS: Proposal[] = [];
const EMPTY_AGENTS: Agent[] = [];
const EMPTY_BACKUPS: Backup[] = [];

/**
 * Memoised on the query key (a string), not the query object, so callers may
 * pass a fresh object literal on every render.
 */
const getProposalsByKey = createSelector(
	( state: State, queryKey: string ): Proposal[] => {
		const result = state.queries[ queryKey ];
		if ( ! result || result.ids.length === 0 ) {
			return EMPTY_PROPOSALS;
		}
		return result.ids
			.map( ( id ) => state.proposals[ id ] )
			.filter(
				( proposal ): proposal is Proposal => proposal !== undefined
			);
	},
	( state: State, queryKey: string ) => [
		state.queries[ queryKey ],
		state.proposals,
	]
);

/**
 * Returns the proposals matching a query, newest first, fetching them on first use.
 *
 * @example
 * ```ts
 * const pending = useSelect(
 *     ( select ) => select( proposalsStore ).getProposals( { post: postId, status: 'pending' } ),
 *     [ postId ]
 * );
 * ```
 *
 * @param state Store state.
 * @param query Filters (post, status, agent, page, per_page).
 * @return Proposals, or a shared empty array while none are known.
 */
export function getProposals(
	state: State,
	query: ProposalQuery = {}
): Proposal[] {
	return getProposalsByKey( state, getQueryKey( query ) );
}

/**
 * Returns the X-WP-Total of a query's last answer, or null before it arrived.
 * Call getProposals() with the same query to fetch it.
 *
 * @example
 * ```ts
 * const total = select( proposalsStore ).getProposalsTotal( { status: 'pending' } );
 * ```
 *
 * @param state Store state.
 * @param query Filters.
 */
export function getProposalsTotal(
	state: State,
	query: ProposalQuery = {}
): number | null {
	return state.queries[ getQueryKey( query ) ]?.total ?? null;
}

/**
 * Returns the X-WP-TotalPages of a query's last answer, or null before it arrived.
 *
 * @param state Store state.
 * @param query Filters.
 */
export function getProposalsTotalPages(
	state: State,
	query: ProposalQuery = {}
): number | null {
	return state.queries[ getQueryKey( query ) ]?.totalPages ?? null;
}

/**
 * Returns one proposal with its field comparison (`fields`), fetching it on first use.
 *
 * @example
 * ```ts
 * const detail = select( proposalsStore ).getProposal( 42 );
 * const { current, proposed } = detail?.fields.content ?? {};
 * ```
 *
 * @param state Store state.
 * @param id    Proposal id.
 * @return The detail, or undefined until it has been received.
 */
export function getProposal(
	state: State,
	id: number
): ProposalDetail | undefined {
	return state.details[ id ];
}

/**
 * Returns a proposal as last seen in any list or action answer, without fetching.
 *
 * @param state Store state.
 * @param id    Proposal id.
 */
export function getProposalSummary(
	state: State,
	id: number
): Proposal | undefined {
	return state.proposals[ id ];
}

/**
 * Returns every agent, fetching them on first use.
 *
 * @example
 * ```ts
 * const agents = useSelect( ( select ) => select( proposalsStore ).getAgents(), [] );
 * ```
 *
 * @param state Store state.
 * @return Agents, or a shared empty array while none are known.
 */
export function getAgents( state: State ): Agent[] {
	return state.agents ?? EMPTY_AGENTS;
}

/**
 * Returns a post's backups, newest first, fetching them on first use.
 *
 * @param state  Store state.
 * @param postId Target post id.
 * @return Backups, or a shared empty array while none are known.
 */
export function getBackups( state: State, postId: number ): Backup[] {
	return state.backups[ postId ] ?? EMPTY_BACKUPS;
}

/**
 * Whether a decision (approve, reject, withdraw) on this proposal is in flight.
 *
 * @example
 * ```ts
 * <Button isBusy={ select( proposalsStore ).isProposalBusy( id ) } />
 * ```
 *
 * @param state Store state.
 * @param id    Proposal id.
 */
export function isProposalBusy( state: State, id: number ): boolean {
	return id in state.busyProposals;
}

/**
 * Which decision is in flight for this proposal, if any.
 *
 * @param state Store state.
 * @param id    Proposal id.
 */
export function getProposalBusyAction(
	state: State,
	id: number
): BusyAction | null {
	return state.busyProposals[ id ] ?? null;
}

/**
 * Whether this backup is being restored.
 *
 * @param state Store state.
 * @param id    Backup id.
 */
export function isBackupRestoring( state: State, id: number ): boolean {
	return id in state.restoringBackups;
}

/**
 * The error of the last failed list read for this query, if any.
 *
 * @param state Store state.
 * @param query Filters.
 */
export function getProposalsError(
	state: State,
	query: ProposalQuery = {}
): ApiError | null {
	return state.errors[ errorKeys.proposals( query ) ] ?? null;
}

/**
 * The error of the last failed detail read for this proposal, if any.
 *
 * @param state Store state.
 * @param id    Proposal id.
 */
export function getProposalError( state: State, id: number ): ApiError | null {
	return state.errors[ errorKeys.proposal( id ) ] ?? null;
}

/**
 * The error of the last failed agents read, if any.
 *
 * @param state Store state.
 */
export function getAgentsError( state: State ): ApiError | null {
	return state.errors[ errorKeys.agents() ] ?? null;
}

/**
 * The error of the last failed backups read for this post, if any.
 *
 * @param state  Store state.
 * @param postId Target post id.
 */
export function getBackupsError(
	state: State,
	postId: number
): ApiError | null {
	return state.errors[ errorKeys.backups( postId ) ] ?? null;
}
