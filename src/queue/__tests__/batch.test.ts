/**
 * Internal dependencies
 */
import type { Proposal } from '../../api';
import { batchSummary } from '../batch-summary';
import { viewToQuery } from '../view';

describe( 'batchSummary', () => {
	it( 'counts successes and lists each failure with its reason', () => {
		const summary = batchSummary( 'approve', [
			{ id: 1, ok: true, proposal: {} as Proposal },
			{ id: 2, ok: true, proposal: {} as Proposal },
			{
				id: 3,
				ok: false,
				code: 'countersign_conflict',
				message: 'The post changed.',
				status: 409,
			},
		] );
		expect( summary.ok ).toBe( 2 );
		expect( summary.text ).toBe( '2 proposals approved.' );
		expect( summary.failures ).toEqual( [ '#3: The post changed.' ] );
	} );

	it( 'says which approvals still wait for a second reviewer', () => {
		const proposal = ( status: Proposal[ 'status' ] ) =>
			( { status } ) as Proposal;
		expect(
			batchSummary( 'approve', [
				{ id: 1, ok: true, proposal: proposal( 'applied' ) },
				{ id: 2, ok: true, proposal: proposal( 'pending' ) },
			] ).text
		).toBe(
			'1 proposal approved. Your approval of 1 proposal is recorded; it needs a second reviewer before it applies.'
		);
		expect(
			batchSummary( 'approve', [
				{ id: 2, ok: true, proposal: proposal( 'pending' ) },
				{ id: 3, ok: true, proposal: proposal( 'pending' ) },
			] ).text
		).toBe(
			'Your approvals of 2 proposals are recorded; they need a second reviewer before they apply.'
		);
	} );

	it( 'words rejections', () => {
		expect(
			batchSummary( 'reject', [
				{ id: 1, ok: true, proposal: {} as Proposal },
			] ).text
		).toBe( '1 proposal rejected.' );
	} );
} );

describe( 'queue view', () => {
	it( 'maps risk, several statuses, search and risk sorting to the REST query', () => {
		expect(
			viewToQuery( {
				type: 'table',
				search: 'hours',
				sort: { field: 'risk', direction: 'desc' },
				filters: [
					{ field: 'risk', operator: 'is', value: 4 },
					{
						field: 'status',
						operator: 'isAny',
						value: [ 'pending', 'conflict' ],
					},
				],
			} )
		).toEqual( {
			page: 1,
			per_page: 20,
			risk: 4,
			status: 'pending,conflict',
			search: 'hours',
			orderby: 'risk',
			order: 'desc',
		} );
	} );

	it( 'sorts by date or risk in the direction asked, on the server', () => {
		expect(
			viewToQuery( {
				type: 'table',
				sort: { field: 'created', direction: 'asc' },
			} )
		).toMatchObject( { orderby: 'date', order: 'asc' } );
		expect(
			viewToQuery( {
				type: 'table',
				sort: { field: 'risk', direction: 'asc' },
			} )
		).toMatchObject( { orderby: 'risk', order: 'asc' } );
	} );

	it( 'sends post type and date filters to the server', () => {
		expect(
			viewToQuery( {
				type: 'table',
				filters: [
					{ field: 'post_type', operator: 'is', value: 'page' },
					{
						field: 'created',
						operator: 'after',
						value: '2026-11-10',
					},
					{
						field: 'created',
						operator: 'before',
						value: '2026-11-20',
					},
				],
			} )
		).toMatchObject( {
			post_type: 'page',
			after: '2026-11-10',
			before: '2026-11-20',
		} );
	} );
} );
