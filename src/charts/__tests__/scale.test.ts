/**
 * Internal dependencies
 */
import { columnLayout, niceMax, percent, shareStep, ticks } from '../scale';

describe( 'niceMax', () => {
	it.each( [
		[ 0, 1 ],
		[ -3, 1 ],
		[ Number.NaN, 1 ],
		[ 1, 1 ],
		[ 7, 10 ],
		[ 10, 10 ],
		[ 13, 20 ],
		[ 430, 500 ],
		[ 0.3, 0.5 ],
	] )( '%p → %p', ( value, expected ) => {
		expect( niceMax( value ) ).toBe( expected );
	} );
} );

describe( 'ticks', () => {
	it( 'spans 0 to the nice maximum in whole steps', () => {
		expect( ticks( 13 ) ).toEqual( [ 0, 5, 10, 15, 20 ] );
	} );
	it( 'steps by round numbers', () => {
		expect( ticks( 37 ) ).toEqual( [ 0, 10, 20, 30, 40, 50 ] );
		expect( ticks( 10 ) ).toEqual( [ 0, 2, 4, 6, 8, 10 ] );
		expect( ticks( 0.3 ) ).toEqual( [ 0, 0.1, 0.2, 0.3, 0.4, 0.5 ] );
	} );
	it( 'uses fewer intervals for small ranges', () => {
		expect( ticks( 2 ) ).toEqual( [ 0, 1, 2 ] );
		expect( ticks( 0 ) ).toEqual( [ 0, 1 ] );
	} );
} );

describe( 'shareStep', () => {
	it( 'rounds to 5% steps', () => {
		expect( shareStep( 1, 3 ) ).toBe( 35 );
		expect( shareStep( 3, 3 ) ).toBe( 100 );
	} );
	it( 'never shows a non-zero value as empty, nor more than full', () => {
		expect( shareStep( 1, 1000 ) ).toBe( 5 );
		expect( shareStep( 12, 10 ) ).toBe( 100 );
		expect( shareStep( 0, 10 ) ).toBe( 0 );
		expect( shareStep( 5, 0 ) ).toBe( 0 );
	} );
} );

describe( 'percent', () => {
	it( 'is null without a whole', () => {
		expect( percent( 0, 0 ) ).toBeNull();
		expect( percent( 2, 3 ) ).toBe( 67 );
	} );
} );

describe( 'columnLayout', () => {
	it( 'scales columns to the nice maximum, y growing down', () => {
		const layout = columnLayout( [ 0, 5, 10 ], 300, 100, 0 );
		expect( layout.top ).toBe( 10 );
		expect( layout.columns ).toEqual( [
			{ x: 0, y: 100, width: 100, height: 0 },
			{ x: 100, y: 50, width: 100, height: 50 },
			{ x: 200, y: 0, width: 100, height: 100 },
		] );
		expect( layout.ticks[ 0 ] ).toEqual( { value: 0, y: 100 } );
		expect( layout.ticks[ layout.ticks.length - 1 ] ).toEqual( {
			value: 10,
			y: 0,
		} );
	} );
	it( 'leaves a gap and keeps tiny values visible', () => {
		const layout = columnLayout( [ 1, 1000 ], 200, 100, 0.5 );
		expect( layout.columns[ 0 ]?.width ).toBe( 50 );
		expect( layout.columns[ 0 ]?.x ).toBe( 25 );
		expect( layout.columns[ 0 ]?.height ).toBe( 1 );
	} );
	it( 'handles an empty series', () => {
		expect( columnLayout( [], 100, 50 ).columns ).toEqual( [] );
	} );
} );
