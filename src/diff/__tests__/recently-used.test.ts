/**
 * Internal dependencies
 */
import { RecentlyUsed } from '../recently-used';

describe( 'RecentlyUsed', () => {
	it( 'keeps the last few values, dropping the least recently used', () => {
		const cache = new RecentlyUsed< string, number >( 2 );
		expect( cache.set( 'a', 1 ) ).toBe( 1 );
		cache.set( 'b', 2 );
		// Reading a makes b the least recently used.
		expect( cache.get( 'a' ) ).toBe( 1 );
		cache.set( 'c', 3 );
		expect( cache.get( 'b' ) ).toBeUndefined();
		expect( cache.get( 'a' ) ).toBe( 1 );
		expect( cache.get( 'c' ) ).toBe( 3 );
	} );

	it( 'compares keys with the given test', () => {
		const cache = new RecentlyUsed< { id: number }, string >(
			2,
			( a, b ) => a.id === b.id
		);
		cache.set( { id: 1 }, 'one' );
		expect( cache.get( { id: 1 } ) ).toBe( 'one' );
		expect( cache.get( { id: 2 } ) ).toBeUndefined();
	} );

	it( 'drops a value', () => {
		const cache = new RecentlyUsed< string, number[] >( 2 );
		const value = cache.set( 'a', [ 1 ] );
		cache.set( 'b', [ 2 ] );
		cache.delete( value );
		expect( cache.get( 'a' ) ).toBeUndefined();
		expect( cache.get( 'b' ) ).toEqual( [ 2 ] );
	} );
} );
