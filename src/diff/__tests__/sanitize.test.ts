/**
 * Internal dependencies
 */
import { sanitizePreview } from '../sanitize';

const html = ( markup: string ): string => sanitizePreview( markup ).html;

describe( 'sanitizePreview', () => {
	it( 'drops scripts, event handlers and unknown tags, keeping text', () => {
		expect(
			html(
				'<p onclick="x()">Hi<script>alert(1)</script><custom-el>there</custom-el></p>'
			)
		).toBe( '<p>Hithere</p>' );
	} );

	it( 'drops javascript: URLs and makes links open safely', () => {
		expect( html( '<a href="javascript:alert(1)">x</a>' ) ).toBe(
			'<a target="_blank" rel="noopener noreferrer nofollow">x</a>'
		);
		expect( html( '<a href="https://a.test">x</a>' ) ).toContain(
			'href="https://a.test"'
		);
	} );

	it( 'keeps images with safe sources on this site only', () => {
		expect( html( '<img src="/a.jpg" alt="A" onerror="x()">' ) ).toBe(
			'<img src="/a.jpg" alt="A">'
		);
		expect( html( '<img src="data:text/html,x">' ) ).toBe( '<img>' );
		expect( html( '<img src="data:image/png;base64,AAAA">' ) ).toBe(
			'<img src="data:image/png;base64,AAAA">'
		);
	} );

	it( 'holds back images from other hosts until asked, naming the host', () => {
		for ( const src of [
			'https://tracker.test/pixel.png?who=reviewer',
			'//tracker.test/pixel.png',
			'http://localhost:9999/pixel.png',
		] ) {
			const preview = sanitizePreview(
				`<figure><img src="${ src }" alt="Chart"></figure>`
			);
			expect( preview.html ).not.toContain( '<img' );
			expect( preview.html ).toContain(
				'class="countersign-visual__remote-image"'
			);
			expect( preview.blocked ).toBe( 1 );
		}
		const loaded = sanitizePreview(
			'<img src="https://tracker.test/a.png"><img src="https://tracker.test/b.png">',
			{ loadRemote: true }
		);
		expect( loaded.html ).toContain( 'src="https://tracker.test/a.png"' );
		expect( loaded.blocked ).toBe( 0 );
		expect(
			sanitizePreview(
				'<img src="https://tracker.test/a.png"><img src="https://tracker.test/b.png">'
			).hosts
		).toEqual( [ 'tracker.test' ] );
	} );

	it( 'keeps block classes and drops the admin’s', () => {
		expect(
			html(
				'<div class="notice notice-error is-dismissible"><p class="has-text-align-center wp-block-paragraph">Licence expired</p></div>'
			)
		).toBe(
			'<div><p class="has-text-align-center wp-block-paragraph">Licence expired</p></div>'
		);
		expect(
			html(
				'<a class="button button-primary components-button is-primary wp-block-button__link" href="#x">Approve all</a>'
			)
		).toBe(
			'<a class="wp-block-button__link" href="#x" target="_blank" rel="noopener noreferrer nofollow">Approve all</a>'
		);
		expect(
			html( '<span class="screen-reader-text hidden dashicons">t</span>' )
		).toBe( '<span>t</span>' );
	} );

	it( 'drops iframes and forms with their content', () => {
		expect(
			html( '<iframe src="https://x.test">a</iframe><form>b</form>c' )
		).toBe( 'c' );
	} );

	it( 'parses every preview in the same inert document, each on its own', () => {
		sanitizePreview( '<p>first</p>' );
		const create = jest.spyOn(
			document.implementation,
			'createHTMLDocument'
		);
		try {
			const held = sanitizePreview( '<img src="https://x.test/a.png">' );
			const plain = sanitizePreview( '<p>Plain</p>' );
			expect( create ).not.toHaveBeenCalled();
			expect( held.blocked ).toBe( 1 );
			expect( plain ).toEqual( {
				html: '<p>Plain</p>',
				blocked: 0,
				hosts: [],
			} );
		} finally {
			create.mockRestore();
		}
	} );
} );
