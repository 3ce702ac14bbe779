/**
 * WordPress dependencies
 */
import type { View } from '@wordpress/dataviews/wp';

/**
 * Internal dependencies
 */
import { DEFAULT_VIEW, isDefaultView, nextView, viewToQuery } from '../view';

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

describe( 'nextView', () => {
	const cleared = ( view: View ): View => ( {
		...view,
		page: 1,
		search: '',
		filters: [],
	} );

	it( 'makes the filter bar’s Reset return to what needs a reviewer', () => {
		const searched = { ...DEFAULT_VIEW, search: 'fees' };
		expect( nextView( searched, cleared( searched ) ).filters ).toEqual(
			DEFAULT_VIEW.filters
		);
		const filtered: View = {
			...DEFAULT_VIEW,
			filters: [
				...( DEFAULT_VIEW.filters ?? [] ),
				{ field: 'risk', operator: 'is', value: 4 },
			],
		};
		expect( nextView( filtered, cleared( filtered ) ).filters ).toEqual(
			DEFAULT_VIEW.filters
		);
		const searchOnly: View = { ...DEFAULT_VIEW, filters: [], search: 'x' };
		expect( nextView( searchOnly, cleared( searchOnly ) ).filters ).toEqual(
			DEFAULT_VIEW.filters
		);
	} );

	it( 'lets a reviewer remove the status chip to see every state', () => {
		expect(
			nextView( DEFAULT_VIEW, cleared( DEFAULT_VIEW ) ).filters
		).toEqual( [] );
	} );

	it( 'passes every other change through', () => {
		const next = { ...DEFAULT_VIEW, page: 3 };
		expect( nextView( DEFAULT_VIEW, next ) ).toBe( next );
	} );

	it( 'knows the default view', () => {
		expect( isDefaultView( DEFAULT_VIEW ) ).toBe( true );
		expect( isDefaultView( { ...DEFAULT_VIEW, search: 'x' } ) ).toBe(
			false
		);
		expect(
			isDefaultView( {
				...DEFAULT_VIEW,
				sort: { field: 'risk', direction: 'desc' },
			} )
		).toBe( false );
	} );
} );
