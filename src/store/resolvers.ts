/**
 * Internal dependencies
 */
import { api, toApiError, type ProposalQuery } from '../api';
import {
	receiveAgents,
	receiveBackups,
	receiveError,
	receiveProposal,
	receiveProposals,
} from './actions';
import { errorKeys, normalizeQuery } from './query';
import type { Thunk } from './types';

/*
 * Resolvers record failures in `state.errors` instead of throwing, so a
 * screen can show the message and the next invalidation retries.
 */

/**
 * Fetches a page of proposals for getProposals().
 *
 * @param query Filters.
 */
export function getProposals(
	query: ProposalQuery = {}
): Thunk< Promise< void > > {
	return async ( { dispatch } ) => {
		const normalized = normalizeQuery( query );
		const key = errorKeys.proposals( normalized );
		try {
			const page = await api.fetchProposals( normalized );
			dispatch( receiveProposals( normalized, page ) );
			dispatch( receiveError( key, null ) );
		} catch ( error ) {
			dispatch( receiveError( key, toApiError( error ) ) );
		}
	};
}

/**
 * Fetches one proposal with its field comparison for getProposal().
 *
 * @param id Proposal id.
 */
export function getProposal( id: number ): Thunk< Promise< void > > {
	return async ( { dispatch } ) => {
		const key = errorKeys.proposal( id );
		try {
			dispatch( receiveProposal( await api.fetchProposal( id ) ) );
			dispatch( receiveError( key, null ) );
		} catch ( error ) {
			dispatch( receiveError( key, toApiError( error ) ) );
		}
	};
}

/**
 * Fetches the agents for getAgents().
 */
export function getAgents(): Thunk< Promise< void > > {
	return async ( { dispatch } ) => {
		const key = errorKeys.agents();
		try {
			dispatch( receiveAgents( await api.fetchAgents() ) );
			dispatch( receiveError( key, null ) );
		} catch ( error ) {
			dispatch( receiveError( key, toApiError( error ) ) );
		}
	};
}

/**
 * Fetches a post's backups for getBackups().
 *
 * @param postId Target post id.
 */
export function getBackups( postId: number ): Thunk< Promise< void > > {
	return async ( { dispatch } ) => {
		const key = errorKeys.backups( postId );
		try {
			dispatch(
				receiveBackups( postId, await api.fetchBackups( postId ) )
			);
			dispatch( receiveError( key, null ) );
		} catch ( error ) {
			dispatch( receiveError( key, toApiError( error ) ) );
		}
	};
}
