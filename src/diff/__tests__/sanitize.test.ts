/**
 * Internal dependencies
 */
import { sanitizeHtml } from '../sanitize';

describe( 'sanitizeHtml', () => {
	it( 'drops scripts, event handlers and unknown tags, keeping text', () => {
		expect(
			sanitizeHtml(
				'<p onclick="x()">Hi<script>alert(1)</script><custom-el>there</custom-el></p>'
			)
		).toBe( '<p>Hithere</p>' );
	} );

	it( 'drops javascript: URLs and makes links open safely', () => {
		expect( sanitizeHtml( '<a href="javascript:alert(1)">x</a>' ) ).toBe(
			'<a target="_blank" rel="noopener noreferrer nofollow">x</a>'
		);
		expect( sanitizeHtml( '<a href="https://a.test">x</a>' ) ).toContain(
			'href="https://a.test"'
		);
	} );

	it( 'keeps images with safe sources only', () => {
		expect(
			sanitizeHtml( '<img src="/a.jpg" alt="A" onerror="x()">' )
		).toBe( '<img src="/a.jpg" alt="A">' );
		expect( sanitizeHtml( '<img src="data:text/html,x">' ) ).toBe(
			'<img>'
		);
	} );

	it( 'drops iframes and forms with their content', () => {
		expect(
			sanitizeHtml(
				'<iframe src="https://x.test">a</iframe><form>b</form>c'
			)
		).toBe( 'c' );
	} );
} );
