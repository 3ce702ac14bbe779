/**
 * WordPress dependencies
 */
import { combineReducers } from '@wordpress/data';

/**
 * Internal dependencies
 */
import type { Agent, ApiError, Backup, Proposal, ProposalDetail } from '../api';
import type { Action, BusyAction, QueryResult, State } from './types';

/**
 * Proposals by id. Every answer that carries a proposal (list, detail,
 * approve, reject) lands here, so each card sees the newest status.
 *
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function proposals(
	state: Record< number, Proposal > = {},
	action: Action
): Record< number, Proposal > {
	switch ( action.type ) {
		case 'RECEIVE_PROPOSALS': {
			if ( action.items.length === 0 ) {
				return state;
			}
			const next = { ...state };
			for ( const item of action.items ) {
				next[ item.id ] = item;
			}
			return next;
		}
		case 'RECEIVE_PROPOSAL': {
			// Keep the list item lean: `fields` belongs in `details`.
			const { fields: _fields, ...proposal } =
				action.proposal as ProposalDetail;
			return { ...state, [ proposal.id ]: proposal };
		}
	}
	return state;
}

/**
 * Proposal details (with `fields`). A decision answer has no `fields`; it
 * updates the status but keeps the last comparison until the detail is fetched again.
 *
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function details(
	state: Record< number, ProposalDetail > = {},
	action: Action
): Record< number, ProposalDetail > {
	if ( action.type !== 'RECEIVE_PROPOSAL' ) {
		return state;
	}
	const { proposal } = action;
	if ( 'fields' in proposal ) {
		return { ...state, [ proposal.id ]: proposal };
	}
	const previous = state[ proposal.id ];
	if ( ! previous ) {
		return state;
	}
	return {
		...state,
		[ proposal.id ]: { ...proposal, fields: previous.fields },
	};
}

/**
 * List answers by normalised query key.
 *
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function queries(
	state: Record< string, QueryResult > = {},
	action: Action
): Record< string, QueryResult > {
	if ( action.type !== 'RECEIVE_PROPOSALS' ) {
		return state;
	}
	return {
		...state,
		[ action.queryKey ]: {
			ids: action.items.map( ( item ) => item.id ),
			total: action.total,
			totalPages: action.totalPages,
		},
	};
}

/**
 * The agents list; null until received.
 *
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function agents(
	state: Agent[] | null = null,
	action: Action
): Agent[] | null {
	switch ( action.type ) {
		case 'RECEIVE_AGENTS':
			return action.agents;
		case 'RECEIVE_AGENT': {
			const list = state ?? [];
			const index = list.findIndex(
				( agent ) => agent.id === action.agent.id
			);
			if ( index === -1 ) {
				return [ action.agent, ...list ];
			}
			const next = [ ...list ];
			next[ index ] = action.agent;
			return next;
		}
	}
	return state;
}

/**
 * Backups by post id.
 *
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function backups(
	state: Record< number, Backup[] > = {},
	action: Action
): Record< number, Backup[] > {
	if ( action.type !== 'RECEIVE_BACKUPS' ) {
		return state;
	}
	return { ...state, [ action.postId ]: action.backups };
}

/**
 * Proposals with a decision request in flight.
 *
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function busyProposals(
	state: Record< number, BusyAction > = {},
	action: Action
): Record< number, BusyAction > {
	if ( action.type !== 'SET_PROPOSAL_BUSY' ) {
		return state;
	}
	if ( action.action === null ) {
		if ( ! ( action.id in state ) ) {
			return state;
		}
		const { [ action.id ]: _done, ...rest } = state;
		return rest;
	}
	return { ...state, [ action.id ]: action.action };
}

/**
 * Backups being restored.
 *
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function restoringBackups(
	state: Record< number, true > = {},
	action: Action
): Record< number, true > {
	if ( action.type !== 'SET_BACKUP_RESTORING' ) {
		return state;
	}
	if ( ! action.restoring ) {
		if ( ! ( action.id in state ) ) {
			return state;
		}
		const { [ action.id ]: _done, ...rest } = state;
		return rest;
	}
	return { ...state, [ action.id ]: true };
}

/**
 * The last error of each read; cleared by a successful read of the same key.
 *
 * @param state  Current state.
 * @param action Dispatched action.
 */
export function errors(
	state: Record< string, ApiError > = {},
	action: Action
): Record< string, ApiError > {
	if ( action.type !== 'RECEIVE_ERROR' ) {
		return state;
	}
	if ( action.error === null ) {
		if ( ! ( action.key in state ) ) {
			return state;
		}
		const { [ action.key ]: _cleared, ...rest } = state;
		return rest;
	}
	return { ...state, [ action.key ]: action.error };
}

const reducer = combineReducers( {
	proposals,
	details,
	queries,
	agents,
	backups,
	busyProposals,
	restoringBackups,
	errors,
} ) as ( state: State | undefined, action: Action ) => State;

export default reducer;
