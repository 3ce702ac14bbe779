/**
 * WordPress dependencies
 */
import type { View } from '@wordpress/dataviews/wp';

/**
 * Internal dependencies
 */
import type { AuditQuery } from '../api';

/** Outcomes the server writes. */
export const AUDIT_OUTCOMES = [ 'ok', 'refused', 'failed', 'pending' ] as const;

/** Every action the plugin records, for the action filter. */
export const AUDIT_ACTIONS = [
	'request',
	'proposal.submitted',
	'proposal.refused',
	'proposal.approved',
	'proposal.approval_recorded',
	'proposal.auto_applied',
	'proposal.rejected',
	'proposal.withdrawn',
	'proposal.superseded',
	'proposal.conflict',
	'proposal.failed',
	'intent.issued',
	'backup.restored',
	'backup.restore_failed',
	'agent.created',
	'agent.updated',
	'agent.paused',
	'agent.auto_paused',
	'agent.resumed',
	'agent.revoked',
	'agent.credentials_rotated',
	'settings.updated',
	'kill_switch.on',
	'kill_switch.off',
	'plugin.activated',
	'plugin.deactivated',
	'audit.exported',
	'audit.checkpoint',
] as const;

const KEYS = [
	'agent',
	'actor',
	'action',
	'outcome',
	'from',
	'to',
	'page',
	'per_page',
] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * A date filter value as the server's `from` (start of that day) or `to`
 * (its last second). Full datetimes pass through as UTC without the zone.
 *
 * @param value A date (YYYY-MM-DD) or a datetime.
 * @param edge  Which end of the day a bare date means.
 * @return 'YYYY-MM-DD HH:MM:SS' or undefined when the value is not a date.
 */
export function dateBound(
	value: unknown,
	edge: 'start' | 'end'
): string | undefined {
	if ( typeof value !== 'string' || value === '' ) {
		return undefined;
	}
	if ( DAY.test( value ) ) {
		return `${ value } ${ edge === 'start' ? '00:00:00' : '23:59:59' }`;
	}
	const time = new Date( value );
	if ( Number.isNaN( time.getTime() ) ) {
		return undefined;
	}
	return time.toISOString().slice( 0, 19 ).replace( 'T', ' ' );
}

/**
 * Translates the DataViews view (filters and page) into GET /audit's query:
 * agent, actor, action and outcome are exact matches; the date field maps
 * to `from` and `to` (on, after, before, between).
 *
 * @example
 * ```ts
 * viewToAuditQuery( { type: 'table', page: 2, perPage: 50, filters: [ { field: 'agent', operator: 'is', value: 7 } ] } );
 * // { agent: 7, page: 2, per_page: 50 }
 * ```
 *
 * @param view The current view.
 */
export function viewToAuditQuery( view: View ): AuditQuery {
	const query: AuditQuery = {
		page: view.page ?? 1,
		per_page: view.perPage ?? 50,
	};
	for ( const filter of view.filters ?? [] ) {
		const value: unknown = filter.value;
		if ( value === undefined || value === null || value === '' ) {
			continue;
		}
		switch ( filter.field ) {
			case 'agent':
			case 'actor':
				if ( filter.operator === 'is' && Number( value ) > 0 ) {
					query[ filter.field ] = Number( value );
				}
				break;
			case 'action':
			case 'outcome':
				if (
					filter.operator === 'is' &&
					typeof value === 'string' &&
					/^[a-z0-9_.]{1,64}$/u.test( value )
				) {
					query[ filter.field ] = value;
				}
				break;
			case 'created_at': {
				const assign = ( key: 'from' | 'to', bound?: string ) => {
					if ( bound !== undefined ) {
						query[ key ] = bound;
					}
				};
				if ( filter.operator === 'on' ) {
					assign( 'from', dateBound( value, 'start' ) );
					assign( 'to', dateBound( value, 'end' ) );
				} else if (
					filter.operator === 'after' ||
					filter.operator === 'afterInc'
				) {
					assign( 'from', dateBound( value, 'start' ) );
				} else if (
					filter.operator === 'before' ||
					filter.operator === 'beforeInc'
				) {
					assign( 'to', dateBound( value, 'end' ) );
				} else if (
					filter.operator === 'between' &&
					Array.isArray( value )
				) {
					assign( 'from', dateBound( value[ 0 ], 'start' ) );
					assign( 'to', dateBound( value[ 1 ], 'end' ) );
				}
				break;
			}
		}
	}
	return query;
}

/**
 * A stable cache key: the same filters always give the same key.
 *
 * @param query Filters.
 */
export function auditQueryKey( query: AuditQuery ): string {
	return KEYS.filter( ( key ) => query[ key ] !== undefined )
		.map( ( key ) => `${ key }=${ String( query[ key ] ) }` )
		.join( '&' );
}
