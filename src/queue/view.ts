/**
 * WordPress dependencies
 */
import type { View } from '@wordpress/dataviews/wp';

/**
 * Internal dependencies
 */
import type { ProposalQuery } from '../api';
import { PROPOSAL_STATUSES, toRiskLevel } from '../utils/labels';
import { OPEN_STATUSES } from '../utils/status';

export const DEFAULT_VIEW: View = {
	type: 'table',
	page: 1,
	perPage: 20,
	titleField: 'post',
	fields: [ 'agent', 'risk', 'status', 'created', 'changes' ],
	// What needs a reviewer: waiting, in conflict (resolve in the editor) or failed (approve again to retry).
	filters: [
		{
			field: 'status',
			operator: 'isAny',
			value: OPEN_STATUSES,
		},
	],
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
 * viewToQuery( DEFAULT_VIEW ); // { status: 'pending,conflict,failed', page: 1, per_page: 20 }
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
		if (
			filter.field === 'created' &&
			typeof value === 'string' &&
			value !== '' &&
			( filter.operator === 'before' || filter.operator === 'after' )
		) {
			query[ filter.operator ] = value;
		}
		if ( filter.operator !== 'is' ) {
			continue;
		}
		if (
			filter.field === 'post_type' &&
			typeof value === 'string' &&
			value !== ''
		) {
			query.post_type = value;
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
	if ( view.sort?.field === 'risk' || view.sort?.field === 'created' ) {
		query.orderby = view.sort.field === 'risk' ? 'risk' : 'date';
		query.order = view.sort.direction;
	}
	return query;
}

/** Columns kept beside the side panel, so none is cut off: who, how risky, where it stands. */
export const PANEL_FIELDS = [ 'agent', 'risk', 'status' ];

/**
 * The next view, with the filter bar's Reset meaning "back to the default
 * view" (what needs a reviewer) rather than "no filters at all", which would
 * list every decided proposal too. Removing the one status chip still shows
 * every state: that is a choice, not a reset.
 *
 * @example
 * ```ts
 * nextView( { ...DEFAULT_VIEW, search: 'fees' }, { ...DEFAULT_VIEW, search: '', filters: [] } ); // DEFAULT_VIEW's filters
 * ```
 *
 * @param previous The view before the change.
 * @param next     The view DataViews asks for.
 */
export function nextView( previous: View, next: View ): View {
	const before = previous.filters ?? [];
	const cleared =
		( next.search ?? '' ) === '' && ( next.filters ?? [] ).length === 0;
	const removedOneStatusChip =
		( previous.search ?? '' ) === '' &&
		before.length === 1 &&
		before[ 0 ]?.field === 'status';
	if ( cleared && before.length > 0 && ! removedOneStatusChip ) {
		return { ...next, filters: DEFAULT_VIEW.filters ?? [] };
	}
	if ( cleared && before.length === 0 && ( previous.search ?? '' ) !== '' ) {
		return { ...next, filters: DEFAULT_VIEW.filters ?? [] };
	}
	return next;
}

/**
 * Whether the view is the default one (what Reset view returns to).
 *
 * @param view The view.
 */
export function isDefaultView( view: View ): boolean {
	return (
		( view.search ?? '' ) === '' &&
		JSON.stringify( view.filters ?? [] ) ===
			JSON.stringify( DEFAULT_VIEW.filters ) &&
		JSON.stringify( view.sort ?? null ) ===
			JSON.stringify( DEFAULT_VIEW.sort ?? null ) &&
		JSON.stringify( view.fields ) === JSON.stringify( DEFAULT_VIEW.fields )
	);
}
