/**
 * Internal dependencies
 */
import {
	blockPosition,
	conflictReason,
	fieldConflicts,
} from '../conflict-resolver';

describe( 'fieldConflicts', () => {
	it( 'lists fields other than the content that moved and that the agent changes to something else', () => {
		expect(
			fieldConflicts( {
				fields: {
					title: { base: 'A', current: 'B', proposed: 'C' },
					excerpt: { base: 'A', current: 'A', proposed: 'C' },
					slug: { base: 'a', current: 'b', proposed: 'b' },
					content: { base: '1', current: '2', proposed: '3' },
					terms: {
						base: { category: [ 1 ] },
						current: { category: [ 2 ] },
						proposed: { category: [ 1, 3 ] },
					},
				},
			} )
		).toEqual( [
			{ name: 'title', current: 'B', proposed: 'C' },
			{
				name: 'terms',
				current: { category: [ 2 ] },
				proposed: { category: [ 1, 3 ] },
			},
		] );
	} );

	it( 'does not count a different key order as a change', () => {
		expect(
			fieldConflicts( {
				fields: {
					meta: {
						base: { a: 1, b: 2 },
						current: { b: 2, a: 1 },
						proposed: { a: 3, b: 2 },
					},
				},
			} )
		).toEqual( [] );
	} );
} );

describe( 'blockPosition', () => {
	it( 'counts from one, inner blocks after their parent', () => {
		expect( blockPosition( '0' ) ).toBe( 'Block 1' );
		expect( blockPosition( '3' ) ).toBe( 'Block 4' );
		expect( blockPosition( '1/0/2' ) ).toBe(
			'Block 2, inner block 1, inner block 3'
		);
	} );
} );

describe( 'conflictReason', () => {
	it( 'says who did what in words, for every reason the merge gives', () => {
		expect(
			conflictReason( 'deleted by the human, changed by the agent' )
		).toBe( 'Deleted on the site; the agent edited it.' );
		expect(
			conflictReason( 'changed by the human, deleted by the agent' )
		).toBe( 'Edited on the site; the agent deleted it.' );
		expect(
			conflictReason( 'moved to different places by both sides' )
		).toMatch( /^Moved on the site/ );
		expect(
			conflictReason( 'attributes changed differently by both sides' )
		).toMatch( /settings/ );
		expect( conflictReason( 'changed differently by both sides' ) ).toBe(
			'Edited on the site and, differently, by the agent.'
		);
	} );
} );
