/**
 * WordPress dependencies
 */
import { humanTimeDiff } from '@wordpress/date';

/**
 * Up to two initials for an agent's avatar: "Claude on my MacBook" → "CM",
 * "ci-bot" → "CB", "GPT" → "GP".
 *
 * @param label The agent's label.
 */
export function initials( label: string ): string {
	const words = label
		.split( /[\s\-_.]+/u )
		.map( ( word ) => word.replace( /[^\p{L}\p{N}]/gu, '' ) )
		.filter( ( word ) => word.length > 0 );
	const first = words[ 0 ];
	if ( first === undefined ) {
		return '?';
	}
	// Skip short connecting words ("on", "my", "de") for the second letter when a longer word follows.
	const rest = words.slice( 1 );
	const second = rest.find( ( word ) => word.length > 2 ) ?? rest[ 0 ];
	const letters =
		second === undefined
			? Array.from( first ).slice( 0, 2 ).join( '' )
			: ( Array.from( first )[ 0 ] ?? '' ) +
				( Array.from( second )[ 0 ] ?? '' );
	return letters.toLocaleUpperCase();
}

/**
 * The API sends UTC datetimes without a zone designator; make them explicit
 * so the browser does not read them as local time.
 *
 * @param value ISO 8601 datetime, with or without a zone.
 */
export function utcDate( value: string ): Date {
	const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/u.test( value );
	return new Date( hasZone ? value : `${ value }Z` );
}

/**
 * "5 minutes ago", from a UTC datetime sent by the API. A time ahead of the
 * browser's clock (the server's clock runs fast, or the browser's slow) reads
 * as now, never "in 2 minutes": what is shown has happened.
 *
 * @param value ISO 8601 UTC datetime.
 * @param now   Reference time (for tests).
 */
export function age( value: string, now: Date = new Date() ): string {
	const then = utcDate( value );
	return humanTimeDiff( then > now ? now : then, now );
}

/**
 * A CSS colour we are willing to put in a style attribute: only #rgb / #rrggbb.
 * Anything else falls back to a neutral grey.
 *
 * @param color Colour as stored on the agent.
 */
export function safeColor( color: string ): string {
	return /^#(?:[0-9a-f]{3}){1,2}$/iu.test( color ) ? color : '#757575';
}

/**
 * Black or white, whichever reads better on the given background.
 *
 * @param background A colour accepted by safeColor().
 */
export function readableTextColor( background: string ): '#000' | '#fff' {
	let hex = safeColor( background ).slice( 1 );
	if ( hex.length === 3 ) {
		hex = hex
			.split( '' )
			.map( ( c ) => c + c )
			.join( '' );
	}
	const [ r, g, b ] = [ 0, 2, 4 ].map( ( i ) => {
		const channel = Number.parseInt( hex.slice( i, i + 2 ), 16 ) / 255;
		return channel <= 0.03928
			? channel / 12.92
			: ( ( channel + 0.055 ) / 1.055 ) ** 2.4;
	} ) as [ number, number, number ];
	const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	// Contrast against white is (1.05)/(L+0.05); against black (L+0.05)/0.05. Pick the larger.
	return 1.05 / ( luminance + 0.05 ) >= ( luminance + 0.05 ) / 0.05
		? '#fff'
		: '#000';
}

/**
 * A changed field's value as text for the markup diff.
 *
 * @param value A base/current/proposed value of any field.
 */
export function fieldText( value: unknown ): string {
	if ( value === null || value === undefined ) {
		return '';
	}
	if ( typeof value === 'string' ) {
		return value;
	}
	if (
		typeof value === 'object' &&
		'raw' in value &&
		typeof value.raw === 'string'
	) {
		// Some core fields come as { raw, rendered }; the raw markup is what changes.
		return value.raw;
	}
	if ( typeof value === 'number' || typeof value === 'boolean' ) {
		return String( value );
	}
	return JSON.stringify( value, null, 2 );
}
