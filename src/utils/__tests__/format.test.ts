/**
 * Internal dependencies
 */
import {
	age,
	fieldText,
	initials,
	readableTextColor,
	safeColor,
	utcDate,
} from '../format';

describe( 'initials', () => {
	it.each( [
		[ 'Claude on my MacBook', 'CM' ],
		[ 'ci-bot', 'CB' ],
		[ 'GPT', 'GP' ],
		[ 'claude', 'CL' ],
		[ 'Ève Dupont', 'ÈD' ],
		[ '  ', '?' ],
		[ '', '?' ],
		[ 'A (staging)', 'AS' ],
	] )( '%p → %p', ( label, expected ) => {
		expect( initials( label ) ).toBe( expected );
	} );
} );

describe( 'utcDate and age', () => {
	it( 'reads zone-less API datetimes as UTC', () => {
		expect( utcDate( '2026-11-23T01:02:03' ).toISOString() ).toBe(
			'2026-11-23T01:02:03.000Z'
		);
		expect( utcDate( '2026-11-23T01:02:03+02:00' ).toISOString() ).toBe(
			'2026-11-22T23:02:03.000Z'
		);
		expect( utcDate( '2026-11-23T01:02:03Z' ).toISOString() ).toBe(
			'2026-11-23T01:02:03.000Z'
		);
	} );

	it( 'describes the age relative to now', () => {
		const now = new Date( '2026-11-23T01:07:03Z' );
		expect( age( '2026-11-23T01:02:03', now ) ).toBe( '5 minutes ago' );
		expect( age( '2026-11-22T01:07:03', now ) ).toBe( 'a day ago' );
	} );

	it( 'never says "from now": a server clock ahead of the browser reads as now', () => {
		const now = new Date( '2026-11-23T01:07:03Z' );
		const ahead = age( '2026-11-23T01:09:03', now );
		expect( ahead ).not.toMatch( /from now|^in /u );
		expect( ahead ).toBe( age( '2026-11-23T01:07:03', now ) );
	} );
} );

describe( 'safeColor', () => {
	it( 'accepts hex colours only', () => {
		expect( safeColor( '#3858e9' ) ).toBe( '#3858e9' );
		expect( safeColor( '#abc' ) ).toBe( '#abc' );
		expect( safeColor( 'red; background: url(x)' ) ).toBe( '#757575' );
		expect( safeColor( '#12345' ) ).toBe( '#757575' );
	} );
} );

describe( 'readableTextColor', () => {
	it( 'picks the text colour with more contrast', () => {
		expect( readableTextColor( '#000000' ) ).toBe( '#fff' );
		expect( readableTextColor( '#ffffff' ) ).toBe( '#000' );
		expect( readableTextColor( '#ff0' ) ).toBe( '#000' );
		expect( readableTextColor( '#1e3a8a' ) ).toBe( '#fff' );
	} );
} );

describe( 'fieldText', () => {
	it( 'turns any field value into diffable text', () => {
		expect( fieldText( 'a' ) ).toBe( 'a' );
		expect( fieldText( null ) ).toBe( '' );
		expect( fieldText( undefined ) ).toBe( '' );
		expect( fieldText( 42 ) ).toBe( '42' );
		expect( fieldText( { raw: '<p>x</p>', rendered: '<p>x</p>\n' } ) ).toBe(
			'<p>x</p>'
		);
		expect( fieldText( { category: [ 1, 2 ] } ) ).toBe(
			'{\n  "category": [\n    1,\n    2\n  ]\n}'
		);
	} );
} );
