/**
 * Internal dependencies
 */
import { curlSnippet, restUrlFromAdmin, shellQuote } from '../snippet';

describe( 'restUrlFromAdmin', () => {
	it( 'builds a permalink-independent REST URL from any admin URL', () => {
		expect(
			restUrlFromAdmin(
				'http://localhost:8888/wp-admin/admin.php?page=countersign-agents',
				'/countersign/v1/me'
			)
		).toBe( 'http://localhost:8888/?rest_route=/countersign/v1/me' );
		expect(
			restUrlFromAdmin( 'https://example.com/blog/wp-admin/', '/x' )
		).toBe( 'https://example.com/blog/?rest_route=/x' );
	} );
} );

describe( 'shellQuote and curlSnippet', () => {
	it( 'quotes single quotes safely', () => {
		expect( shellQuote( "it's" ) ).toBe( `'it'\\''s'` );
	} );

	it( 'authenticates with the application password', () => {
		expect(
			curlSnippet(
				'agent-claude',
				'abcd efgh',
				'http://x/?rest_route=/countersign/v1/me'
			)
		).toBe(
			"curl -u 'agent-claude:abcd efgh' 'http://x/?rest_route=/countersign/v1/me'"
		);
	} );
} );
