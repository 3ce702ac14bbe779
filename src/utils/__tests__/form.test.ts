/**
 * Internal dependencies
 */
import { changedFields } from '../form';

describe( 'changedFields', () => {
	it( 'keeps only the values that differ, objects compared by content', () => {
		expect(
			changedFields(
				{ a: 1, b: 'x', c: { title: 3 }, d: { title: 2 } },
				{ a: 1, b: 'y', c: { title: 3 }, d: { title: 4 } }
			)
		).toEqual( { b: 'y', d: { title: 4 } } );
	} );

	it( 'is empty when nothing changed', () => {
		expect( changedFields( { a: true }, { a: true } ) ).toEqual( {} );
	} );
} );
