/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { AuditEntry } from '../api';

const str = ( value: unknown ): string =>
	typeof value === 'string' || typeof value === 'number'
		? String( value )
		: '';

const list = ( value: unknown ): string[] =>
	Array.isArray( value ) ? value.map( str ).filter( Boolean ) : [];

/**
 * A detail value as text: scalars as they are, a flat object as
 * "key: value, key: value", anything deeper as JSON.
 *
 * @param value Value.
 */
export function formatValue( value: unknown ): string {
	if ( typeof value === 'boolean' ) {
		return String( value );
	}
	if ( Array.isArray( value ) ) {
		return value.every( ( item ) => typeof item !== 'object' )
			? value.map( String ).join( ', ' )
			: JSON.stringify( value );
	}
	if ( typeof value === 'object' && value !== null ) {
		const entries = Object.entries( value );
		return entries.every(
			( [ , item ] ) => typeof item !== 'object' || item === null
		)
			? entries
					.map( ( [ key, item ] ) => `${ key }: ${ String( item ) }` )
					.join( ', ' )
			: JSON.stringify( value );
	}
	return str( value );
}

/**
 * One line saying what an entry records, for the table: the route and status
 * of a request, the fields of a proposal, the reason of a refusal.
 *
 * @example
 * ```ts
 * summarizeEntry( { action: 'request', details: { method: 'GET', route: '/countersign/v1/me', status: 200 } } );
 * // 'GET /countersign/v1/me → 200'
 * ```
 *
 * @param entry Audit entry.
 */
export function summarizeEntry(
	entry: Pick<
		AuditEntry,
		'action' | 'details' | 'proposal_id' | 'object_id'
	>
): string {
	const details = entry.details;
	if ( entry.action === 'request' ) {
		const code = str( details.code );
		return `${ str( details.method ) } ${ str( details.route ) } → ${ str(
			details.status
		) }${ code ? ` ${ code }` : '' }`;
	}
	if ( entry.action === 'proposal.refused' ) {
		return [
			str( details.code ),
			str( details.rule ),
			str( details.field ),
		]
			.filter( Boolean )
			.join( ' · ' );
	}
	const fields = list( details.fields );
	if ( fields.length > 0 ) {
		return sprintf(
			/* translators: %s: comma-separated field names. */
			__( 'Fields: %s', 'countersign' ),
			fields.join( ', ' )
		);
	}
	if ( str( details.reason ) ) {
		return str( details.reason );
	}
	if ( entry.action === 'agent.auto_paused' ) {
		return sprintf(
			/* translators: 1: refusals, 2: minutes. */
			__( '%1$s refusals within %2$s minutes', 'countersign' ),
			str( details.refusals ),
			str( details.minutes )
		);
	}
	if ( str( details.format ) ) {
		return str( details.format ).toUpperCase();
	}
	return '';
}

/**
 * An entry's detail, split into the sections the detail view shows. Each
 * section lists label/value pairs; keys the sections do not name stay in
 * `other` so nothing recorded is hidden.
 *
 * @param entry Audit entry.
 */
export function entrySections( entry: AuditEntry ): {
	request: Array< [ string, string ] >;
	change: Array< [ string, string ] >;
	decision: Array< [ string, string ] >;
	other: Record< string, unknown >;
} {
	const details = { ...entry.details };
	const take = ( key: string ): unknown => {
		const value = details[ key ];
		delete details[ key ];
		return value;
	};
	const pairs = ( entries: Array< [ string, unknown ] > ) =>
		entries
			.map( ( [ label, value ] ): [ string, string ] => [
				label,
				formatValue( value ),
			] )
			.filter( ( [ , value ] ) => value !== '' );
	const request = pairs( [
		[ __( 'Method', 'countersign' ), take( 'method' ) ],
		[ __( 'Route', 'countersign' ), take( 'route' ) ],
		[ __( 'HTTP status', 'countersign' ), take( 'status' ) ],
		[ __( 'Error code', 'countersign' ), take( 'code' ) ],
		[ __( 'Rule', 'countersign' ), take( 'rule' ) ],
		[ __( 'IP address', 'countersign' ), entry.ip ],
		[ __( 'Request id', 'countersign' ), entry.request_id ],
	] );
	const change = pairs( [
		[
			__( 'Fields', 'countersign' ),
			list( take( 'fields' ) ).join( ', ' ),
		],
		[ __( 'Risk', 'countersign' ), take( 'risk' ) ],
		[ __( 'Rationale', 'countersign' ), take( 'rationale' ) ],
		[ __( 'Source', 'countersign' ), take( 'source' ) ],
		[ __( 'Field', 'countersign' ), take( 'field' ) ],
		[ __( 'Before', 'countersign' ), take( 'before' ) ],
		[ __( 'After', 'countersign' ), take( 'after' ) ],
		[
			__( 'Merged', 'countersign' ),
			list( take( 'merged' ) ).join( ', ' ),
		],
		[ __( 'Backup', 'countersign' ), take( 'backup_id' ) ],
	] );
	const decision = pairs( [
		[ __( 'Reason', 'countersign' ), take( 'reason' ) ],
		[ __( 'Note', 'countersign' ), take( 'note' ) ],
		[ __( 'Edited by the reviewer', 'countersign' ), take( 'edited' ) ],
	] );
	return { request, change, decision, other: details };
}
