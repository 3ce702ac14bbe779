/**
 * Internal dependencies
 */
import { diffableFields, movedFields } from '../fields';

describe( 'diffableFields', () => {
	it( 'compares current with proposed, title and excerpt before content, others after', () => {
		const fields = diffableFields( {
			fields: {
				slug: { base: 'a', current: 'a', proposed: 'b' },
				content: {
					base: '<p>1</p>',
					current: '<p>2</p>',
					proposed: '<p>3</p>',
				},
				title: { base: 'T', current: 'T', proposed: 'T2' },
				excerpt: { base: '', current: null, proposed: 'E' },
			},
		} );
		expect( fields.map( ( field ) => field.name ) ).toEqual( [
			'title',
			'excerpt',
			'content',
			'slug',
		] );
		expect( fields[ 2 ] ).toEqual( {
			name: 'content',
			label: 'Content',
			before: '<p>2</p>',
			after: '<p>3</p>',
		} );
		expect( fields[ 1 ]?.before ).toBe( '' );
	} );

	it( 'returns nothing for no fields', () => {
		expect( diffableFields( { fields: {} } ) ).toEqual( [] );
	} );
} );

describe( 'movedFields', () => {
	it( 'names the fields edited since the agent read them', () => {
		expect(
			movedFields( {
				fields: {
					title: { base: 'T', current: 'T', proposed: 'T2' },
					content: {
						base: '<p>1</p>',
						current: '<p>2</p>',
						proposed: '<p>3</p>',
					},
				},
			} )
		).toEqual( [ 'content' ] );
	} );
} );
