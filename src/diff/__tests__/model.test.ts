/**
 * Internal dependencies
 */
import {
	attributeChanges,
	attributesKey,
	attributesOf,
	outerTag,
	parseBlocks,
	stableStringify,
} from '../blocks';
import type { FieldWords } from '../../api';
import { diffField, diffFields } from '../field-diff';
import { diffContent, diffContentAsync, type BlockChange } from '../model';
import { countWords, htmlToText, similarity, wordDiff, words } from '../text';

const p = ( text: string ) =>
	`<!-- wp:paragraph -->\n<p>${ text }</p>\n<!-- /wp:paragraph -->`;
const h = ( text: string, level = 2 ) =>
	level === 2
		? `<!-- wp:heading -->\n<h2 class="wp-block-heading">${ text }</h2>\n<!-- /wp:heading -->`
		: `<!-- wp:heading {"level":${ level }} -->\n<h${ level } class="wp-block-heading">${ text }</h${ level }>\n<!-- /wp:heading -->`;
const img = ( url: string, alt: string, id = 5 ) =>
	`<!-- wp:image {"id":${ id }} -->\n<figure class="wp-block-image"><img src="${ url }" alt="${ alt }" class="wp-image-${ id }"/></figure>\n<!-- /wp:image -->`;
const group = ( inner: string, attrs = '' ) =>
	`<!-- wp:group ${ attrs }-->\n<div class="wp-block-group">${ inner }</div>\n<!-- /wp:group -->`;
const doc = ( ...blocks: string[] ) => blocks.join( '\n\n' );

const kinds = ( blocks: BlockChange[] ) =>
	blocks.map( ( block ) => block.kind );
const inserted = ( change: BlockChange | undefined ) =>
	( change?.words ?? [] )
		.filter( ( part ) => part.added )
		.map( ( part ) => part.value.trim() );
const deleted = ( change: BlockChange | undefined ) =>
	( change?.words ?? [] )
		.filter( ( part ) => part.removed )
		.map( ( part ) => part.value.trim() );

describe( 'text helpers', () => {
	it( 'extracts visible text, decoding entities and collapsing whitespace', () => {
		expect(
			htmlToText( '<p>Fish &amp; chips &#8220;today&#8221;</p>' )
		).toBe( 'Fish & chips “today”' );
	} );

	it( 'keeps a line break as one newline', () => {
		expect(
			htmlToText( '<p>Fish &amp; chips<br>&#8220;today&#8221;</p>' )
		).toBe( 'Fish & chips\n“today”' );
		expect( htmlToText( '<p>One <br />\n Two<br>  <br>Three</p>' ) ).toBe(
			'One\nTwo\n\nThree'
		);
	} );

	it.each( [
		[ '<p>a\tb</p>', 'a b' ],
		[ '<p>a&nbsp;b</p>', 'a b' ],
		[ '\n<p> a  b </p>\n', 'a b' ],
		[ '<p>a b</p>', 'a b' ],
		[ 'a\u2028b', 'a b' ],
		[ ' \n ', '' ],
	] )( 'collapses whitespace in %j', ( html, text ) => {
		expect( htmlToText( html ) ).toBe( text );
	} );

	it( 'drops comments and scripts from the text', () => {
		expect(
			htmlToText( '<p>a<!-- x --><script>alert(1)</script>b</p>' )
		).toBe( 'a b' );
	} );

	it( 'reads tags in one pass as its patterns read them', () => {
		// The patterns htmlToText() runs on markup its one pass leaves to them.
		const byPatterns = ( html: string ) =>
			htmlToText(
				`${ html
					.replace( /<!--[\s\S]*?-->/gu, ' ' )
					.replace( /<(script|style)\b[\s\S]*?<\/\1>/giu, ' ' )
					.replace( /<br\b[^>]*>/giu, '\uE000' )
					.replace(
						/<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|tr|td|th|pre|hr|section)\b[^>]*>/giu,
						' '
					)
					.replace( /<[^>]*>/gu, '' )
					.replace( /</gu, '&lt;' ) }`
			);
		const pieces = [
			'<p>',
			'</p>',
			'<P class="x">',
			'<span>',
			'</span>',
			'<h1>',
			'<h10>',
			'<p-x>',
			'<p_x>',
			'< p>',
			'<//p>',
			'</!x>',
			'<a href="/x">',
			'<pſ>',
			'<ſtyle>',
			'<bloc\u212Aquote>',
			'<br>',
			'<br/>',
			'<!-- c -->',
			'<script>x</script>',
			'<',
			'>',
			'words',
			' ',
			'\n',
			'\u00a0',
		];
		let seed = 3;
		const random = ( n: number ) => {
			seed = ( seed * 1664525 + 1013904223 ) % 4294967296;
			return Math.floor( ( seed / 4294967296 ) * n );
		};
		for ( let run = 0; run < 2000; run++ ) {
			const html = Array.from(
				{ length: 1 + random( 8 ) },
				() => pieces[ random( pieces.length ) ]
			).join( '' );
			expect( htmlToText( html ) ).toBe( byPatterns( html ) );
		}
	} );

	it( 'scores similarity between 0 and 1', () => {
		const score = ( a: string, b: string ) =>
			similarity( countWords( words( a ) ), countWords( words( b ) ) );
		expect( score( 'a b c', 'c b a' ) ).toBe( 1 );
		expect( score( 'a b', 'c d' ) ).toBe( 0 );
		expect( score( '', '' ) ).toBe( 1 );
		expect( score( 'a', '' ) ).toBe( 0 );
		expect( score( 'a b c d', 'a b x y' ) ).toBe( 0.5 );
		// Repeated words count as often as both texts hold them, either way round.
		expect( score( 'a a a b', 'a a c' ) ).toBe( 4 / 7 );
		expect( score( 'a a c', 'a a a b' ) ).toBe( 4 / 7 );
	} );

	it( 'counts words, adding inner counts', () => {
		const inner = countWords( [ 'b', 'c' ] );
		expect( countWords( [ 'a', 'b', 'a' ], [ inner, inner ] ) ).toEqual( {
			counts: new Map( [
				[ 'a', 2 ],
				[ 'b', 3 ],
				[ 'c', 2 ],
			] ),
			total: 7,
		} );
	} );

	it( 'word-diffs two texts', () => {
		expect(
			wordDiff( 'open on weekdays', 'open on all weekdays' )
		).toEqual( [
			{ value: 'open on ' },
			{ value: 'all ', added: true },
			{ value: 'weekdays' },
		] );
	} );

	it( 'returns null when the text is longer than the limit', () => {
		expect(
			wordDiff( 'a'.repeat( 50 ), 'b'.repeat( 50 ), {
				maxEditLength: 100,
				timeout: 100,
				maxTextLength: 10,
			} )
		).toBeNull();
	} );

	it( 'returns null when the edit length limit trips', () => {
		const before = Array.from(
			{ length: 200 },
			( _, i ) => `w${ i }`
		).join( ' ' );
		const after = Array.from( { length: 200 }, ( _, i ) => `z${ i }` ).join(
			' '
		);
		expect(
			wordDiff( before, after, {
				maxEditLength: 5,
				timeout: 1000,
				maxTextLength: 1e6,
			} )
		).toBeNull();
	} );
} );

describe( 'parseBlocks', () => {
	it( 'parses blocks and drops whitespace between them', () => {
		const blocks = parseBlocks( doc( p( 'One' ), p( 'Two' ) ) );
		expect( blocks.map( ( block ) => block.text ) ).toEqual( [
			'One',
			'Two',
		] );
		expect( blocks[ 0 ]?.name ).toBe( 'core/paragraph' );
	} );

	it( 'keeps classic HTML as a freeform block', () => {
		const blocks = parseBlocks( '<p>Classic</p>' );
		expect( blocks ).toHaveLength( 1 );
		expect( blocks[ 0 ]?.name ).toBe( 'core/freeform' );
	} );

	it( 'returns nothing for empty content', () => {
		expect( parseBlocks( '' ) ).toEqual( [] );
		expect( parseBlocks( '\n\n' ) ).toEqual( [] );
	} );

	it( 'nests inner blocks and rebuilds the full markup', () => {
		const [ block ] = parseBlocks( group( p( 'Inside' ) ) );
		expect( block?.inner ).toHaveLength( 1 );
		expect( block?.html ).toContain( '<p>Inside</p>' );
		expect( block?.text ).toBe( '' );
		expect( block?.wordCounts ).toEqual( countWords( [ 'inside' ] ) );
	} );

	it( 'finds the outer tag', () => {
		expect( outerTag( parseBlocks( h( 'T', 3 ) )[ 0 ]! ) ).toBe( 'h3' );
	} );
} );

describe( 'attributes', () => {
	it( 'reads the default heading level from the markup', () => {
		expect( attributesOf( parseBlocks( h( 'T' ) )[ 0 ]! ).level ).toBe(
			'2'
		);
	} );

	it( 'reads image url and alt from the markup', () => {
		expect(
			attributesOf( parseBlocks( img( 'a.jpg', 'A cat' ) )[ 0 ]! )
		).toMatchObject( {
			id: '5',
			url: 'a.jpg',
			alt: 'A cat',
		} );
	} );

	it( 'lists link targets', () => {
		const [ block ] = parseBlocks(
			p( '<a href="https://a.test" target="_blank" rel="noopener">x</a>' )
		);
		expect( attributesOf( block! ) ).toEqual( {
			href: 'https://a.test',
			target: '_blank',
			rel: 'noopener',
		} );
	} );

	it( 'flattens nested style attributes', () => {
		const [ block ] = parseBlocks(
			'<!-- wp:paragraph {"style":{"typography":{"fontSize":"20px"}}} --><p>x</p><!-- /wp:paragraph -->'
		);
		expect( attributesOf( block! ) ).toEqual( {
			'style.typography.fontSize': '20px',
		} );
	} );

	it( 'ignores attribute order', () => {
		const [ a ] = parseBlocks(
			'<!-- wp:paragraph {"a":1,"b":2} --><p>x</p><!-- /wp:paragraph -->'
		);
		const [ b ] = parseBlocks(
			'<!-- wp:paragraph {"b":2,"a":1} --><p>x</p><!-- /wp:paragraph -->'
		);
		expect( a?.key ).toBe( b?.key );
		expect( attributeChanges( a!, b! ) ).toEqual( [] );
	} );

	it( 'keys blocks by name, attributes and markup', () => {
		const [ a, b, c ] = parseBlocks(
			doc(
				'<!-- wp:paragraph {"b":2,"a":1} -->\n<p>x</p>\n<!-- /wp:paragraph -->',
				'<!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->',
				'<!-- wp:my/para {"a":1} -->\n<p>x</p>\n<!-- /wp:my/para -->'
			)
		);
		expect( a?.key ).toBe( 'core/paragraph|{"a":1,"b":2}|<p>x</p>' );
		expect( b?.key ).toBe( 'core/paragraph|{}|<p>x</p>' );
		expect( c?.key ).toBe( 'my/para|{"a":1}|<p>x</p>' );
	} );

	it.each( [
		{},
		{ level: 3 },
		{ id: 5, sizeSlug: 'large', linkDestination: null },
		{ b: 1, a: 2 },
		{ 10: 'x', 9: 'y' },
		{ a: '"quoted"', b: true, c: -0, d: 1.5e300 },
		{ style: { typography: { fontSize: '20px' } }, align: 'wide' },
		{ a: [ { y: 1, x: 2 } ] },
		{ a: undefined },
	] )( 'keys attributes %j as stable JSON', ( attrs ) => {
		expect( attributesKey( attrs ) ).toBe( stableStringify( attrs ) );
	} );

	it( 'computes text and words lazily, outside the enumerable properties', () => {
		const [ block ] = parseBlocks( group( p( 'Inside &amp; out' ) ) );
		expect( Object.keys( block! ).sort() ).toEqual( [
			'attrs',
			'html',
			'inner',
			'name',
			'ownHtml',
		] );
		expect( block?.inner[ 0 ]?.text ).toBe( 'Inside & out' );
		expect( block?.wordCounts ).toEqual(
			countWords( [ 'inside', 'out' ] )
		);
		// Cached: the same counts on every read.
		expect( block?.wordCounts ).toBe( block?.wordCounts );
	} );
} );

describe( 'diffContent', () => {
	it( 'finds nothing in identical content', () => {
		const content = doc( h( 'Title' ), p( 'One' ), p( 'Two' ) );
		const result = diffContent( content, content );
		expect( kinds( result.blocks ) ).toEqual( [
			'unchanged',
			'unchanged',
			'unchanged',
		] );
		expect( result.stats.unchanged ).toBe( 3 );
		expect( result.tripped ).toBeNull();
	} );

	it( 'word-diffs an edited paragraph', () => {
		const result = diffContent(
			doc( p( 'We are open on weekdays.' ) ),
			doc( p( 'We are open on weekdays and closed on holidays.' ) )
		);
		expect( kinds( result.blocks ) ).toEqual( [ 'changed' ] );
		expect( inserted( result.blocks[ 0 ] ).join( ' ' ) ).toContain(
			'holidays'
		);
	} );

	it( 'reports deleted words', () => {
		const result = diffContent( p( 'A very long day' ), p( 'A long day' ) );
		expect( deleted( result.blocks[ 0 ] ) ).toEqual( [ 'very' ] );
	} );

	it( 'treats a fully rewritten lone paragraph as changed, not removed and added', () => {
		const result = diffContent( p( 'Alpha beta' ), p( 'Gamma delta' ) );
		expect( kinds( result.blocks ) ).toEqual( [ 'changed' ] );
	} );

	it( 'detects an added block in the middle', () => {
		const result = diffContent(
			doc( p( 'One' ), p( 'Three' ) ),
			doc( p( 'One' ), p( 'Two' ), p( 'Three' ) )
		);
		expect( kinds( result.blocks ) ).toEqual( [
			'unchanged',
			'added',
			'unchanged',
		] );
		expect( result.blocks[ 1 ]?.after?.text ).toBe( 'Two' );
	} );

	it( 'detects a removed block where it was', () => {
		const result = diffContent(
			doc( p( 'One' ), p( 'Two' ), p( 'Three' ) ),
			doc( p( 'One' ), p( 'Three' ) )
		);
		expect( kinds( result.blocks ) ).toEqual( [
			'unchanged',
			'removed',
			'unchanged',
		] );
		expect( result.blocks[ 1 ]?.before?.text ).toBe( 'Two' );
	} );

	it( 'detects blocks added to empty content', () => {
		expect(
			kinds( diffContent( '', doc( p( 'A' ), p( 'B' ) ) ).blocks )
		).toEqual( [ 'added', 'added' ] );
	} );

	it( 'detects all blocks removed', () => {
		expect(
			kinds( diffContent( doc( p( 'A' ), p( 'B' ) ), '' ).blocks )
		).toEqual( [ 'removed', 'removed' ] );
	} );

	it( 'detects a moved block', () => {
		const result = diffContent(
			doc(
				p( 'Intro text here' ),
				p( 'Middle part' ),
				p( 'Closing words' )
			),
			doc(
				p( 'Middle part' ),
				p( 'Closing words' ),
				p( 'Intro text here' )
			)
		);
		expect( result.stats.moved ).toBe( 1 );
		expect( result.stats.removed ).toBe( 0 );
		expect( result.stats.added ).toBe( 0 );
		const moved = result.blocks.find( ( block ) => block.kind === 'moved' );
		expect( moved?.after?.text ).toBe( 'Intro text here' );
		expect( moved?.words ).toBeUndefined();
	} );

	it( 'reports a reordered block with no attribute or word changes, inner blocks aligned', () => {
		const current = doc(
			img( 'a.jpg', 'A cat' ),
			group( doc( p( 'Inside one' ), p( 'Inside two' ) ) ),
			p( 'Middle part' ),
			p( 'Closing words' ),
			p( 'Last words' )
		);
		const proposed = doc(
			p( 'Middle part' ),
			p( 'Closing words' ),
			p( 'Last words' ),
			group( doc( p( 'Inside one' ), p( 'Inside two' ) ) ),
			img( 'a.jpg', 'A cat' )
		);
		const result = diffContent( current, proposed );
		const moved = result.blocks.filter(
			( block ) => block.kind === 'moved'
		);
		expect( moved.map( ( block ) => block.name ) ).toEqual( [
			'core/group',
			'core/image',
		] );
		for ( const block of moved ) {
			expect( block.attributes ).toEqual( [] );
			expect( block.words ).toBeUndefined();
		}
		expect( kinds( moved[ 0 ]!.inner ) ).toEqual( [
			'unchanged',
			'unchanged',
		] );
	} );

	it( 'still reads a reordered group whose markup matches but whose own markup does not', () => {
		// Same markup once inner blocks are in place, so one id; but one group
		// holds a paragraph block and the other the bare paragraph markup.
		const withBlock = group( p( 'x' ) );
		const withMarkup = group( '<p>x</p>' );
		const result = diffContent(
			doc( p( 'Intro' ), withBlock, p( 'Outro' ) ),
			doc( withMarkup, p( 'Intro' ), p( 'Outro' ) )
		);
		const moved = result.blocks.find( ( block ) => block.kind === 'moved' );
		expect( moved?.name ).toBe( 'core/group' );
		expect( inserted( moved ) ).toEqual( [ 'x' ] );
		expect( kinds( moved!.inner ) ).toEqual( [ 'removed' ] );
	} );

	it( 'lists the attribute change of a block that moved', () => {
		const result = diffContent(
			doc( h( 'Moving heading' ), p( 'Stays here' ), p( 'Stays too' ) ),
			doc( p( 'Stays here' ), p( 'Stays too' ), h( 'Moving heading', 3 ) )
		);
		const moved = result.blocks.find( ( block ) => block.kind === 'moved' );
		expect( moved?.attributes ).toEqual( [
			{ name: 'level', before: '2', after: '3' },
		] );
		expect( moved?.words ).toBeUndefined();
	} );

	it( 'detects a block that moved and was edited', () => {
		const result = diffContent(
			doc(
				p( 'The quick brown fox jumps over the dog' ),
				h( 'Keep' ),
				p( 'Another untouched paragraph' ),
				h( 'Anchor' )
			),
			doc(
				h( 'Keep' ),
				p( 'Another untouched paragraph' ),
				h( 'Anchor' ),
				p( 'The quick brown fox jumps over the lazy dog' )
			)
		);
		const moved = result.blocks.find( ( block ) => block.kind === 'moved' );
		expect( moved ).toBeDefined();
		expect( inserted( moved ) ).toEqual( [ 'lazy' ] );
	} );

	it( 'does not pair unrelated blocks of the same name', () => {
		const result = diffContent(
			doc(
				p( 'Keep' ),
				p( 'apples oranges pears' ),
				p( 'bananas kiwis' ),
				p( 'End' )
			),
			doc(
				p( 'Keep' ),
				p( 'completely different words here' ),
				p( 'End' )
			)
		);
		expect( result.stats.changed ).toBe( 0 );
		expect( result.stats.removed ).toBe( 2 );
		expect( result.stats.added ).toBe( 1 );
	} );

	it( 'pairs the most similar block in a hunk', () => {
		const result = diffContent(
			doc(
				p( 'Keep' ),
				p( 'red green blue' ),
				p( 'one two three four' ),
				p( 'End' )
			),
			doc( p( 'Keep' ), p( 'one two three five' ), p( 'End' ) )
		);
		const changed = result.blocks.find(
			( block ) => block.kind === 'changed'
		);
		expect( changed?.before?.text ).toBe( 'one two three four' );
		expect( result.stats.removed ).toBe( 1 );
	} );

	it( 'does not pair blocks of different names', () => {
		const result = diffContent( p( 'Same words' ), h( 'Same words' ) );
		expect( kinds( result.blocks ) ).toEqual( [ 'removed', 'added' ] );
	} );

	it( 'lists a heading level change with no text change', () => {
		const result = diffContent( h( 'Prices' ), h( 'Prices', 3 ) );
		expect( kinds( result.blocks ) ).toEqual( [ 'changed' ] );
		expect( result.blocks[ 0 ]?.words ).toBeUndefined();
		expect( result.blocks[ 0 ]?.attributes ).toEqual( [
			{ name: 'level', before: '2', after: '3' },
		] );
	} );

	it( 'lists an image alt change', () => {
		const result = diffContent(
			img( 'a.jpg', '' ),
			img( 'a.jpg', 'A cat on a mat' )
		);
		expect( result.blocks[ 0 ]?.attributes ).toEqual( [
			{ name: 'alt', before: '', after: 'A cat on a mat' },
		] );
	} );

	it( 'lists an image url change', () => {
		const result = diffContent(
			img( 'a.jpg', 'x' ),
			img( 'b.jpg', 'x', 6 )
		);
		expect( result.blocks[ 0 ]?.attributes.map( ( a ) => a.name ) ).toEqual(
			[ 'id', 'url' ]
		);
	} );

	it( 'lists a link target change alongside the text', () => {
		const result = diffContent(
			p( 'See <a href="https://old.test">the docs</a>' ),
			p( 'See <a href="https://new.test">the docs</a> now' )
		);
		expect( result.blocks[ 0 ]?.attributes ).toEqual( [
			{
				name: 'href',
				before: 'https://old.test',
				after: 'https://new.test',
			},
		] );
		expect( inserted( result.blocks[ 0 ] ) ).toEqual( [ 'now' ] );
	} );

	it( 'lists an added alignment', () => {
		const result = diffContent(
			'<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->',
			'<!-- wp:paragraph {"align":"center"} --><p class="has-text-align-center">x</p><!-- /wp:paragraph -->'
		);
		expect( result.blocks[ 0 ]?.attributes ).toEqual( [
			{ name: 'align', before: null, after: 'center' },
		] );
	} );

	it( 'aligns inner blocks of a changed group', () => {
		const result = diffContent(
			group( doc( p( 'First inside' ), p( 'Second inside' ) ) ),
			group(
				doc(
					p( 'First inside' ),
					p( 'Second inside, edited' ),
					p( 'Third' )
				)
			)
		);
		expect( kinds( result.blocks ) ).toEqual( [ 'changed' ] );
		expect( kinds( result.blocks[ 0 ]!.inner ) ).toEqual( [
			'unchanged',
			'changed',
			'added',
		] );
		expect( result.blocks[ 0 ]?.words ).toBeUndefined();
		expect( result.stats ).toMatchObject( {
			changed: 2,
			added: 1,
			unchanged: 1,
		} );
	} );

	it( 'reports attribute changes on a container', () => {
		const result = diffContent(
			group( p( 'x' ) ),
			group( p( 'x' ), '{"align":"wide"} ' )
		);
		expect( result.blocks[ 0 ]?.attributes ).toEqual( [
			{ name: 'align', before: null, after: 'wide' },
		] );
		expect( kinds( result.blocks[ 0 ]!.inner ) ).toEqual( [ 'unchanged' ] );
	} );

	it( 'handles deeply nested changes', () => {
		const result = diffContent(
			group( group( p( 'deep text here' ) ) ),
			group( group( p( 'deep text there' ) ) )
		);
		const inner = result.blocks[ 0 ]!.inner[ 0 ]!.inner[ 0 ];
		expect( inner?.kind ).toBe( 'changed' );
		expect( inserted( inner ) ).toEqual( [ 'there' ] );
	} );

	it( 'keeps the proposed order with removed blocks in place', () => {
		const result = diffContent(
			doc( p( 'A' ), p( 'B gone' ), p( 'C' ) ),
			doc( p( 'A' ), p( 'C' ), p( 'D new' ) )
		);
		expect(
			result.blocks.map(
				( block ) => ( block.after ?? block.before )?.text
			)
		).toEqual( [ 'A', 'B gone', 'C', 'D new' ] );
	} );

	it( 'tells apart blocks with the same markup but other attributes or names', () => {
		const para = ( attrs: string ) =>
			`<!-- wp:paragraph ${ attrs }-->\n<p>Same</p>\n<!-- /wp:paragraph -->`;
		const other = '<!-- wp:my/para -->\n<p>Same</p>\n<!-- /wp:my/para -->';
		const changed = diffContent( para( '{"a":1} ' ), para( '{"a":2} ' ) );
		expect( kinds( changed.blocks ) ).toEqual( [ 'changed' ] );
		expect( changed.blocks[ 0 ]?.attributes ).toEqual( [
			{ name: 'a', before: '1', after: '2' },
		] );
		expect( kinds( diffContent( para( '' ), other ).blocks ) ).toEqual( [
			'removed',
			'added',
		] );
		// Four blocks, one markup: each is still unique, so the reordering is a move.
		const current = doc(
			para( '' ),
			para( '{"a":1} ' ),
			para( '{"a":2} ' ),
			other
		);
		const proposed = doc(
			para( '{"a":2} ' ),
			para( '' ),
			para( '{"a":1} ' ),
			other
		);
		const moved = diffContent( current, proposed );
		expect( kinds( moved.blocks ) ).toEqual( [
			'moved',
			'unchanged',
			'unchanged',
			'unchanged',
		] );
		expect( moved.blocks[ 0 ]?.after?.attrs ).toEqual( { a: 2 } );
		expect( moved.blocks[ 0 ]?.attributes ).toEqual( [] );
		expect(
			kinds( diffContent( current, current ).blocks ).every(
				( kind ) => kind === 'unchanged'
			)
		).toBe( true );
	} );

	it( 'tells apart many blocks of one length that differ in a few characters', () => {
		// Same length, same characters but the first two: more look-alikes than
		// one bucket of the identity pass holds.
		const letters = 'ABCDEFGHIJKLMNOP';
		const blocks = Array.from( letters, ( letter ) =>
			p(
				`${ letter }${ letter } same words in every one of these blocks`
			)
		);
		const edited = [ ...blocks ];
		edited.splice( 4, 1 );
		edited.splice( 10, 0, edited.splice( 12, 1 )[ 0 ]! );
		const result = diffContent( doc( ...blocks ), doc( ...edited ) );
		expect( result.stats ).toEqual( {
			unchanged: 14,
			changed: 0,
			added: 0,
			removed: 1,
			moved: 1,
		} );
		expect(
			diffContent( doc( ...blocks ), doc( ...blocks ) ).stats.unchanged
		).toBe( 16 );
	} );

	it( 'handles duplicate identical blocks', () => {
		const result = diffContent(
			doc( p( 'Same' ), p( 'Same' ) ),
			doc( p( 'Same' ), p( 'Same' ), p( 'Same' ) )
		);
		expect( result.stats ).toMatchObject( { unchanged: 2, added: 1 } );
	} );

	it( 'marks words as tripped and keeps the block when a word diff is too big', () => {
		const longA = Array.from( { length: 300 }, ( _, i ) => `a${ i }` ).join(
			' '
		);
		const longB = Array.from( { length: 300 }, ( _, i ) => `b${ i }` ).join(
			' '
		);
		const result = diffContent( p( longA ), p( longB ), {
			limits: { maxEditLength: 10 },
		} );
		expect( result.tripped ).toBe( 'words' );
		expect( result.blocks[ 0 ]?.kind ).toBe( 'changed' );
		expect( result.blocks[ 0 ]?.words ).toBeNull();
	} );

	it( 'gives up on the block alignment of huge, unrelated inputs', () => {
		const a = Array.from( { length: 400 }, ( _, i ) =>
			p( `old ${ i }` )
		).join( '\n' );
		const b = Array.from( { length: 400 }, ( _, i ) =>
			p( `new ${ i }` )
		).join( '\n' );
		const result = diffContent( a, b, { limits: { maxEditLength: 50 } } );
		expect( result.tripped ).toBe( 'blocks' );
		expect( result.blocks ).toEqual( [] );
	} );

	it( 'stays fast on a large post with a few changes', () => {
		const blocks = Array.from( { length: 1000 }, ( _, i ) =>
			i % 10 === 0
				? h( `Section ${ i }` )
				: p(
						`Paragraph ${ i } with some words to read through quickly.`
					)
		);
		const edited = blocks.map( ( block, i ) =>
			i % 10 === 5
				? block.replace( 'some words', 'some other words' )
				: block
		);
		const start = Date.now();
		const result = diffContent(
			blocks.join( '\n\n' ),
			edited.join( '\n\n' )
		);
		expect( Date.now() - start ).toBeLessThan( 1500 );
		expect( result.stats.changed ).toBe( 100 );
		expect( result.stats.unchanged ).toBe( 900 );
	} );

	it( 'gives the same answer asynchronously', async () => {
		const current = doc( p( 'One' ), p( 'Two words' ), h( 'Three' ) );
		const proposed = doc(
			p( 'One' ),
			p( 'Two more words' ),
			h( 'Three', 4 )
		);
		await expect( diffContentAsync( current, proposed ) ).resolves.toEqual(
			diffContent( current, proposed )
		);
	} );

	it( 'parses each version and aligns them in tasks of their own', async () => {
		const timeout = jest.spyOn( global, 'setTimeout' );
		const result = await diffContentAsync( p( 'One' ), p( 'Two' ), {
			budget: 60_000,
		} );
		expect( result.stats.changed ).toBe( 1 );
		// Before parsing, after each version's parse; no slice ran out.
		expect( timeout.mock.calls.length ).toBe( 3 );
		timeout.mockRestore();
	} );

	it( 'stops between tasks when aborted', async () => {
		const controller = new AbortController();
		const pending = diffContentAsync(
			p( 'One' ),
			p( 'Two' ),
			{},
			controller.signal
		);
		controller.abort();
		await expect( pending ).rejects.toThrow( 'Aborted' );
	} );

	it( 'yields between slices when the budget is spent', async () => {
		const many = ( word: string ) =>
			Array.from( { length: 60 }, ( _, i ) =>
				p( `Paragraph ${ i } ${ word } text` )
			).join( '\n' );
		const timeout = jest.spyOn( global, 'setTimeout' );
		const result = await diffContentAsync( many( 'old' ), many( 'new' ), {
			budget: -1,
		} );
		expect( result.stats.changed ).toBe( 60 );
		expect( timeout.mock.calls.length ).toBeGreaterThan( 10 );
		timeout.mockRestore();
	} );

	it( 'shows a classic-to-blocks conversion as removed and added', () => {
		const result = diffContent(
			'<p>Classic text</p>',
			p( 'Classic text' )
		);
		expect( kinds( result.blocks ) ).toEqual( [ 'removed', 'added' ] );
	} );
} );

describe( 'field diffs', () => {
	it( 'word-diffs the title', () => {
		const change = diffField( 'title', {
			base: 'Hours',
			current: 'Hours',
			proposed: 'Opening hours',
		} );
		expect( change.kind ).toBe( 'text' );
		expect(
			change.kind === 'text' &&
				change.words?.some( ( part ) => part.added )
		).toBe( true );
	} );

	it( 'lists uploads and attachment descriptions text by text', () => {
		expect(
			diffField( 'media', {
				base: [],
				current: [],
				proposed: [
					{ ref: 'cs-upload-1', alt: 'Tulips', title: 'Day' },
				],
			} )
		).toEqual( {
			name: 'media',
			kind: 'meta',
			keys: [
				{
					key: 'Upload 1: alt',
					label: null,
					before: null,
					after: 'Tulips',
				},
				{
					key: 'Upload 1: title',
					label: null,
					before: null,
					after: 'Day',
				},
			],
		} );
		expect(
			diffField( 'attachments', {
				base: null,
				current: { 12: { alt: 'old', caption: 'same' } },
				proposed: { 12: { alt: 'new', caption: 'same' } },
			} )
		).toEqual( {
			name: 'attachments',
			kind: 'meta',
			keys: [
				{ key: '#12: alt', label: null, before: 'old', after: 'new' },
			],
		} );
	} );

	it( 'reads { raw } values', () => {
		const change = diffField( 'excerpt', {
			base: null,
			current: { raw: 'Old', rendered: '<p>Old</p>' },
			proposed: 'New',
		} );
		expect( change ).toMatchObject( {
			kind: 'text',
			before: 'Old',
			after: 'New',
		} );
	} );

	it( 'shows scalar fields as before and after, raw without words', () => {
		expect(
			diffField( 'status', {
				base: 'draft',
				current: 'draft',
				proposed: 'publish',
			} )
		).toEqual( {
			name: 'status',
			kind: 'value',
			before: { text: 'draft' },
			after: { text: 'publish' },
		} );
		expect(
			diffField( 'featured_media', { base: 0, current: 0, proposed: 12 } )
		).toMatchObject( {
			before: { text: '' },
			after: { text: 'Image #12' },
		} );
	} );

	const fieldWords: FieldWords = {
		users: {
			3: { name: 'Jane Doe', avatar: 'https://a.test/j', agent: false },
			7: { name: 'Claude', avatar: 'https://a.test/c', agent: true },
		},
		media: { 5: { title: 'Green field', thumbnail: 'https://m.test/5' } },
		terms: {
			category: { label: 'Categories', names: { 1: 'News', 3: 'Roses' } },
		},
		statuses: { draft: 'Draft', publish: 'Published' },
		dates: {
			'0000-00-00 00:00:00': 'Not set: the date it is published',
			'2026-12-10 09:00:00': 'December 10, 2026 at 9:00 am',
		},
		meta: { subtitle: 'Subtitle' },
	};

	it( 'says authors, images, statuses and dates in words', () => {
		const field = ( name: string, current: unknown, proposed: unknown ) =>
			diffField(
				name,
				{ base: current, current, proposed },
				undefined,
				fieldWords
			);
		expect( field( 'author', 3, 7 ) ).toMatchObject( {
			before: {
				text: 'Jane Doe',
				image: 'https://a.test/j',
				agent: false,
			},
			after: { text: 'Claude', image: 'https://a.test/c', agent: true },
		} );
		expect( field( 'author', 3, 99 ) ).toMatchObject( {
			after: { text: 'User #99' },
		} );
		expect( field( 'featured_media', 0, 5 ) ).toMatchObject( {
			before: { text: '' },
			after: { text: 'Green field', image: 'https://m.test/5' },
		} );
		expect( field( 'status', 'draft', 'publish' ) ).toMatchObject( {
			before: { text: 'Draft' },
			after: { text: 'Published' },
		} );
		expect(
			field( 'date', '0000-00-00 00:00:00', '2026-12-10 09:00:00' )
		).toMatchObject( {
			before: { text: 'Not set: the date it is published' },
			after: { text: 'December 10, 2026 at 9:00 am' },
		} );
	} );

	it( 'lists added and removed terms by name under the taxonomy label', () => {
		expect(
			diffField(
				'terms',
				{
					base: null,
					current: { category: [ 1, 2 ], post_tag: [ 'a' ] },
					proposed: { category: [ 2, 3 ], post_tag: [ 'a' ] },
				},
				undefined,
				fieldWords
			)
		).toEqual( {
			name: 'terms',
			kind: 'terms',
			taxonomies: [
				{
					taxonomy: 'category',
					label: 'Categories',
					added: [ 'Roses' ],
					removed: [ 'News' ],
				},
			],
		} );
	} );

	it( 'lists changed meta keys only, with their registered label', () => {
		expect(
			diffField(
				'meta',
				{
					base: null,
					current: { a: '1', b: 'same', c: 'gone', subtitle: 'x' },
					proposed: { a: '2', b: 'same', d: { x: 1 }, subtitle: 'y' },
				},
				undefined,
				fieldWords
			)
		).toEqual( {
			name: 'meta',
			kind: 'meta',
			keys: [
				{ key: 'a', label: null, before: '1', after: '2' },
				{ key: 'c', label: null, before: 'gone', after: null },
				{ key: 'd', label: null, before: null, after: '{"x":1}' },
				{ key: 'subtitle', label: 'Subtitle', before: 'x', after: 'y' },
			],
		} );
	} );

	it( 'shows site settings as they were when proposed, also once applied', () => {
		expect(
			diffField( 'site_settings', {
				base: { title: 'Garden club' },
				current: { title: 'Garden club of Ghent' },
				proposed: { title: 'Garden club of Ghent' },
			} )
		).toEqual( {
			name: 'site_settings',
			kind: 'meta',
			keys: [
				{
					key: 'title',
					label: null,
					before: 'Garden club',
					after: 'Garden club of Ghent',
				},
			],
		} );
	} );

	it( 'orders fields and leaves content to the block diff', () => {
		const changes = diffFields( {
			meta: { base: {}, current: {}, proposed: { k: 'v' } },
			content: { base: '', current: '', proposed: 'x' },
			slug: { base: 'a', current: 'a', proposed: 'b' },
			title: { base: 'a', current: 'a', proposed: 'b' },
		} );
		expect( changes.map( ( change ) => change.name ) ).toEqual( [
			'title',
			'slug',
			'meta',
		] );
	} );
} );
