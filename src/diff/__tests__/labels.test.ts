/**
 * Internal dependencies
 */
import { attributeLabel, blockLabel, changeLabel } from '../labels';

describe( 'blockLabel', () => {
	it.each( [
		[ 'core/paragraph', 'Paragraph' ],
		[ 'core/media-text', 'Media & Text' ],
		[ 'core/html', 'Custom HTML' ],
		[ 'acme/hero-banner', 'Hero banner' ],
		[ 'plain', 'Plain' ],
	] )( 'names %s "%s"', ( name, label ) => {
		expect( blockLabel( name ) ).toBe( label );
	} );

	it( 'names a block called after an Object property by its slug', () => {
		// A lookup table answered these with Object.prototype's members.
		expect( blockLabel( 'acme/constructor' ) ).toBe( 'Constructor' );
		expect( blockLabel( 'toString' ) ).toBe( 'ToString' );
	} );
} );

describe( 'attributeLabel', () => {
	it.each( [
		[ 'level', 'Heading level' ],
		[ 'url 2', 'Image URL 2' ],
		[ 'textAlign', 'Text alignment' ],
		[ 'backgroundColor', 'backgroundColor' ],
		[ 'constructor', 'constructor' ],
		[ 'hasOwnProperty 3', 'hasOwnProperty 3' ],
	] )( 'names %s "%s"', ( name, label ) => {
		expect( attributeLabel( name ) ).toBe( label );
	} );
} );

describe( 'changeLabel', () => {
	it( 'says where a moved block came from, 1-based', () => {
		expect( changeLabel( { kind: 'moved', from: 2 } ) ).toBe(
			'Moved from block 3'
		);
		expect( changeLabel( { kind: 'added' } ) ).toBe( 'Added' );
	} );
} );
