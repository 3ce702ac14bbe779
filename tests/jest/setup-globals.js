/**
 * Globals jsdom leaves out but the editor packages read at import time
 * (@wordpress/sync builds a TextEncoder when core-data loads).
 */
const { TextDecoder, TextEncoder } = require( 'util' );

if ( typeof globalThis.TextEncoder === 'undefined' ) {
	globalThis.TextEncoder = TextEncoder;
	globalThis.TextDecoder = TextDecoder;
}
