/**
 * WordPress dependencies
 */
import type { View } from '@wordpress/dataviews/wp';

/**
 * Internal dependencies
 */
import type { Proposal, ProposalQuery } from '../api';
import { utcDate } from '../utils/format';
import { PROPOSAL_STATUSES, toRiskLevel } from '../utils/labels';

export const DEFAULT_VIEW: View = {
	type: 'table',
	page: 1,
	perPage: 20,
	titleField: 'post',
	fields: [ 'agent', 'risk', 'status', 'created', 'changes' ],
	filters: [ { field: 'status', operator: 'is', value: 'pending' } ],
	layout: { density: 'compact' },
};

const isStatus = ( value: unknown ): value is ProposalQuery[ 'status' ] =>
	PROPOSAL_STATUSES.some( ( status ) => status === value );

/**
 * Translates the DataViews view (filters, search, sort, page) into the REST
 * query, so the server does the filtering and paging it supports.
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
		const value: unknown = filter.value;
		if ( filter.field === 'status' ) {
			if ( filter.operator === 'is' && isStatus( value ) ) {
				query.status = value;
			}
			if ( filter.operator === 'isAny' && Array.isArray( value ) ) {
				const list = value.filter( isStatus );
				if ( list.length > 0 ) {
					// The API takes a comma-separated list of states.
					query.status = list.join(
						','
					) as ProposalQuery[ 'status' ];
				}
			}
		}
		if ( filter.operator !== 'is' ) {
			continue;
		}
		if ( filter.field === 'agent' && Number( value ) > 0 ) {
			query.agent = Number( value );
		}
		if (
			filter.field === 'risk' &&
			Number( value ) >= 1 &&
			Number( value ) <= 5
		) {
			query.risk = toRiskLevel( Number( value ) );
		}
	}
	if ( view.search ) {
		query.search = view.search;
	}
	if ( view.sort?.field === 'risk' ) {
		query.orderby = 'risk';
	}
	return query;
}

/**
 * The filters GET /proposals does not support yet (post type, date), applied
 * to the page the server sent. Until the API takes `post_type`, `after` and
 * `before`, they narrow the current page only.
 *
 * @param view The current view.
 * @return A predicate for the page's items.
 */
export function clientFilter( view: View ): ( item: Proposal ) => boolean {
	const checks: Array< ( item: Proposal ) => boolean > = [];
	for ( const filter of view.filters ?? [] ) {
		const value: unknown = filter.value;
		if ( value === undefined || value === '' || value === null ) {
			continue;
		}
		if ( filter.field === 'post_type' && filter.operator === 'is' ) {
			checks.push( ( item ) => item.post_type === value );
		}
		if ( filter.field === 'created' && typeof value === 'string' ) {
			const limit = new Date( value ).getTime();
			if ( Number.isNaN( limit ) ) {
				continue;
			}
			if ( filter.operator === 'before' ) {
				checks.push(
					( item ) => utcDate( item.created ).getTime() < limit
				);
			}
			if ( filter.operator === 'after' ) {
				checks.push(
					( item ) => utcDate( item.created ).getTime() > limit
				);
			}
		}
	}
	return ( item ) => checks.every( ( check ) => check( item ) );
}
