/**
 * Internal dependencies
 */
import { groupDescription, presetGroups, widens } from '../presets';

const map = {
	read_only: [ 'read' ],
	draft_only: [ 'read', 'create_edit', 'media_manage' ],
	seo_specialist: [ 'read', 'seo' ],
};

describe( 'presets', () => {
	it( 'reads a preset’s groups from the page’s map, read at least', () => {
		expect( presetGroups( 'draft_only', map ) ).toEqual( [
			'read',
			'create_edit',
			'media_manage',
		] );
		expect( presetGroups( 'full_access', map ) ).toEqual( [ 'read' ] );
	} );

	it( 'a preset widens when it grants any group the old one did not', () => {
		expect( widens( 'read_only', 'draft_only', map ) ).toBe( true );
		expect( widens( 'draft_only', 'read_only', map ) ).toBe( false );
		// Sideways: seo is new even though create_edit is lost.
		expect( widens( 'draft_only', 'seo_specialist', map ) ).toBe( true );
		expect( widens( 'draft_only', 'draft_only', map ) ).toBe( false );
	} );

	it( 'explains every group in a sentence', () => {
		for ( const group of [
			'read',
			'create_edit',
			'publish',
			'trash_restore',
			'media_manage',
			'taxonomy',
			'authors',
			'seo',
		] ) {
			expect( groupDescription( group ) ).toMatch( /\w+ .+\./u );
		}
		expect( groupDescription( 'unknown' ) ).toBe( 'unknown' );
	} );
} );
