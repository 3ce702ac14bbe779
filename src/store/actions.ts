/**
 * Internal dependencies
 */
import {
	api,
	toApiError,
	type Agent,
	type AgentAction,
	type AgentPatch,
	type ApiError,
	type ApproveArgs,
	type Backup,
	type CreatedAgent,
	type NewAgent,
	type UpdatedAgent,
	type Proposal,
	type ProposalDetail,
	type ProposalPage,
	type ProposalQuery,
	type RestoreResult,
} from '../api';
import { getQueryKey } from './query';
import type { Action, BusyAction, Thunk, ThunkArgs } from './types';

/**
 * Stores one list answer.
 *
 * @param query The filters it answers.
 * @param page  Items and pagination totals.
 */
export function receiveProposals(
	query: ProposalQuery,
	page: ProposalPage
): Extract< Action, { type: 'RECEIVE_PROPOSALS' } > {
	return {
		type: 'RECEIVE_PROPOSALS',
		queryKey: getQueryKey( query ),
		items: page.items,
		total: page.total,
		totalPages: page.totalPages,
	};
}

/**
 * Stores one proposal (a detail with `fields`, or a decision answer without).
 *
 * @param proposal The proposal.
 */
export function receiveProposal(
	proposal: Proposal | ProposalDetail
): Extract< Action, { type: 'RECEIVE_PROPOSAL' } > {
	return { type: 'RECEIVE_PROPOSAL', proposal };
}

/**
 * Stores the agents list.
 *
 * @param agents Every agent.
 */
export function receiveAgents(
	agents: Agent[]
): Extract< Action, { type: 'RECEIVE_AGENTS' } > {
	return { type: 'RECEIVE_AGENTS', agents };
}

/**
 * Adds or replaces one agent.
 *
 * @param agent The agent (never with its application password).
 */
export function receiveAgent(
	agent: Agent
): Extract< Action, { type: 'RECEIVE_AGENT' } > {
	return { type: 'RECEIVE_AGENT', agent };
}

/**
 * Stores a post's backups.
 *
 * @param postId  Target post id.
 * @param backups Its backups, newest first.
 */
export function receiveBackups(
	postId: number,
	backups: Backup[]
): Extract< Action, { type: 'RECEIVE_BACKUPS' } > {
	return { type: 'RECEIVE_BACKUPS', postId, backups };
}

/**
 * Marks a proposal as busy with a decision, or idle again (null).
 *
 * @param id     Proposal id.
 * @param action The decision in flight, or null.
 */
export function setProposalBusy(
	id: number,
	action: BusyAction | null
): Extract< Action, { type: 'SET_PROPOSAL_BUSY' } > {
	return { type: 'SET_PROPOSAL_BUSY', id, action };
}

/**
 * Marks a backup as being restored, or not.
 *
 * @param id        Backup id.
 * @param restoring Whether a restore is in flight.
 */
export function setBackupRestoring(
	id: number,
	restoring: boolean
): Extract< Action, { type: 'SET_BACKUP_RESTORING' } > {
	return { type: 'SET_BACKUP_RESTORING', id, restoring };
}

/**
 * Records (or, with null, clears) the error of a read.
 *
 * @param key   An errorKeys key.
 * @param error The error, or null.
 */
export function receiveError(
	key: string,
	error: ApiError | null
): Extract< Action, { type: 'RECEIVE_ERROR' } > {
	return { type: 'RECEIVE_ERROR', key, error };
}

/** Errors after which our copy of the proposal is known to be out of date. */
const STALE_CODES = new Set( [
	'countersign_invalid_state',
	'countersign_conflict',
] );

/**
 * Drops every cached read a decision can change, so the screens fetch again.
 *
 * @param dispatch Thunk dispatch.
 * @param id       Proposal id.
 * @param postId   Its target post, when known.
 */
function invalidateAfterDecision(
	dispatch: ThunkArgs[ 'dispatch' ],
	id: number,
	postId: number | undefined
): void {
	void dispatch.invalidateResolutionForStoreSelector( 'getProposals' );
	void dispatch.invalidateResolution( 'getProposal', [ id ] );
	if ( postId !== undefined ) {
		void dispatch.invalidateResolution( 'getBackups', [ postId ] );
	}
}

/**
 * Runs one decision request with the busy flag set and the caches refreshed after.
 *
 * @param id      Proposal id.
 * @param busy    Which decision.
 * @param request The REST call.
 */
function decide(
	id: number,
	busy: BusyAction,
	request: () => Promise< Proposal >
): Thunk< Promise< Proposal > > {
	return async ( { dispatch, select } ) => {
		dispatch( setProposalBusy( id, busy ) );
		try {
			const proposal = await request();
			dispatch( receiveProposal( proposal ) );
			invalidateAfterDecision( dispatch, id, proposal.post );
			return proposal;
		} catch ( error ) {
			const apiError = toApiError( error );
			if ( STALE_CODES.has( apiError.code ) ) {
				// Someone else decided first, or the post moved: show the truth.
				invalidateAfterDecision(
					dispatch,
					id,
					select.getProposalSummary( id )?.post
				);
			}
			throw apiError;
		} finally {
			dispatch( setProposalBusy( id, null ) );
		}
	};
}

/**
 * Approves a pending proposal: the server backs up the post, applies the
 * change and answers with the proposal in its new state. Rejects with an
 * ApiError (e.g. `countersign_invalid_state` when another reviewer decided first).
 *
 * @example
 * ```ts
 * const { approveProposal } = useDispatch( proposalsStore );
 * const applied = await approveProposal( 42, { note: 'Thanks' } );
 * ```
 *
 * @param id   Proposal id.
 * @param args Reviewer edits that replace proposed values, and a note.
 * @return The applied proposal.
 */
export function approveProposal(
	id: number,
	args: ApproveArgs = {}
): Thunk< Promise< Proposal > > {
	return decide( id, 'approve', () => api.approveProposal( id, args ) );
}

/**
 * Rejects a pending proposal with a reason the agent will see.
 *
 * @example
 * ```ts
 * await dispatch( proposalsStore ).rejectProposal( 42, 'Off-brand tone.' );
 * ```
 *
 * @param id     Proposal id.
 * @param reason Why.
 * @return The rejected proposal.
 */
export function rejectProposal(
	id: number,
	reason: string
): Thunk< Promise< Proposal > > {
	return decide( id, 'reject', () => api.rejectProposal( id, reason ) );
}

/**
 * Restores a backup (undoing an applied proposal). The server snapshots the
 * current state first, and the answer names that new backup so the restore can be undone too.
 *
 * @example
 * ```ts
 * const { backup_id: undoId } = await dispatch( proposalsStore ).restoreBackup( 7 );
 * ```
 *
 * @param id Backup id.
 * @return The restore result.
 */
export function restoreBackup( id: number ): Thunk< Promise< RestoreResult > > {
	return async ( { dispatch } ) => {
		dispatch( setBackupRestoring( id, true ) );
		try {
			const result = await api.restoreBackup( id );
			// The restored proposal is now `reverted`; lists and the post's backups change.
			void dispatch.invalidateResolutionForStoreSelector(
				'getProposals'
			);
			void dispatch.invalidateResolutionForStoreSelector( 'getProposal' );
			void dispatch.invalidateResolution( 'getBackups', [ result.post ] );
			return result;
		} catch ( error ) {
			throw toApiError( error );
		} finally {
			dispatch( setBackupRestoring( id, false ) );
		}
	};
}

/**
 * Stores an agent as the server answered, keeping any one-time password out
 * of the store: it goes back to the caller only.
 *
 * @param request The API call.
 */
function storeAgent<
	T extends Agent & { application_password?: string | null },
>( request: Promise< T > ): Thunk< Promise< T > > {
	return async ( { dispatch } ) => {
		try {
			const agent = await request;
			const { application_password: _secret, ...stored } = agent;
			dispatch( receiveAgent( stored as Agent ) );
			return agent;
		} catch ( error ) {
			throw toApiError( error );
		}
	};
}

/**
 * Creates an agent. The application password is returned to the caller and
 * deliberately never kept in the store.
 *
 * @example
 * ```ts
 * const { application_password } = await dispatch( proposalsStore ).createAgent( {
 *     label: 'Claude on my MacBook',
 *     role: 'author',
 *     preset: 'draft_only',
 * } );
 * ```
 *
 * @param agent The new agent's settings.
 * @return The agent with its one-time application password.
 */
export function createAgent(
	agent: NewAgent
): Thunk< Promise< CreatedAgent > > {
	return storeAgent( api.createAgent( agent ) );
}

/**
 * Changes an agent's settings. A wider preset rotates its credentials: the
 * answer then carries the new application password, once.
 *
 * @param id    Agent user id.
 * @param patch Fields to change.
 */
export function updateAgent(
	id: number,
	patch: AgentPatch
): Thunk< Promise< UpdatedAgent > > {
	return storeAgent( api.updateAgent( id, patch ) );
}

/**
 * Pauses, resumes or revokes an agent.
 *
 * @param id     Agent user id.
 * @param action What to do.
 */
export function changeAgentStatus(
	id: number,
	action: AgentAction
): Thunk< Promise< Agent > > {
	return storeAgent( api.agentAction( id, action ) );
}

/**
 * Revokes an agent's application passwords and issues a new one.
 *
 * @param id Agent user id.
 */
export function rotateAgentCredentials(
	id: number
): Thunk< Promise< UpdatedAgent > > {
	return storeAgent( api.rotateCredentials( id ) );
}
