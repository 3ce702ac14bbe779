/**
 * Internal dependencies
 */
import { parseBlocks, parseContent, type DiffBlock } from '../blocks';
import { diffContent, type ContentDiff } from '../model';

const p = ( text: string ) =>
	`<!-- wp:paragraph -->\n<p>${ text }</p>\n<!-- /wp:paragraph -->`;
const img = ( id: number, alt: string ) =>
	`<!-- wp:image {"id":${ id },"sizeSlug":"large"} -->\n<figure class="wp-block-image"><img src="https://example.test/${ id }.jpg" alt="${ alt }"/></figure>\n<!-- /wp:image -->`;
const group = ( ...inner: string[] ) =>
	`<!-- wp:group {"layout":{"type":"constrained"}} -->\n<div class="wp-block-group">${ inner.join(
		'\n'
	) }</div>\n<!-- /wp:group -->`;
const doc = ( ...blocks: string[] ) => blocks.join( '\n\n' );

const base = doc(
	p( 'First paragraph.' ),
	img( 7, 'A cat' ),
	group( p( 'Inside the group.' ), p( 'Second inside.' ) ),
	p( 'Last paragraph.' )
);

/**
 * Parses `content` with parseContent(), reusing `known`'s blocks, checks the
 * result against the full parser's, and returns it.
 *
 * @param content Serialized content.
 * @param known   Another version's parseContent() result.
 */
const parsed = ( content: string, known?: DiffBlock[] ): DiffBlock[] => {
	const blocks = parseContent( content, known );
	expect( blocks ).toEqual( parseBlocks( content ) );
	return blocks;
};

describe( 'parseContent', () => {
	it( 'reads content as the full parser does', () => {
		const blocks = parsed( base );
		expect( blocks.map( ( block ) => block.name ) ).toEqual( [
			'core/paragraph',
			'core/image',
			'core/group',
			'core/paragraph',
		] );
		expect( blocks[ 2 ]!.inner ).toHaveLength( 2 );
		expect( blocks[ 1 ]!.attrs ).toEqual( { id: 7, sizeSlug: 'large' } );
	} );

	it( 'reuses every block of an identical version', () => {
		const known = parsed( base );
		const again = parsed( base, known );
		again.forEach( ( block, index ) =>
			expect( block ).toBe( known[ index ] )
		);
	} );

	it( 'parses only the block that changed', () => {
		const known = parsed( base );
		const blocks = parsed(
			base.replace( 'Last paragraph.', 'Last paragraph, edited.' ),
			known
		);
		expect( blocks.slice( 0, 3 ) ).toEqual( known.slice( 0, 3 ) );
		blocks
			.slice( 0, 3 )
			.forEach( ( block, index ) =>
				expect( block ).toBe( known[ index ] )
			);
		expect( blocks[ 3 ] ).not.toBe( known[ 3 ] );
		expect( blocks[ 3 ]!.text ).toBe( 'Last paragraph, edited.' );
	} );

	it( 'reuses blocks around an added, a removed and a moved block', () => {
		const blocks = [
			p( 'One.' ),
			p( 'Two.' ),
			img( 3, 'Three' ),
			p( 'Four.' ),
		];
		const known = parsed( doc( ...blocks ) );
		const changed = parsed(
			doc(
				blocks[ 3 ]!,
				blocks[ 0 ]!,
				p( 'New.' ),
				blocks[ 2 ]!
				// Two removed.
			),
			known
		);
		expect( changed[ 0 ] ).toBe( known[ 3 ] );
		expect( changed[ 1 ] ).toBe( known[ 0 ] );
		expect( changed[ 2 ]!.text ).toBe( 'New.' );
		expect( known ).not.toContain( changed[ 2 ] );
		expect( changed[ 3 ] ).toBe( known[ 2 ] );
	} );

	it( 'reuses a block at most once when the new version repeats it', () => {
		const known = parsed( doc( p( 'Same.' ), p( 'Other.' ) ) );
		const blocks = parsed( doc( p( 'Same.' ), p( 'Same.' ) ), known );
		expect( blocks[ 0 ] ).toBe( known[ 0 ] );
		expect( blocks[ 1 ] ).not.toBe( known[ 0 ] );
		expect( blocks[ 1 ] ).toEqual( known[ 0 ] );
	} );

	it( 'parses nested inner blocks, and reparses a group whose inner block changed', () => {
		const nested = group(
			p( 'Outer.' ),
			group( p( 'Deep.' ), img( 9, 'Deep image' ) )
		);
		const known = parsed( doc( p( 'Before.' ), nested ) );
		expect( known[ 1 ]!.inner[ 1 ]!.inner[ 1 ]!.name ).toBe( 'core/image' );
		const blocks = parsed(
			doc( p( 'Before.' ), nested.replace( 'Deep.', 'Deeper.' ) ),
			known
		);
		expect( blocks[ 0 ] ).toBe( known[ 0 ] );
		expect( blocks[ 1 ] ).not.toBe( known[ 1 ] );
		expect( blocks[ 1 ]!.inner[ 1 ]!.inner[ 0 ]!.text ).toBe( 'Deeper.' );
	} );

	it( 'keeps classic text between blocks and drops whitespace', () => {
		const blocks = parsed(
			`<p>Classic before.</p>\n\n${ p(
				'Block.'
			) }\n  \n<p>Classic between.</p>${ p( 'Block two.' ) }\nClassic after.`
		);
		expect( blocks.map( ( block ) => block.name ) ).toEqual( [
			'core/freeform',
			'core/paragraph',
			'core/freeform',
			'core/paragraph',
			'core/freeform',
		] );
		expect( blocks[ 4 ]!.text ).toBe( 'Classic after.' );
	} );

	it( 'reads content without any block as one classic block', () => {
		expect( parsed( '<p>Only classic <b>HTML</b>.</p>' ) ).toHaveLength(
			1
		);
		expect( parsed( '  \n ' ) ).toEqual( [] );
		expect( parsed( '' ) ).toEqual( [] );
	} );

	it( 'reads void blocks, namespaced names and attributes that are not JSON', () => {
		const blocks = parsed(
			doc(
				'<!-- wp:spacer {"height":"40px"} /-->',
				'<!-- wp:acme/card {"title":"A } B"} -->\n<div>Card</div>\n<!-- /wp:acme/card -->',
				'<!-- wp:paragraph {not json} -->\n<p>Odd.</p>\n<!-- /wp:paragraph -->',
				'<!-- wp:separator /-->',
				'<!-- wp:paragraph --><!-- /wp:paragraph -->'
			)
		);
		expect( blocks.map( ( block ) => block.name ) ).toEqual( [
			'core/spacer',
			'acme/card',
			'core/paragraph',
			'core/separator',
			'core/paragraph',
		] );
		expect( blocks[ 1 ]!.attrs ).toEqual( { title: 'A } B' } );
		expect( blocks[ 2 ]!.attrs ).toEqual( {} );
	} );

	it( 'falls back to the full parser on a closer without an opener', () => {
		parsed(
			`${ p( 'Fine.' ) }\n<!-- /wp:paragraph -->\n${ p( 'After.' ) }`
		);
	} );

	it( 'falls back to the full parser on an unclosed block', () => {
		const blocks = parsed(
			`${ p( 'Fine.' ) }\n<!-- wp:group -->\n<div>${ p( 'Inner.' ) }`
		);
		expect( blocks[ 1 ]!.name ).toBe( 'core/group' );
	} );

	it( 'matches the full parser on mismatched closers and a void closer', () => {
		parsed(
			doc(
				'<!-- wp:quote --><blockquote><!-- wp:paragraph --><p>Q</p><!-- /wp:quote --></blockquote><!-- /wp:paragraph -->',
				'<!-- /wp:spacer /-->',
				p( 'End.' )
			)
		);
	} );

	it( 'reuses no block holding a delimiter start that is not one', () => {
		// Alone, the tokenizer's try at the stray `<!-- wp:note {` fails; with
		// a `} -->` after it, it reads on to there: one token across blocks.
		const stray = p( 'Says <!-- wp:note { and more' );
		const known = parsed( stray );
		const blocks = parsed( doc( stray, p( 'Closing } -->' ) ), known );
		expect( known ).not.toContain( blocks[ 0 ] );
		expect( blocks ).toHaveLength( 1 );
		parsed( doc( p( 'Closing } -->' ), stray ), known );
	} );

	it( 'takes known blocks that follow in order after whitespace, and stops at text between them', () => {
		const known = parsed( doc( p( 'A.' ), p( 'B.' ), p( 'C.' ) ) );
		const blocks = parsed(
			`${ p( 'A.' ) }\n<p>Classic.</p>\n${ p( 'B.' ) }\r\n\t${ p( 'C.' ) }`,
			known
		);
		expect( blocks[ 0 ] ).toBe( known[ 0 ] );
		expect( blocks[ 1 ]!.name ).toBe( 'core/freeform' );
		expect( blocks[ 2 ] ).toBe( known[ 1 ] );
		expect( blocks[ 3 ] ).toBe( known[ 2 ] );
	} );

	it.each( [
		[
			'no space before the end',
			'<!-- wp:paragraph--><p>A</p><!-- /wp:paragraph -->',
		],
		[
			'no space after the start',
			'<!--wp:paragraph --><p>A</p><!--/wp:paragraph -->',
		],
		[
			'an upper-case name',
			'<!-- wp:Paragraph --><p>A</p><!-- /wp:Paragraph -->',
		],
		[
			'a name starting with a digit',
			'<!-- wp:9lives --><p>A</p><!-- /wp:9lives -->',
		],
		[ 'two namespaces', '<!-- wp:a/b/c --><p>A</p><!-- /wp:a/b/c -->' ],
		[
			'an empty name after the namespace',
			'<!-- wp:acme/ --><p>A</p><!-- /wp:acme/ -->',
		],
		[ 'an empty name', '<!-- wp: --><p>A</p>' ],
		[
			'attributes without the space after them',
			`<!-- wp:paragraph {"a":1}--><p>A</p><!-- /wp:paragraph -->\n${ p( 'B.' ) }`,
		],
		[
			'a void block without the space',
			`<!-- wp:spacer {"a":1}/-->\n${ p( 'B.' ) }`,
		],
		[
			'attributes that never end',
			`<!-- wp:paragraph {"a":1 --><p>A</p><!-- /wp:paragraph -->`,
		],
		[
			'attributes that end in a later block',
			`<!-- wp:note {"a":1 -->\n${ p( 'Closing } -->' ) }\n${ p( 'After.' ) }`,
		],
		[
			'a stray opener inside a block',
			`${ p( 'Says <!-- wp:note { and more' ) }\n${ p( 'B.' ) }`,
		],
		[
			'a stray opener between blocks',
			`${ p( 'A.' ) }\n<!-- wp:note {\n${ p( 'B.' ) }`,
		],
		[
			'a `} /-->` in a string (a void block there)',
			'<!-- wp:acme/card {"title":"a } /--> b"} -->\n<div>Card</div>\n<!-- /wp:acme/card -->',
		],
		[
			'an unclosed inner block',
			`<!-- wp:group --><div><!-- wp:paragraph --><p>A</p></div><!-- /wp:group -->\n${ p( 'B.' ) }`,
		],
	] )( 'reads markup with %s as the full parser does', ( _, content ) => {
		parsed( content );
		parsed( content, parsed( doc( p( 'A.' ), p( 'B.' ), content ) ) );
	} );

	it.each( [
		[
			'a `} -->` in a string',
			'<!-- wp:acme/card {"title":"a } --> b"} -->\n<div>Card</div>\n<!-- /wp:acme/card -->',
		],
		[
			'a `-->` in a string',
			'<!-- wp:acme/card {"title":"a --> b"} -->\n<div>Card</div>\n<!-- /wp:acme/card -->',
		],
		[
			'a comment delimiter in a string',
			'<!-- wp:acme/card {"html":"<!-- wp:paragraph -->"} -->\n<div>Card</div>\n<!-- /wp:acme/card -->',
		],
		[
			'nested objects',
			'<!-- wp:group {"style":{"spacing":{"margin":{"top":"0"}}}} -->\n<div>G</div>\n<!-- /wp:group -->',
		],
		[
			'runs of braces',
			'<!-- wp:acme/x {"a":"}}}"}}} --><p>X</p><!-- /wp:acme/x -->',
		],
		[
			'a closer with attributes',
			'<!-- wp:paragraph {"a":1} --><p>A</p><!-- /wp:paragraph {"b":2} -->',
		],
		[
			'several spaces and lines',
			'<!--  \n wp:paragraph \t\n {"a":1} \n --><p>A</p><!--\t/wp:paragraph\n-->',
		],
		[
			'unicode whitespace',
			'<!--\u00a0wp:paragraph\u2028{"a":1}\ufeff--><p>A</p><!--\u3000/wp:paragraph\u00a0-->',
		],
		[
			'unicode whitespace that JSON does not take',
			'<!-- wp:paragraph {"a":1}\u00a0--><p>A</p><!-- /wp:paragraph -->',
		],
		[
			'unicode text and attributes',
			'<!-- wp:paragraph {"emoji":"\ud83c\udf37 – ✓"} --><p>Tulips 🌷 — ünïcödé, 東京</p><!-- /wp:paragraph -->',
		],
		[
			'other HTML comments',
			'<!-- more --><!--more--><!-- /more --><!-- wpx --><!-- wp-block -->\n<!-- wp:paragraph --><p>A<!-- note --></p><!-- /wp:paragraph -->\n<!--nextpage-->',
		],
		[
			'void blocks inside a group',
			'<!-- wp:group --><div><!-- wp:spacer /--><!-- wp:separator {"a":1} /-->\n<hr/></div><!-- /wp:group -->',
		],
		[
			'a void closer inside a group',
			'<!-- wp:group --><div><!-- /wp:spacer /--></div><!-- /wp:group -->',
		],
		[
			'empty blocks and chunks',
			'<!-- wp:group --><!-- wp:paragraph --><!-- /wp:paragraph --><!-- /wp:group --><!-- wp:paragraph -->  \n <!-- /wp:paragraph -->',
		],
		[
			'deep nesting with text around inner blocks',
			'<!-- wp:columns --> <div a> <!-- wp:column --> <div b> <!-- wp:group --> <div c> <!-- wp:paragraph --> <p>X</p> <!-- /wp:paragraph --> tail </div> <!-- /wp:group --> </div> <!-- /wp:column --> </div> <!-- /wp:columns -->',
		],
		[
			'a closer naming another block',
			'<!-- wp:group --><div><!-- wp:paragraph --><p>A</p><!-- /wp:quote --></div><!-- /wp:list -->',
		],
		[
			'classic HTML only between some blocks',
			`\ufeff<p>Intro</p>\n${ p( 'A.' ) }<p>Mid</p>${ p( 'B.' ) }\u00a0\n`,
		],
	] )( 'reads blocks with %s as the full parser does', ( _, content ) => {
		const known = parsed( content );
		// Each block again, as a known block, next to other blocks.
		const blocks = parsed(
			doc( p( 'Before.' ), content, p( 'After.' ) ),
			known
		);
		known
			.filter( ( block ) => block.name !== 'core/freeform' )
			.forEach( ( block ) => expect( blocks ).toContain( block ) );
	} );

	it( 'reads the whitespace the tokenizer reads', () => {
		for ( let code = 0; code <= 0xffff; code++ ) {
			const character = String.fromCharCode( code );
			const content = `<!--${ character }wp:paragraph${ character }--><p>A</p><!--${ character }/wp:paragraph${ character }-->`;
			expect( parseContent( content ) ).toEqual( parseBlocks( content ) );
		}
	} );

	it( 'reads generated markup as the full parser does, with and without another version of it', () => {
		// A deterministic generator of block markup, well-formed and not.
		let seed = 7;
		const random = ( n: number ) => {
			seed = ( seed * 1664525 + 1013904223 ) % 4294967296;
			return Math.floor( ( seed / 4294967296 ) * n );
		};
		const pick = < T >( list: T[] ): T => list[ random( list.length ) ]!;
		const spaces = [ ' ', ' ', ' ', '\n', '  ', '\t', '\u00a0', '' ];
		const names = [
			'paragraph',
			'group',
			'acme/card',
			'list-item',
			'x_y',
			'Bad',
			'a/b/c',
			'',
		];
		const attributes = [
			'',
			'',
			'{"a":1} ',
			'{"a":{"b":"}"}} ',
			'{"t":"-->"} ',
			'{"t":"} -->"} ',
			'{not json} ',
			'{"a":1}',
			'{} ',
		];
		const texts = [
			'<p>Text</p>',
			' ',
			'\n\n',
			'<!-- note -->',
			'a } b',
			'} -->',
			'<!-- wp:',
			'ü 🌷',
			'',
		];
		const delimiter = ( kind: 'open' | 'close' | 'void' ) =>
			`<!--${ pick( spaces ) }${ kind === 'close' ? '/' : '' }wp:${ pick(
				names
			) }${ pick( spaces ) }${ kind === 'close' ? '' : pick( attributes ) }${
				kind === 'void' ? '/' : ''
			}-->`;
		const markup = ( depth: number ): string => {
			const parts: string[] = [];
			for ( let count = random( 4 ); count >= 0; count-- ) {
				const choice = random( 10 );
				if ( choice < 3 ) {
					parts.push( pick( texts ) );
				} else if ( choice < 4 ) {
					parts.push( delimiter( 'void' ) );
				} else if ( choice < 5 && depth < 3 ) {
					parts.push(
						delimiter( 'open' ) +
							markup( depth + 1 ) +
							delimiter( 'close' )
					);
				} else if ( choice < 6 ) {
					parts.push(
						delimiter( pick( [ 'open', 'close' ] as const ) )
					);
				} else {
					parts.push( p( pick( [ 'A.', 'B.', 'C.' ] ) ) );
				}
			}
			return parts.join( pick( [ '', '\n\n' ] ) );
		};
		for ( let run = 0; run < 400; run++ ) {
			const content = markup( 0 );
			const known = parsed( content );
			parsed( `${ pick( texts ) }${ content }${ markup( 0 ) }`, known );
			parsed( `${ markup( 0 ) }\n\n${ content }`, known );
		}
	} );

	it( 'reuses nothing from a parse of other content', () => {
		const known = parsed( doc( p( 'A.' ), p( 'B.' ) ) );
		const blocks = parsed( doc( p( 'C.' ), p( 'D.' ) ), known );
		expect( known ).not.toContain( blocks[ 0 ] );
		expect( known ).not.toContain( blocks[ 1 ] );
	} );
} );

describe( 'diffContent against a current version it diffed before', () => {
	it( 'gives the diff it gives on a first call', () => {
		const current = doc(
			p( 'A.' ),
			p( 'B.' ),
			img( 1, 'x' ),
			group( p( 'In.' ), p( 'Side.' ) ),
			p( 'C.' ),
			p( 'B.' )
		);
		const proposals = [
			doc(
				p( 'A.' ),
				p( 'B, edited.' ),
				group( p( 'In.' ), p( 'Side!' ) ),
				p( 'C.' ),
				img( 1, 'y' )
			),
			doc(
				p( 'C.' ),
				p( 'A.' ),
				p( 'New.' ),
				p( 'B.' ),
				img( 1, 'x' ),
				p( 'B.' )
			),
			current,
		];
		for ( const proposed of proposals ) {
			diffContent( current, proposed );
		}
		for ( const proposed of proposals ) {
			let fresh: ContentDiff | undefined;
			jest.isolateModules( () => {
				fresh = (
					require( '../model' ) as typeof import( '../model' )
				 ).diffContent( current, proposed );
			} );
			expect( diffContent( current, proposed ) ).toEqual( fresh );
		}
	} );
} );
