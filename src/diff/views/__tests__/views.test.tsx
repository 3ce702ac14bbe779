/**
 * External dependencies
 */
import { render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { diffFields } from '../../field-diff';
import { diffContent } from '../../model';
import { BlocksView } from '../blocks-view';
import { FieldChanges } from '../field-changes';
import { VisualView } from '../visual-view';

const p = ( text: string ) =>
	`<!-- wp:paragraph -->\n<p>${ text }</p>\n<!-- /wp:paragraph -->`;
const h = ( text: string, level: number ) =>
	`<!-- wp:heading {"level":${ level }} -->\n<h${ level } class="wp-block-heading">${ text }</h${ level }>\n<!-- /wp:heading -->`;
const img = ( alt: string ) =>
	`<!-- wp:image {"id":5} -->\n<figure class="wp-block-image"><img src="https://example.test/a.jpg" alt="${ alt }" class="wp-image-5"/></figure>\n<!-- /wp:image -->`;

const current = [
	h( 'Starters', 2 ),
	p( 'Soup of the day and fresh bread.' ),
	img( 'A bowl' ),
].join( '\n\n' );
const proposed = [
	h( 'Starters', 3 ),
	p( 'Soup of the day, fresh bread and salted butter.' ),
	img( 'A bowl of tomato soup' ),
	p( 'Ask us about allergens.' ),
].join( '\n\n' );

describe( 'VisualView', () => {
	it( 'highlights insertions and deletions in place and calls out attribute-only changes', () => {
		const { blocks } = diffContent( current, proposed );
		const { container } = render( <VisualView blocks={ blocks } /> );

		const inserted = [ ...container.querySelectorAll( 'ins' ) ].map(
			( node ) => node.textContent
		);
		expect( inserted.join( ' ' ) ).toContain( 'salted butter' );
		expect(
			[ ...container.querySelectorAll( 'del' ) ]
				.map( ( node ) => node.textContent )
				.join( ' ' )
		).toContain( 'and' );
		// The heading's text did not change: only its level did, and that is called out.
		expect( container.textContent ).toMatch( /Heading level/ );
		expect( container.textContent ).toMatch( /2.*3/s );
		// The image's alt text changed without any visible text change.
		expect( container.textContent ).toContain( 'A bowl of tomato soup' );
		// The added paragraph is there, marked as added.
		expect( screen.getByText( 'Ask us about allergens.' ) ).toBeTruthy();
		expect( container.textContent ).toMatch( /Added/ );
	} );
} );

describe( 'BlocksView', () => {
	it( 'lists each changed block with its word diff and attribute list', () => {
		const { blocks } = diffContent( current, proposed );
		const { container } = render( <BlocksView blocks={ blocks } /> );
		const text = container.textContent ?? '';
		expect( text ).toMatch( /Heading/ );
		expect( text ).toMatch( /Image/ );
		expect( text ).toMatch( /Paragraph/ );
		expect( container.querySelectorAll( 'ins' ).length ).toBeGreaterThan(
			0
		);
	} );
} );

describe( 'FieldChanges', () => {
	it( 'shows each field before → after with a word diff for text', () => {
		const fields = diffFields( {
			title: {
				base: 'Menu',
				current: 'Menu',
				proposed: 'Our menu',
			},
			status: { base: 'draft', current: 'draft', proposed: 'publish' },
		} );
		const { container } = render( <FieldChanges fields={ fields } /> );
		expect( within( container ).getByText( /Title/ ) ).toBeTruthy();
		expect( container.textContent ).toContain( 'Our' );
		expect( container.textContent ).toMatch( /draft/i );
		expect( container.textContent ).toMatch( /publish/i );
	} );
} );
