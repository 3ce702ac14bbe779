/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import { diffFields } from '../../field-diff';
import { diffContent } from '../../model';
import { BlocksView } from '../blocks-view';
import ContentViews from '../content-views';
import { FieldChanges } from '../field-changes';
import { VisualView } from '../visual-view';

const p = ( text: string ) =>
	`<!-- wp:paragraph -->\n<p>${ text }</p>\n<!-- /wp:paragraph -->`;
const h = ( text: string, level = 2 ) =>
	level === 2
		? `<!-- wp:heading -->\n<h2 class="wp-block-heading">${ text }</h2>\n<!-- /wp:heading -->`
		: `<!-- wp:heading {"level":${ level }} -->\n<h${ level } class="wp-block-heading">${ text }</h${ level }>\n<!-- /wp:heading -->`;
const img = ( url: string, alt: string ) =>
	`<!-- wp:image {"id":5} -->\n<figure class="wp-block-image"><img src="${ url }" alt="${ alt }" class="wp-image-5"/></figure>\n<!-- /wp:image -->`;
const doc = ( ...blocks: string[] ) => blocks.join( '\n\n' );

/**
 * Text of the insertions (or deletions) inside an element, screen-reader prefixes removed.
 *
 * @param element Where to look.
 * @param tag     `ins` or `del`.
 */
const marked = ( element: HTMLElement, tag: 'ins' | 'del' ) =>
	Array.from( element.querySelectorAll( tag ) ).map( ( node ) =>
		( node.textContent ?? '' )
			.replace( /^(Inserted|Deleted): /u, '' )
			.trim()
	);

describe( 'VisualView', () => {
	it( 'highlights inserted and deleted words inside the edited block', () => {
		const { blocks } = diffContent(
			doc( h( 'Intro' ), p( 'The quick brown fox jumps.' ) ),
			doc( h( 'Intro' ), p( 'The quick red fox jumps.' ) )
		);
		render( <VisualView blocks={ blocks } /> );
		const block = screen.getByRole( 'group', {
			name: 'Paragraph, Changed',
		} );
		expect( marked( block, 'ins' ) ).toEqual( [ 'red' ] );
		expect( marked( block, 'del' ) ).toEqual( [ 'brown' ] );
		// The edited text keeps the block's element.
		expect(
			block.querySelector( 'p.countersign-diff__text' )
		).not.toBeNull();
		// The unchanged heading is rendered, but not called out.
		expect(
			screen.getByRole( 'heading', { name: 'Intro' } )
		).toBeInTheDocument();
		expect(
			screen.queryByRole( 'group', { name: /Heading/u } )
		).not.toBeInTheDocument();
	} );

	it( 'calls out a heading level change on the heading itself', () => {
		const { blocks } = diffContent(
			doc( h( 'Setup' ), p( 'Body' ) ),
			doc( h( 'Setup', 3 ), p( 'Body' ) )
		);
		render( <VisualView blocks={ blocks } /> );
		const block = screen.getByRole( 'group', {
			name: 'Heading, Changed',
		} );
		const list = within( block ).getByRole( 'list', {
			name: 'Changed attributes',
		} );
		const item = within( list )
			.getByText( 'Heading level' )
			.closest( 'li' )!;
		expect( item.querySelector( 'del' ) ).toHaveTextContent( '2' );
		expect( item.querySelector( 'ins' ) ).toHaveTextContent( '3' );
		// Rendered as the new level.
		expect(
			within( block ).getByRole( 'heading', { level: 3, name: 'Setup' } )
		).toBeInTheDocument();
	} );

	it( 'calls out a new image alt text, with "(none)" for the empty one', () => {
		const { blocks } = diffContent(
			img( 'https://example.test/a.jpg', '' ),
			img( 'https://example.test/a.jpg', 'A red fox' )
		);
		render( <VisualView blocks={ blocks } /> );
		const block = screen.getByRole( 'group', { name: 'Image, Changed' } );
		const item = within( block ).getByText( 'Alt text' ).closest( 'li' )!;
		expect( item.querySelector( 'del' ) ).toHaveTextContent( '(none)' );
		expect( item.querySelector( 'ins' ) ).toHaveTextContent( 'A red fox' );
	} );

	it( 'marks added and removed blocks', () => {
		const { blocks } = diffContent(
			doc( p( 'Keep this' ), p( 'Drop this sentence entirely' ) ),
			doc( p( 'Keep this' ), h( 'Brand new heading' ) )
		);
		render( <VisualView blocks={ blocks } /> );
		expect(
			screen.getByRole( 'group', { name: 'Heading, Added' } )
		).toHaveTextContent( 'Brand new heading' );
		expect(
			screen.getByRole( 'group', { name: 'Paragraph, Removed' } )
		).toHaveTextContent( 'Drop this sentence entirely' );
	} );

	it( 'says where a moved block came from, and keeps line breaks', () => {
		const { blocks } = diffContent(
			doc( p( 'Parking.' ), p( 'One<br>Two' ), h( 'Hours' ) ),
			doc( h( 'Hours' ), p( 'Parking.' ), p( 'One<br>Two and three' ) )
		);
		render( <VisualView blocks={ blocks } /> );
		expect(
			screen.getByRole( 'group', {
				name: 'Heading, Moved from block 3',
			} )
		).toBeInTheDocument();
		const edited = screen.getByRole( 'group', {
			name: 'Paragraph, Changed',
		} );
		expect(
			edited.querySelector( '.countersign-diff__text' )?.textContent
		).toMatch( /^One\nTwo/u );
	} );

	it( 'folds long runs of unchanged blocks behind a button', async () => {
		const same = Array.from( { length: 6 }, ( _, i ) =>
			p( `Same paragraph ${ i }` )
		);
		const { blocks } = diffContent(
			doc( ...same, p( 'Old ending here' ) ),
			doc( ...same, p( 'New ending here' ) )
		);
		render( <VisualView blocks={ blocks } /> );
		expect( screen.queryByText( 'Same paragraph 0' ) ).toBeNull();
		// The last unchanged block before the change stays as context.
		expect( screen.getByText( 'Same paragraph 5' ) ).toBeInTheDocument();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Show 5 unchanged blocks' } )
		);
		expect( screen.getByText( 'Same paragraph 0' ) ).toBeInTheDocument();
	} );

	it( 'does not render scripts from untrusted block markup', () => {
		const { blocks } = diffContent(
			doc( p( 'Safe' ) ),
			doc(
				p( 'Safe' ),
				'<!-- wp:html -->\n<div>hi<script>window.pwned = true</script><img src="x" onerror="window.pwned = true"></div>\n<!-- /wp:html -->'
			)
		);
		const { container } = render( <VisualView blocks={ blocks } /> );
		expect( container.querySelector( 'script' ) ).toBeNull();
		expect( container.querySelector( '[onerror]' ) ).toBeNull();
	} );
} );

describe( 'BlocksView', () => {
	it( 'lists each changed block with its word diff and position', () => {
		const { blocks } = diffContent(
			doc( h( 'Title' ), p( 'Cats are great pets.' ), p( 'Footer' ) ),
			doc( h( 'Title', 3 ), p( 'Cats are lovely pets.' ), p( 'Footer' ) )
		);
		render( <BlocksView blocks={ blocks } /> );
		const items = screen
			.getAllByRole( 'listitem' )
			.filter( ( item ) =>
				item.classList.contains( 'countersign-blocks__item' )
			);
		expect( items ).toHaveLength( 2 );
		const [ heading, paragraph ] = items as [ HTMLElement, HTMLElement ];
		expect( heading ).toHaveTextContent( 'Changed' );
		expect( heading ).toHaveTextContent( 'Heading' );
		expect( heading ).toHaveTextContent( '#1' );
		expect( within( heading ).getByText( 'Heading level' ) ).toBeVisible();
		expect( paragraph ).toHaveTextContent( '#2' );
		expect( marked( paragraph, 'ins' ) ).toEqual( [ 'lovely' ] );
		expect( marked( paragraph, 'del' ) ).toEqual( [ 'great' ] );
		expect( screen.queryByText( /Footer/u ) ).toBeNull();
	} );

	it( 'shows the text of a moved block and where it came from', () => {
		const { blocks } = diffContent(
			doc( p( 'First.' ), p( 'Second.' ), p( 'Third, long enough.' ) ),
			doc( p( 'Third, long enough.' ), p( 'First.' ), p( 'Second.' ) )
		);
		render( <BlocksView blocks={ blocks } /> );
		const item = screen.getByText( 'Moved from block 3' ).closest( 'li' );
		expect( item ).toHaveTextContent( 'Third, long enough.' );
	} );

	it( 'lists a change inside a container with its nested position', () => {
		const group = ( inner: string ) =>
			`<!-- wp:group -->\n<div class="wp-block-group">${ inner }</div>\n<!-- /wp:group -->`;
		const { blocks } = diffContent(
			group( p( 'Inner one' ) + p( 'Inner two words' ) ),
			group( p( 'Inner one' ) + p( 'Inner two more words' ) )
		);
		render( <BlocksView blocks={ blocks } /> );
		const nested = screen.getByText( '#1.2' ).closest( 'li' )!;
		expect( nested ).toHaveClass( 'is-depth-1' );
		expect( marked( nested, 'ins' ) ).toEqual( [ 'more' ] );
	} );

	it( 'says so when nothing changed in the blocks', () => {
		const { blocks } = diffContent( p( 'Same' ), p( 'Same' ) );
		render( <BlocksView blocks={ blocks } /> );
		expect( screen.getByText( 'No block changes.' ) ).toBeInTheDocument();
	} );
} );

describe( 'FieldChanges', () => {
	it( 'renders title, status, terms and meta as before → after', () => {
		const fields = diffFields( {
			title: {
				base: 'Hello world',
				current: 'Hello world',
				proposed: 'Hello brave world',
			},
			status: { base: 'draft', current: 'draft', proposed: 'publish' },
			terms: {
				base: { category: [ 'News' ] },
				current: { category: [ 'News' ] },
				proposed: { category: [ 'Tech' ] },
			},
			meta: {
				base: {},
				current: { subtitle: 'Old' },
				proposed: { subtitle: 'New', seo: 'x' },
			},
		} );
		const { container } = render( <FieldChanges fields={ fields } /> );
		const terms = Array.from( container.querySelectorAll( 'dt' ) ).map(
			( dt ) => dt.textContent
		);
		expect( terms ).toEqual( [
			'Title',
			'Status',
			'Categories and tags',
			'Custom fields',
		] );
		const value = ( label: string ) =>
			screen.getByText( label ).nextElementSibling as HTMLElement;
		expect( marked( value( 'Title' ), 'ins' ) ).toEqual( [ 'brave' ] );
		expect( value( 'Status' ).querySelector( 'del' ) ).toHaveTextContent(
			'draft'
		);
		expect( value( 'Status' ).querySelector( 'ins' ) ).toHaveTextContent(
			'publish'
		);
		expect( marked( value( 'Categories and tags' ), 'ins' ) ).toEqual( [
			'+Tech',
		] );
		expect( marked( value( 'Categories and tags' ), 'del' ) ).toEqual( [
			'−News',
		] );
		const meta = value( 'Custom fields' );
		expect(
			within( meta ).getByText( 'seo' ).closest( 'li' )
		).toHaveTextContent( 'seo (none) → x' );
		expect( marked( meta, 'ins' ) ).toEqual( [ 'x', 'New' ] );
	} );

	it( 'renders nothing when no field besides the content changed', () => {
		const { container } = render(
			<FieldChanges fields={ diffFields( {} ) } />
		);
		expect( container ).toBeEmptyDOMElement();
	} );
} );

describe( 'ContentViews', () => {
	it( 'shows the fields and the computed block summary', async () => {
		render(
			<ContentViews
				mode="blocks"
				onShowMarkup={ jest.fn() }
				detail={ {
					id: 1,
					fields: {
						title: { base: 'A', current: 'A', proposed: 'B' },
						content: {
							base: p( 'One two' ),
							current: p( 'One two' ),
							proposed: doc( p( 'One three' ), p( 'Extra' ) ),
						},
					},
				} }
			/>
		);
		const content = await screen.findByRole( 'region', {
			name: 'Content',
		} );
		expect( content ).toHaveTextContent( 'Content 1 changed, 1 added' );
		expect( screen.getByText( 'Title' ) ).toBeInTheDocument();
	} );

	it( 'says when the guard trips and offers the markup view', async () => {
		const onShowMarkup = jest.fn();
		const many = ( word: string ) =>
			Array.from( { length: 2_500 }, ( _, i ) =>
				p( `${ word } ${ i }` )
			).join( '\n' );
		render(
			<ContentViews
				mode="visual"
				onShowMarkup={ onShowMarkup }
				detail={ {
					id: 2,
					fields: {
						content: {
							base: many( 'old' ),
							current: many( 'old' ),
							proposed: many( 'new' ),
						},
					},
				} }
			/>
		);
		// Inside the notice: its text is also spoken into the a11y live region, sometimes before this finds it.
		expect(
			await screen.findByText(
				/This change is too large to compare block by block\./u,
				{ selector: '.components-notice__content' },
				{ timeout: 10_000 }
			)
		).toBeInTheDocument();
		// No half-computed view underneath.
		expect(
			screen.queryByRole( 'region', { name: 'Content' } )
		).toBeNull();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Show the markup view' } )
		);
		expect( onShowMarkup ).toHaveBeenCalledTimes( 1 );
	}, 20_000 );

	it( 'keeps the view but offers the markup view when a word diff is skipped', async () => {
		const words = ( prefix: string ) =>
			Array.from(
				{ length: 6_000 },
				( _, i ) => `${ prefix }${ i }`
			).join( ' ' );
		render(
			<ContentViews
				mode="blocks"
				onShowMarkup={ jest.fn() }
				detail={ {
					id: 3,
					fields: {
						content: {
							base: p( `Intro ${ words( 'a' ) }` ),
							current: p( `Intro ${ words( 'a' ) }` ),
							proposed: p( `Intro ${ words( 'b' ) }` ),
						},
					},
				} }
			/>
		);
		// The notice's text is also spoken into the a11y live region, so look
		// for it inside the notice itself.
		const notice = await screen.findByText(
			/Some blocks changed too much to compare word by word\./u,
			{ selector: '.components-notice__content' },
			{ timeout: 10_000 }
		);
		expect( notice ).toBeInTheDocument();
		expect(
			screen.getByRole( 'button', { name: 'Show the markup view' } )
		).toBeInTheDocument();
	}, 20_000 );
} );

describe( 'progressive rendering of a long diff', () => {
	// Sixty edited paragraphs: sixty changed entries in either view.
	const longDiff = () =>
		diffContent(
			doc(
				...Array.from( { length: 60 }, ( _, i ) =>
					p( `Paragraph ${ i } says old things` )
				)
			),
			doc(
				...Array.from( { length: 60 }, ( _, i ) =>
					p( `Paragraph ${ i } says new things` )
				)
			)
		).blocks;

	// Each slice's render schedules the next task: run them one at a time until none is left.
	const settle = () => {
		while ( jest.getTimerCount() > 0 ) {
			act( () => {
				jest.runOnlyPendingTimers();
			} );
		}
	};

	beforeEach( () => jest.useFakeTimers() );
	afterEach( () => jest.useRealTimers() );

	it( 'paints the first visual entries at once and the rest in later tasks', () => {
		render( <VisualView blocks={ longDiff() } /> );
		const changed = () =>
			screen.getAllByRole( 'group', { name: 'Paragraph, Changed' } );
		expect( changed() ).toHaveLength( 12 );
		expect( changed()[ 0 ] ).toHaveTextContent( 'Paragraph 0' );
		act( () => {
			jest.advanceTimersByTime( 0 );
		} );
		expect( changed() ).toHaveLength( 36 );
		settle();
		expect( changed() ).toHaveLength( 60 );
		expect( changed()[ 59 ] ).toHaveTextContent( 'Paragraph 59' );
	} );

	it( 'lists the first changed blocks at once and the rest in later tasks', () => {
		render( <BlocksView blocks={ longDiff() } /> );
		expect( screen.getAllByRole( 'listitem' ) ).toHaveLength( 12 );
		settle();
		const items = screen.getAllByRole( 'listitem' );
		expect( items ).toHaveLength( 60 );
		expect( items[ 59 ] ).toHaveTextContent( '#60' );
	} );

	it( 'starts over with the first slice when the diff changes', () => {
		const { rerender } = render( <BlocksView blocks={ longDiff() } /> );
		settle();
		expect( screen.getAllByRole( 'listitem' ) ).toHaveLength( 60 );
		rerender( <BlocksView blocks={ longDiff() } /> );
		expect( screen.getAllByRole( 'listitem' ) ).toHaveLength( 12 );
	} );
} );
