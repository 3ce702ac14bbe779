/**
 * WordPress dependencies
 */
import type { View } from '@wordpress/dataviews/wp';

/**
 * Internal dependencies
 */
import type { ProposalQuery } from '../api';
import { PROPOSAL_STATUSES } from '../utils/labels';

export const DEFAULT_VIEW: View = {
	type: 'table',
	page: 1,
	perPage: 20,
	titleField: 'post',
	fields: [ 'agent', 'risk', 'status', 'created', 'changes' ],
	filters: [ { field: 'status', operator: 'is', value: 'pending' } ],
	layout: { density: 'compact' },
};

/**
 * Translates the DataViews view (filters, page) into the REST query, so the
 * server does the filtering and paging.
 *
 * @example
 * ```ts
 * viewToQuery( DEFAULT_VIEW ); // { status: 'pending', page: 1, per_page: 20 }
 * ```
 *
 * @param view The current view.
 */
export function viewToQuery( view: View ): ProposalQuery {
	const query: ProposalQuery = {
		page: view.page ?? 1,
		per_page: view.perPage ?? 20,
	};
	for ( const filter of view.filters ?? [] ) {
		if ( filter.operator !== 'is' ) {
			continue;
		}
		const value: unknown = filter.value;
		if (
			filter.field === 'status' &&
			PROPOSAL_STATUSES.some( ( status ) => status === value )
		) {
			query.status = value as ProposalQuery[ 'status' ] & string;
		}
		if ( filter.field === 'agent' && Number( value ) > 0 ) {
			query.agent = Number( value );
		}
	}
	return query;
}
