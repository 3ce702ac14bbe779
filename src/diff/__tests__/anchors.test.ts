/**
 * Internal dependencies
 */
import { alignIds, type Hunk } from '../anchors';

/**
 * Replays hunks: the kept pairs, checking the runs cover both sides exactly.
 * @param before
 * @param after
 * @param hunks
 */
function replay( before: number[], after: number[], hunks: Hunk[] ) {
	const kept: Array< [ number, number ] > = [];
	let i = 0;
	let j = 0;
	for ( const hunk of hunks ) {
		for ( let n = 0; n < hunk.count; n++ ) {
			if ( hunk.removed ) {
				i++;
			} else if ( hunk.added ) {
				j++;
			} else {
				kept.push( [ i++, j++ ] );
			}
		}
	}
	expect( [ i, j ] ).toEqual( [ before.length, after.length ] );
	for ( const [ a, b ] of kept ) {
		expect( before[ a ] ).toBe( after[ b ] );
	}
	return kept;
}

describe( 'alignIds', () => {
	it( 'keeps equal runs and reports removals and additions', () => {
		const hunks = alignIds( [ 1, 2, 3 ], [ 1, 3, 4 ], 100 );
		expect( hunks ).toEqual( [
			{ count: 1, added: false, removed: false },
			{ count: 1, added: false, removed: true },
			{ count: 1, added: false, removed: false },
			{ count: 1, added: true, removed: false },
		] );
	} );

	it( 'handles empty sides', () => {
		expect( alignIds( [], [], 10 ) ).toEqual( [] );
		expect( alignIds( [ 1, 2 ], [], 10 ) ).toEqual( [
			{ count: 2, added: false, removed: true },
		] );
		expect( alignIds( [], [ 7 ], 10 ) ).toEqual( [
			{ count: 1, added: true, removed: false },
		] );
	} );

	it( 'anchors on unique elements and matches repeated ones between them', () => {
		// 0 repeats (empty paragraphs); 5 and 9 are unique anchors.
		const before = [ 0, 5, 0, 0, 9, 0 ];
		const after = [ 0, 0, 5, 0, 9, 0, 0 ];
		const kept = replay( before, after, alignIds( before, after, 100 )! );
		expect( kept ).toContainEqual( [ 1, 2 ] );
		expect( kept ).toContainEqual( [ 4, 4 ] );
		expect( kept.length ).toBeGreaterThanOrEqual( 5 );
	} );

	it( 'a moved block is removed in one place and added in another', () => {
		const before = [ 1, 2, 3, 4, 5 ];
		const after = [ 1, 3, 4, 5, 2 ];
		const kept = replay( before, after, alignIds( before, after, 100 )! );
		expect( kept ).toHaveLength( 4 );
	} );

	it( 'replaces one element with another in two edits, within the limit', () => {
		const expected = [
			{ count: 1, added: false, removed: false },
			{ count: 1, added: false, removed: true },
			{ count: 1, added: true, removed: false },
			{ count: 1, added: false, removed: false },
		];
		expect( alignIds( [ 1, 2, 3 ], [ 1, 9, 3 ], 2 ) ).toEqual( expected );
		expect( alignIds( [ 1, 2, 3 ], [ 1, 9, 3 ], 100 ) ).toEqual( expected );
		// Two edits are more than a limit of one allows.
		expect( alignIds( [ 1, 2, 3 ], [ 1, 9, 3 ], 1 ) ).toBeUndefined();
		// Between anchors too.
		expect(
			alignIds( [ 5, 1, 6, 2, 7 ], [ 5, 3, 6, 4, 7 ], 1 )
		).toBeUndefined();
		expect(
			alignIds( [ 5, 1, 6, 2, 7 ], [ 5, 3, 6, 4, 7 ], 2 )
		).toHaveLength( 7 );
	} );

	it( 'gives up when a stretch without anchors exceeds the edit limit', () => {
		const before = Array.from( { length: 200 }, ( _, i ) => i % 2 );
		const after = Array.from( { length: 200 }, ( _, i ) => ( i + 1 ) % 3 );
		expect( alignIds( before, after, 2 ) ).toBeUndefined();
	} );

	it( 'always yields a valid alignment on random sequences', () => {
		let seed = 7;
		const random = ( n: number ) => {
			seed = ( seed * 1103515245 + 12345 ) % 2147483648;
			return seed % n;
		};
		for ( let round = 0; round < 200; round++ ) {
			const before = Array.from( { length: random( 40 ) }, () =>
				random( 25 )
			);
			const after = before
				.filter( () => random( 10 ) > 1 )
				.map( ( id ) => ( random( 10 ) === 0 ? random( 25 ) : id ) );
			const hunks = alignIds( before, after, 10_000 );
			expect( hunks ).toBeDefined();
			replay( before, after, hunks! );
		}
	} );
} );
