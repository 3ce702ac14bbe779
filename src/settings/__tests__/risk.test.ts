/**
 * Internal dependencies
 */
import { FIELD_LEVELS, overrideChoices } from '../risk';

const row = ( field: string ) => {
	const found = FIELD_LEVELS.find(
		( candidate ) => candidate.field === field
	);
	if ( ! found ) {
		throw new Error( field );
	}
	return found;
};

describe( 'risk overrides', () => {
	it( 'only offers levels above the lowest built-in one', () => {
		expect( overrideChoices( row( 'title' ) ) ).toEqual( [ 3, 4 ] );
		expect( overrideChoices( row( 'slug' ) ) ).toEqual( [ 3, 4 ] );
		expect( overrideChoices( row( 'terms' ) ) ).toEqual( [ 3, 4 ] );
	} );

	it( 'offers nothing for a field that is high risk everywhere', () => {
		expect( overrideChoices( row( 'author' ) ) ).toEqual( [] );
	} );

	it( 'lets a new upload be raised to 4 only, and media descriptions to 3 or 4', () => {
		expect( overrideChoices( row( 'media' ) ) ).toEqual( [ 4 ] );
		expect( overrideChoices( row( 'attachments' ) ) ).toEqual( [ 3, 4 ] );
	} );

	it( 'covers every change-set field', () => {
		expect( FIELD_LEVELS.map( ( r ) => r.field ) ).toEqual( [
			'title',
			'content',
			'excerpt',
			'slug',
			'status',
			'date',
			'author',
			'featured_media',
			'terms',
			'meta',
			'site_settings',
			'media',
			'attachments',
		] );
	} );
} );
