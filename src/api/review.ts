/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { Proposal, ProposalStatus, RiskLevel } from './types';

const NAMESPACE = '/countersign/v1';

export type BatchAction = 'approve' | 'reject';

/** One item of a POST /proposals/batch answer: each id succeeds or fails on its own. */
export type BatchResult =
	| { id: number; ok: true; proposal: Proposal }
	| { id: number; ok: false; code: string; message: string; status: number };

/**
 * POST /proposals/batch.
 *
 * @param ids    Proposal ids (at most 100).
 * @param action approve or reject.
 * @param reason The rejection reason, or the approval note.
 */
export function batchDecide(
	ids: number[],
	action: BatchAction,
	reason?: string
): Promise< BatchResult[] > {
	return apiFetch< BatchResult[] >( {
		path: `${ NAMESPACE }/proposals/batch`,
		method: 'POST',
		data: reason === undefined ? { ids, action } : { ids, action, reason },
	} );
}

/** Filters the queue header's counts use (status may be a comma list). */
export interface CountQuery {
	status?: string;
	risk?: RiskLevel;
	agent?: number;
}

/**
 * How many proposals match, from X-WP-Total of a one-item page.
 *
 * @param query Filters.
 */
export async function countProposals( query: CountQuery ): Promise< number > {
	const response = await apiFetch< Response, false >( {
		path: addQueryArgs( `${ NAMESPACE }/proposals`, {
			...query,
			per_page: 1,
		} ),
		parse: false,
	} );
	const total = Number.parseInt(
		response.headers.get( 'X-WP-Total' ) ?? '',
		10
	);
	return Number.isNaN( total ) ? 0 : total;
}

/**
 * The most recent decided proposals (newest first), for the decisions chart.
 *
 * @param statuses Decided states to include.
 */
export function fetchRecentDecisions(
	statuses: ProposalStatus[] = [ 'applied', 'rejected', 'reverted' ]
): Promise< Proposal[] > {
	return apiFetch< Proposal[] >( {
		path: addQueryArgs( `${ NAMESPACE }/proposals`, {
			status: statuses.join( ',' ),
			per_page: 100,
		} ),
	} );
}
