/**
 * Internal dependencies
 */
import type { ProposalQuery } from '../api';

const QUERY_KEYS = [
	'agent',
	'orderby',
	'page',
	'per_page',
	'post',
	'risk',
	'search',
	'status',
] as const;

/**
 * Drops empty filters so that `{ post: 12 }` and `{ post: 12, status: undefined }`
 * share one cache entry, and returns the keys in a fixed order.
 *
 * @param query Filters as a caller wrote them.
 */
export function normalizeQuery( query: ProposalQuery = {} ): ProposalQuery {
	const normalized: ProposalQuery = {};
	for ( const key of QUERY_KEYS ) {
		const value = query[ key ];
		if (
			value === undefined ||
			value === null ||
			( value as unknown ) === ''
		) {
			continue;
		}
		// The switch keeps each key paired with its own value type.
		switch ( key ) {
			case 'status':
				normalized.status = query.status as NonNullable<
					ProposalQuery[ 'status' ]
				>;
				break;
			case 'search':
				normalized.search = String( value );
				break;
			case 'orderby':
				normalized.orderby = value === 'risk' ? 'risk' : 'date';
				break;
			case 'risk':
				normalized.risk = Number( value ) as NonNullable<
					ProposalQuery[ 'risk' ]
				>;
				break;
			default:
				normalized[ key ] = Number( value );
		}
	}
	if ( normalized.page === 1 ) {
		// Page 1 is the server default; keep one key for both spellings.
		delete normalized.page;
	}
	return normalized;
}

/**
 * A stable string key for a query: the same filters always give the same key.
 *
 * @example
 * ```ts
 * getQueryKey( { status: 'pending', post: 12 } ); // 'post=12&status=pending'
 * ```
 *
 * @param query Filters.
 */
export function getQueryKey( query: ProposalQuery = {} ): string {
	const normalized = normalizeQuery( query );
	return QUERY_KEYS.filter( ( key ) => normalized[ key ] !== undefined )
		.map( ( key ) => `${ key }=${ String( normalized[ key ] ) }` )
		.join( '&' );
}

/**
 * Keys under which reads record their last error in `state.errors`.
 */
export const errorKeys = {
	proposals: ( query: ProposalQuery = {} ): string =>
		`proposals?${ getQueryKey( query ) }`,
	proposal: ( id: number ): string => `proposal/${ id }`,
	agents: (): string => 'agents',
	backups: ( postId: number ): string => `backups/${ postId }`,
};
