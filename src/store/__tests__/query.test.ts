/**
 * Internal dependencies
 */
import { errorKeys, getQueryKey, normalizeQuery } from '../query';

describe( 'getQueryKey', () => {
	it( 'orders keys and drops empty filters', () => {
		expect( getQueryKey( { status: 'pending', post: 12 } ) ).toBe(
			'post=12&status=pending'
		);
		expect( getQueryKey( { post: 12, status: undefined } ) ).toBe(
			'post=12'
		);
		expect( getQueryKey() ).toBe( '' );
	} );

	it( 'treats page 1 as the default page', () => {
		expect( getQueryKey( { page: 1, post: 3 } ) ).toBe(
			getQueryKey( { post: 3 } )
		);
		expect( getQueryKey( { page: 2, post: 3 } ) ).toBe( 'page=2&post=3' );
	} );

	it( 'distinguishes different filters', () => {
		expect( getQueryKey( { post: 1 } ) ).not.toBe(
			getQueryKey( { agent: 1 } )
		);
	} );
} );

describe( 'normalizeQuery', () => {
	it( 'coerces numeric filters', () => {
		// A value from a URL arrives as a string.
		const fromUrl = { post: '12' as unknown as number, per_page: 100 };
		expect( normalizeQuery( fromUrl ) ).toEqual( {
			post: 12,
			per_page: 100,
		} );
	} );
} );

describe( 'errorKeys', () => {
	it( 'keys list errors by normalised query', () => {
		expect( errorKeys.proposals( { status: 'pending', page: 1 } ) ).toBe(
			'proposals?status=pending'
		);
		expect( errorKeys.proposal( 4 ) ).toBe( 'proposal/4' );
	} );
} );
