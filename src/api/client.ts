/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import { NAMESPACE } from './constants';
import type {
	Agent,
	AgentAction,
	AgentPatch,
	ApproveArgs,
	Backup,
	ConflictResolution,
	ConflictSide,
	CreatedAgent,
	NewAgent,
	Proposal,
	ProposalDetail,
	ProposalPage,
	ProposalQuery,
	RestoreResult,
	Settings,
	UpdatedAgent,
} from './types';

export { NAMESPACE };

/**
 * Reads an integer response header, falling back when it is missing
 * (some proxies strip X-WP-* headers).
 *
 * @param response The raw response.
 * @param name     Header name.
 * @param fallback Value to use when the header is absent or not a number.
 */
function intHeader(
	response: Response,
	name: string,
	fallback: number
): number {
	const value = Number.parseInt( response.headers.get( name ) ?? '', 10 );
	return Number.isNaN( value ) ? fallback : value;
}

/**
 * GET /proposals, with the pagination headers.
 *
 * @param query Filters.
 */
export async function fetchProposals(
	query: ProposalQuery
): Promise< ProposalPage > {
	const response = await apiFetch< Proposal[], false >( {
		path: addQueryArgs( `${ NAMESPACE }/proposals`, { ...query } ),
		parse: false,
	} );
	const items = ( await response.json() ) as Proposal[];
	return {
		items,
		total: intHeader( response, 'X-WP-Total', items.length ),
		totalPages: intHeader( response, 'X-WP-TotalPages', 1 ),
	};
}

/**
 * GET /proposals/{id}: the proposal with each changed field's base, current and proposed value.
 *
 * @param id Proposal id.
 */
export function fetchProposal( id: number ): Promise< ProposalDetail > {
	return apiFetch< ProposalDetail >( {
		path: `${ NAMESPACE }/proposals/${ id }`,
	} );
}

/**
 * POST /proposals/{id}/approve.
 *
 * @param id   Proposal id.
 * @param args Optional reviewer edits and note.
 */
export function approveProposal(
	id: number,
	args: ApproveArgs = {}
): Promise< Proposal > {
	return apiFetch< Proposal >( {
		path: `${ NAMESPACE }/proposals/${ id }/approve`,
		method: 'POST',
		data: args,
	} );
}

/**
 * GET /proposals/{id}/conflicts: the blocks in conflict with the post as it is
 * now, and the content merged with the reviewer's sides once each block has one.
 *
 * @param id      Proposal id.
 * @param choices Conflict path => the side that wins there.
 */
export function fetchConflicts(
	id: number,
	choices: Record< string, ConflictSide > = {}
): Promise< ConflictResolution > {
	return apiFetch< ConflictResolution >( {
		path: addQueryArgs( `${ NAMESPACE }/proposals/${ id }/conflicts`, {
			choices,
		} ),
	} );
}

/**
 * POST /proposals/{id}/reject.
 *
 * @param id     Proposal id.
 * @param reason Why, shown to the agent and kept in the audit log.
 */
export function rejectProposal(
	id: number,
	reason: string
): Promise< Proposal > {
	return apiFetch< Proposal >( {
		path: `${ NAMESPACE }/proposals/${ id }/reject`,
		method: 'POST',
		data: { reason },
	} );
}

/**
 * POST /proposals/{id}/withdraw (the proposing agent only).
 *
 * @param id Proposal id.
 */
export function withdrawProposal( id: number ): Promise< Proposal > {
	return apiFetch< Proposal >( {
		path: `${ NAMESPACE }/proposals/${ id }/withdraw`,
		method: 'POST',
	} );
}

/**
 * GET /posts/{id}/backups, newest first.
 *
 * @param postId Target post id.
 */
export function fetchBackups( postId: number ): Promise< Backup[] > {
	return apiFetch< Backup[] >( {
		path: `${ NAMESPACE }/posts/${ postId }/backups`,
	} );
}

/**
 * POST /backups/{id}/restore.
 *
 * @param id Backup id.
 */
export function restoreBackup( id: number ): Promise< RestoreResult > {
	return apiFetch< RestoreResult >( {
		path: `${ NAMESPACE }/backups/${ id }/restore`,
		method: 'POST',
	} );
}

/**
 * GET /agents.
 */
export function fetchAgents(): Promise< Agent[] > {
	return apiFetch< Agent[] >( { path: `${ NAMESPACE }/agents` } );
}

/**
 * POST /agents. The answer carries the application password, once.
 *
 * @param agent The new agent's settings.
 */
export function createAgent( agent: NewAgent ): Promise< CreatedAgent > {
	return apiFetch< CreatedAgent >( {
		path: `${ NAMESPACE }/agents`,
		method: 'POST',
		data: agent,
	} );
}

/**
 * PUT /agents/{id}. Widening the preset rotates the agent's credentials: the
 * answer then carries the new application password, once.
 *
 * @param id    Agent user id.
 * @param patch Fields to change.
 */
export function updateAgent(
	id: number,
	patch: AgentPatch
): Promise< UpdatedAgent > {
	return apiFetch< UpdatedAgent >( {
		path: `${ NAMESPACE }/agents/${ id }`,
		method: 'PUT',
		data: patch,
	} );
}

/**
 * POST /agents/{id}/pause|resume|revoke.
 *
 * @param id     Agent user id.
 * @param action What to do.
 */
export function agentAction(
	id: number,
	action: AgentAction
): Promise< Agent > {
	return apiFetch< Agent >( {
		path: `${ NAMESPACE }/agents/${ id }/${ action }`,
		method: 'POST',
	} );
}

/**
 * POST /agents/{id}/credentials: revokes the agent's application passwords and
 * issues a new one, returned once.
 *
 * @param id Agent user id.
 */
export function rotateCredentials( id: number ): Promise< UpdatedAgent > {
	return apiFetch< UpdatedAgent >( {
		path: `${ NAMESPACE }/agents/${ id }/credentials`,
		method: 'POST',
	} );
}

/**
 * GET /settings.
 */
export function fetchSettings(): Promise< Settings > {
	return apiFetch< Settings >( { path: `${ NAMESPACE }/settings` } );
}

/**
 * PUT /settings.
 *
 * @param patch Settings to change.
 */
export function updateSettings(
	patch: Partial< Settings >
): Promise< Settings > {
	return apiFetch< Settings >( {
		path: `${ NAMESPACE }/settings`,
		method: 'PUT',
		data: patch,
	} );
}
