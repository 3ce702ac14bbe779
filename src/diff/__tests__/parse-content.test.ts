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
