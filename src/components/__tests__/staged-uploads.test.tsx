/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { render, screen } from '@testing-library/react';

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { StagedUploads, formatSize } from '../staged-uploads';

const file = {
	ref: 'cs-upload-0123456789abcdef0123456789abcdef',
	name: 'tulips.png',
	type: 'image/png',
	size: 2048,
	width: 240,
	height: 160,
	proposal_id: 7,
	created: '2026-01-01T00:00:00+00:00',
	preview:
		'http://site.test/wp-json/countersign/v1/media/cs-upload-0123456789abcdef0123456789abcdef/file',
};

describe( 'StagedUploads', () => {
	it( 'previews an image through the authenticated route, with its facts and texts', () => {
		(
			apiFetch as unknown as { nonceMiddleware?: { nonce?: string } }
		 ).nonceMiddleware = { nonce: 'abc123' };
		render(
			<StagedUploads
				uploads={ [ file ] }
				media={ [ { ref: file.ref, alt: 'Tulips by the gate.' } ] }
			/>
		);
		const list = screen.getByRole( 'list', { name: 'Files to add' } );
		const image = screen.getByRole( 'img', {
			name: 'Preview of tulips.png',
		} );
		expect( image.getAttribute( 'src' ) ).toBe(
			`${ file.preview }?_wpnonce=abc123`
		);
		expect( list ).toHaveTextContent( 'image/png · 2 KB · 240 × 160 px' );
		expect( list ).toHaveTextContent( 'Tulips by the gate.' );
	} );

	it( 'shows no preview for a file that is not an image, and nothing without uploads', () => {
		const { container, rerender } = render(
			<StagedUploads
				uploads={ [ { ...file, type: 'application/pdf', width: 0 } ] }
				media={ [] }
			/>
		);
		expect( screen.queryByRole( 'img' ) ).toBeNull();
		expect( container ).toHaveTextContent( 'application/pdf · 2 KB' );
		rerender( <StagedUploads uploads={ [] } media={ [] } /> );
		expect( container ).toBeEmptyDOMElement();
	} );

	it( 'reads sizes in KB and MB', () => {
		expect( formatSize( 10 ) ).toBe( '1 KB' );
		expect( formatSize( 3 * 1048576 ) ).toBe( '3.0 MB' );
	} );
} );
