/**
 * External dependencies
 */
import { diffArrays, diffWords } from 'diff';

/**
 * Internal dependencies
 */
import { diffIds } from '../myers';
import { wordDiff } from '../text';

// A deterministic PRNG, so a failure reproduces.
const generator = ( seed: number ) => () => {
	seed = ( seed * 1664525 + 1013904223 ) % 4294967296;
	return seed / 4294967296;
};

const runsOf = (
	changes: Array< { count?: number; added?: boolean; removed?: boolean } >
) =>
	changes.map( ( change ) => ( {
		count: change.count,
		added: !! change.added,
		removed: !! change.removed,
	} ) );

const partsOf = (
	changes: Array< { value: string; added?: boolean; removed?: boolean } >
) =>
	changes.map( ( change ) => ( {
		value: change.value,
		added: !! change.added,
		removed: !! change.removed,
	} ) );

describe( 'diffIds', () => {
	it( 'finds the runs jsdiff finds, tie-breaks and edit limit included', () => {
		const random = generator( 7 );
		for ( let n = 0; n < 2000; n++ ) {
			const alphabet = 1 + Math.floor( random() * 6 );
			const sequence = () =>
				Array.from( { length: Math.floor( random() * 25 ) }, () =>
					Math.floor( random() * alphabet )
				);
			const before = sequence();
			const after = sequence();
			const limit = [ 1, 2, 3, 5, 8, 100 ][ n % 6 ]!;
			const expected = diffArrays( before, after, {
				maxEditLength: limit,
			} );
			const actual = diffIds( before, after, limit, Infinity );
			expect( actual && runsOf( actual ) ).toEqual(
				expected && runsOf( expected )
			);
		}
	} );

	it( 'stays right across calls of any size (its arrays are reused)', () => {
		const random = generator( 3 );
		const sequence = ( length: number, alphabet: number ) =>
			Array.from( { length }, () => Math.floor( random() * alphabet ) );
		// Past the kept arrays' size, past the size kept between calls, then small again.
		for ( const [ length, alphabet ] of [
			[ 8, 3 ],
			[ 300, 20 ],
			[ 400, 1000 ],
			[ 12, 4 ],
			[ 60, 5 ],
		] as const ) {
			const before = sequence( length, alphabet );
			const after = sequence( length, alphabet );
			expect(
				runsOf( diffIds( before, after, 2_000, Infinity )! )
			).toEqual( runsOf( diffArrays( before, after ) ) );
		}
	} );

	it( 'gives up when the time is spent', () => {
		expect( diffIds( [ 1, 2 ], [ 2, 1 ], 100, -1 ) ).toBeUndefined();
		expect( diffIds( [ 1, 2 ], [ 1, 2 ], 100, -1 ) ).toEqual( [
			{ count: 2, added: false, removed: false },
		] );
	} );

	it( 'handles empty sides', () => {
		expect( diffIds( [], [], 10, 100 ) ).toEqual( [] );
		expect( diffIds( [ 1 ], [], 10, 100 ) ).toEqual( [
			{ count: 1, added: false, removed: true },
		] );
		expect( diffIds( [ 1 ], [ 2 ], 0, 100 ) ).toBeUndefined();
	} );
} );

describe( 'wordDiff', () => {
	it( 'gives the answer of jsdiff diffWords, whitespace and punctuation included', () => {
		const random = generator( 11 );
		const pieces = [
			'a',
			'b',
			'the',
			'The',
			'naïve',
			'café',
			'数据',
			'🙂',
			'x-y',
			"it's",
			'—',
			'.',
			',',
			'(',
			'"',
			'1,000',
			'  ',
			' ',
			'\n',
			'\t',
			'\u00a0',
			// The edges of jsdiff's word and whitespace classes.
			'\u2003',
			'\u3000',
			'\ufeff',
			'\u000b',
			'co\u00adop',
			'\u1e9e\u1eff',
			'\u02c7',
			'\u02c8\u02d7',
			'\u02d8',
			'\u00d7',
			'\u00f7',
			'\u1f00',
		];
		const pick = () => pieces[ Math.floor( random() * pieces.length ) ]!;
		const text = ( length: number ) =>
			Array.from(
				{ length },
				() => pick() + ( random() < 0.7 ? ' ' : '' )
			).join( '' );
		const edit = ( value: string ) =>
			value
				.split( ' ' )
				.map( ( word ) => {
					const roll = random();
					if ( roll < 0.1 ) {
						return '';
					}
					return roll < 0.25 ? `${ pick() } ${ word }` : word;
				} )
				.join( random() < 0.5 ? ' ' : '  ' );
		for ( let n = 0; n < 1500; n++ ) {
			const before = text( Math.floor( random() * 40 ) );
			const after =
				random() < 0.7
					? edit( before )
					: text( Math.floor( random() * 40 ) );
			if ( before === after ) {
				continue;
			}
			const maxEditLength = [ 2, 5, 2_000 ][ n % 3 ]!;
			const expected = diffWords( before, after, {
				maxEditLength,
				timeout: 60_000,
			} );
			const actual = wordDiff( before, after, {
				maxEditLength,
				timeout: 60_000,
				maxTextLength: 20_000,
			} );
			expect( actual && partsOf( actual ) ).toEqual(
				expected ? partsOf( expected ) : null
			);
		}
	} );

	it.each( [
		[ 'leading whitespace', '  a b c', ' a x c' ],
		[ 'only whitespace', ' \n ', '\t' ],
		[ 'whitespace against words', '   ', 'a b' ],
		[ 'trailing whitespace', 'a b  ', 'a c\n' ],
		[ 'punctuation without spaces', 'x-y,z', 'x-z,y' ],
		[ 'an empty side', '', ' a b ' ],
	] )( 'agrees with jsdiff on %s', ( _, before, after ) => {
		const expected = diffWords( before, after );
		expect( partsOf( wordDiff( before, after )! ) ).toEqual(
			partsOf( expected )
		);
	} );

	it( 'agrees with jsdiff on texts of more distinct words than it first makes room for', () => {
		// Each CJK character is a word of its own: hundreds of distinct words in a few hundred characters.
		const characters = ( from: number, count: number ) =>
			String.fromCharCode(
				...Array.from( { length: count }, ( _, index ) => from + index )
			);
		const before = `${ characters( 0x4e00, 700 ) } end`;
		const after = `${ characters( 0x4e00, 300 ) }新${ characters(
			0x4e00 + 320,
			380
		) } ${ characters( 0x5200, 200 ) } end`;
		expect( partsOf( wordDiff( before, after )! ) ).toEqual(
			partsOf( diffWords( before, after ) )
		);
	} );

	it( 'keeps the new whitespace when only whitespace changed', () => {
		expect( wordDiff( 'a  b', 'a b\n' ) ).toEqual( [ { value: 'a b\n' } ] );
	} );
} );
