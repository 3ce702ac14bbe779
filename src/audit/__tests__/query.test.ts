/**
 * WordPress dependencies
 */
import type { View } from '@wordpress/dataviews/wp';

/**
 * Internal dependencies
 */
import { auditQueryKey, dateBound, viewToAuditQuery } from '../query';

const view = (
	filters: NonNullable< View[ 'filters' ] >,
	page = 1
): View => ( {
	type: 'table',
	page,
	perPage: 50,
	filters,
} );

describe( 'viewToAuditQuery', () => {
	it( 'pages on the server', () => {
		expect( viewToAuditQuery( view( [], 3 ) ) ).toEqual( {
			page: 3,
			per_page: 50,
		} );
	} );

	it( 'maps agent, actor, action and outcome', () => {
		expect(
			viewToAuditQuery(
				view( [
					{ field: 'agent', operator: 'is', value: 7 },
					{ field: 'actor', operator: 'is', value: '3' },
					{
						field: 'action',
						operator: 'is',
						value: 'proposal.approved',
					},
					{ field: 'outcome', operator: 'is', value: 'refused' },
				] )
			)
		).toEqual( {
			page: 1,
			per_page: 50,
			agent: 7,
			actor: 3,
			action: 'proposal.approved',
			outcome: 'refused',
		} );
	} );

	it( 'drops empty and malformed filters', () => {
		expect(
			viewToAuditQuery(
				view( [
					{ field: 'agent', operator: 'is', value: undefined },
					{ field: 'agent', operator: 'isNot', value: 3 },
					{ field: 'action', operator: 'is', value: 'DROP TABLE' },
					{ field: 'outcome', operator: 'is', value: '' },
				] )
			)
		).toEqual( { page: 1, per_page: 50 } );
	} );

	it.each( [
		[
			'on',
			'2026-11-20',
			{ from: '2026-11-20 00:00:00', to: '2026-11-20 23:59:59' },
		],
		[ 'after', '2026-11-20', { from: '2026-11-20 00:00:00' } ],
		[ 'before', '2026-11-20', { to: '2026-11-20 23:59:59' } ],
		[
			'between',
			[ '2026-11-01', '2026-11-07' ],
			{ from: '2026-11-01 00:00:00', to: '2026-11-07 23:59:59' },
		],
	] )(
		'maps the date operator %s to from/to',
		( operator, value, bounds ) => {
			expect(
				viewToAuditQuery(
					view( [
						{
							field: 'created_at',
							operator: operator as 'on',
							value,
						},
					] )
				)
			).toEqual( { page: 1, per_page: 50, ...bounds } );
		}
	);
} );

describe( 'dateBound', () => {
	it( 'turns datetimes into UTC without a zone and ignores non-dates', () => {
		expect( dateBound( '2026-11-20T10:11:12Z', 'start' ) ).toBe(
			'2026-11-20 10:11:12'
		);
		expect( dateBound( 'yesterday-ish', 'end' ) ).toBeUndefined();
		expect( dateBound( 5, 'end' ) ).toBeUndefined();
	} );
} );

describe( 'auditQueryKey', () => {
	it( 'is the same whatever the order of the keys', () => {
		expect( auditQueryKey( { page: 2, agent: 4, outcome: 'ok' } ) ).toBe(
			auditQueryKey( { outcome: 'ok', agent: 4, page: 2 } )
		);
		expect( auditQueryKey( { agent: 4, page: 2 } ) ).toBe(
			'agent=4&page=2'
		);
	} );
} );
