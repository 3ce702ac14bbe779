/**
 * External dependencies
 */
import { parse } from '@wordpress/block-serialization-default-parser';

/**
 * Internal dependencies
 */
import { draftToContent, markdownToBlocks } from '../markdown';

/**
 * Top-level block names of serialised content (freeform whitespace left out).
 *
 * @param content Serialised blocks.
 */
const names = ( content: string ) =>
	parse( content )
		.filter( ( b ) => b.blockName !== null )
		.map( ( b ) => b.blockName );

describe( 'markdownToBlocks', () => {
	it( 'turns paragraphs with inline Markdown into core/paragraph', () => {
		expect(
			markdownToBlocks(
				'Some *text* and **bold** with [a link](https://example.com) and `code`.'
			)
		).toBe(
			'<!-- wp:paragraph -->\n<p>Some <em>text</em> and <strong>bold</strong> with <a href="https://example.com">a link</a> and <code>code</code>.</p>\n<!-- /wp:paragraph -->'
		);
	} );

	it( 'keeps the default heading level out of the attributes', () => {
		expect( markdownToBlocks( '## Two\n\n### Three' ) ).toBe(
			'<!-- wp:heading -->\n<h2 class="wp-block-heading">Two</h2>\n<!-- /wp:heading -->\n\n' +
				'<!-- wp:heading {"level":3} -->\n<h3 class="wp-block-heading">Three</h3>\n<!-- /wp:heading -->'
		);
	} );

	it( 'makes lists of list-item blocks, nested and ordered', () => {
		const content = markdownToBlocks(
			'- one\n- two\n  - nested\n\n3. c\n4. d'
		);
		const [ bullets, numbers ] = parse( content ).filter(
			( b ) => b.blockName !== null
		);
		expect( bullets?.blockName ).toBe( 'core/list' );
		expect( bullets?.attrs ).toEqual( {} );
		expect( bullets?.innerBlocks.map( ( b ) => b.blockName ) ).toEqual( [
			'core/list-item',
			'core/list-item',
		] );
		const nested = bullets?.innerBlocks[ 1 ]?.innerBlocks[ 0 ];
		expect( nested?.blockName ).toBe( 'core/list' );
		expect( nested?.innerBlocks[ 0 ]?.innerHTML.trim() ).toBe(
			'<li>nested</li>'
		);
		expect( numbers?.attrs ).toEqual( { ordered: true, start: 3 } );
		expect( content ).toContain( '<ol class="wp-block-list" start="3">' );
	} );

	it( 'escapes code blocks and keeps them verbatim', () => {
		expect( markdownToBlocks( '```js\nif ( a < b ) {}\n```' ) ).toBe(
			'<!-- wp:code -->\n<pre class="wp-block-code"><code>if ( a &lt; b ) {}</code></pre>\n<!-- /wp:code -->'
		);
	} );

	it( 'maps quotes, rules and raw HTML to their core blocks', () => {
		expect(
			names(
				markdownToBlocks(
					'> quoted\n\n---\n\n<div class="x">raw</div>\n\n| a | b |\n| - | - |\n| 1 | 2 |'
				)
			)
		).toEqual( [
			'core/quote',
			'core/separator',
			'core/html',
			'core/html',
		] );
		expect( markdownToBlocks( '> quoted' ) ).toContain(
			'<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>quoted</p>'
		);
	} );

	it( 'leaves nothing outside blocks', () => {
		const content = markdownToBlocks( '# One\n\npara\n\n- a\n\n\n\nlast' );
		const freeform = parse( content ).filter(
			( b ) => b.blockName === null && b.innerHTML.trim() !== ''
		);
		expect( freeform ).toEqual( [] );
		expect( names( content ) ).toEqual( [
			'core/heading',
			'core/paragraph',
			'core/list',
			'core/paragraph',
		] );
	} );
} );

describe( 'draftToContent', () => {
	it( 'converts .md and keeps .html as written', () => {
		expect( draftToContent( 'a.MD', 'hi' ) ).toContain( 'wp:paragraph' );
		expect( draftToContent( 'a.html', ' <p>hi</p>\n' ) ).toBe(
			'<p>hi</p>'
		);
	} );

	it( 'refuses other files', () => {
		expect( () => draftToContent( 'a.docx', 'x' ) ).toThrow(
			/Unsupported draft file/
		);
	} );
} );
