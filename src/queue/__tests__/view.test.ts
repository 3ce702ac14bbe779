/**
 * Internal dependencies
 */
import { DEFAULT_VIEW, viewToQuery } from '../view';

describe( 'viewToQuery', () => {
	it( 'shows what needs a reviewer by default: pending, conflicts and failed applies', () => {
		expect( viewToQuery( DEFAULT_VIEW ) ).toEqual( {
			status: 'pending,conflict,failed',
			page: 1,
			per_page: 20,
		} );
	} );

	it( 'maps status and agent filters and paging', () => {
		expect(
			viewToQuery( {
				type: 'table',
				page: 3,
				perPage: 50,
				filters: [
					{ field: 'status', operator: 'is', value: 'applied' },
					{ field: 'agent', operator: 'is', value: 7 },
				],
			} )
		).toEqual( { status: 'applied', agent: 7, page: 3, per_page: 50 } );
	} );

	it( 'ignores unknown statuses, cleared filters and other operators', () => {
		expect(
			viewToQuery( {
				type: 'table',
				filters: [
					{ field: 'status', operator: 'is', value: 'bogus' },
					{ field: 'agent', operator: 'is', value: undefined },
					{ field: 'agent', operator: 'isNot', value: 7 },
				],
			} )
		).toEqual( { page: 1, per_page: 20 } );
	} );
} );
