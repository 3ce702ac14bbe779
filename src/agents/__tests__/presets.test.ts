/**
 * Internal dependencies
 */
import {
	effectiveGroups,
	groupDescription,
	presetGroups,
	widens,
} from '../presets';

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

	it( 'a change widens when it grants any group the old one did not', () => {
		const held = (
			preset: 'read_only' | 'draft_only' | 'seo_specialist'
		) => effectiveGroups( preset, [], map );
		expect( widens( held( 'read_only' ), held( 'draft_only' ) ) ).toBe(
			true
		);
		expect( widens( held( 'draft_only' ), held( 'read_only' ) ) ).toBe(
			false
		);
		// Sideways: seo is new even though create_edit is lost.
		expect( widens( held( 'draft_only' ), held( 'seo_specialist' ) ) ).toBe(
			true
		);
		expect( widens( held( 'draft_only' ), held( 'draft_only' ) ) ).toBe(
			false
		);
	} );

	it( 'custom holds read and the groups chosen; a named preset ignores them', () => {
		expect( effectiveGroups( 'custom', [ 'seo', 'read' ], map ) ).toEqual( [
			'read',
			'seo',
		] );
		expect(
			effectiveGroups( 'seo_specialist', [ 'publish' ], map )
		).toEqual( [ 'read', 'seo' ] );
		// Adding a group to a custom agent widens it; removing one does not.
		expect(
			widens(
				effectiveGroups( 'custom', [ 'seo' ], map ),
				effectiveGroups( 'custom', [ 'seo', 'publish' ], map )
			)
		).toBe( true );
		expect(
			widens(
				effectiveGroups( 'custom', [ 'seo', 'publish' ], map ),
				effectiveGroups( 'custom', [ 'seo' ], map )
			)
		).toBe( false );
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
