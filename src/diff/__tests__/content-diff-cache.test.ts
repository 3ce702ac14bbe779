/**
 * Internal dependencies
 */
import { loadContentDiff, peekContentDiff } from '../content-diff-cache';

const p = ( text: string ) =>
	`<!-- wp:paragraph -->\n<p>${ text }</p>\n<!-- /wp:paragraph -->`;
// Built each time, so equal keys are equal strings, never the same string by chance of interning.
const key = (
	proposalId: number,
	current = 'One two',
	proposed = 'One three'
) => ( {
	proposalId,
	current: [ p( 'Intro' ), p( current ) ].join( '\n\n' ),
	proposed: [ p( 'Intro' ), p( proposed ) ].join( '\n\n' ),
} );

describe( 'content diff cache', () => {
	it( 'computes a diff once and hands the same one back', async () => {
		expect( peekContentDiff( key( 1 ) ) ).toBeNull();
		const loading = loadContentDiff( key( 1 ) );
		// Being computed: a second load joins it, a peek has nothing yet.
		expect( loadContentDiff( key( 1 ) ) ).toBe( loading );
		expect( peekContentDiff( key( 1 ) ) ).toBeNull();
		const diff = await loading;
		expect( diff.stats.changed ).toBe( 1 );
		expect( peekContentDiff( key( 1 ) ) ).toBe( diff );
		await expect( loadContentDiff( key( 1 ) ) ).resolves.toBe( diff );
	} );

	it( 'keys on the proposal and both versions of the content', async () => {
		const diff = await loadContentDiff( key( 2 ) );
		expect( peekContentDiff( key( 3 ) ) ).toBeNull();
		expect( peekContentDiff( key( 2, 'One four' ) ) ).toBeNull();
		expect( peekContentDiff( key( 2, 'One two', 'One two' ) ) ).toBeNull();
		const unchanged = await loadContentDiff(
			key( 2, 'One two', 'One two' )
		);
		expect( unchanged ).not.toBe( diff );
		expect( unchanged.stats.changed ).toBe( 0 );
		// Both stay cached side by side.
		expect( peekContentDiff( key( 2 ) ) ).toBe( diff );
		expect( peekContentDiff( key( 2, 'One two', 'One two' ) ) ).toBe(
			unchanged
		);
	} );

	it( 'keeps the last four, dropping the least recently used', async () => {
		const first = await loadContentDiff( key( 10 ) );
		const second = await loadContentDiff( key( 11 ) );
		await loadContentDiff( key( 12 ) );
		await loadContentDiff( key( 13 ) );
		// Using the first makes the second the oldest.
		expect( peekContentDiff( key( 10 ) ) ).toBe( first );
		await loadContentDiff( key( 14 ) );
		expect( peekContentDiff( key( 11 ) ) ).toBeNull();
		expect( peekContentDiff( key( 10 ) ) ).toBe( first );
		expect( peekContentDiff( key( 12 ) ) ).not.toBeNull();
		expect( peekContentDiff( key( 13 ) ) ).not.toBeNull();
		expect( peekContentDiff( key( 14 ) ) ).not.toBeNull();
		// An evicted diff is computed again.
		const again = await loadContentDiff( key( 11 ) );
		expect( again ).not.toBe( second );
		expect( again.stats.changed ).toBe( 1 );
	} );
} );
