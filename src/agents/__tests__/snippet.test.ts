/**
 * Internal dependencies
 */
import {
	mcpSnippet,
	proposeSnippet,
	restUrlFromAdmin,
	shellQuote,
	siteUrlFromAdmin,
} from '../snippet';

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

describe( 'shellQuote, proposeSnippet and mcpSnippet', () => {
	it( 'quotes single quotes safely', () => {
		expect( shellQuote( "it's" ) ).toBe( `'it'\\''s'` );
	} );

	it( 'submits a new-post proposal with the application password', () => {
		const snippet = proposeSnippet(
			'agent-claude',
			'abcd efgh',
			'http://x/?rest_route=/countersign/v1/proposals'
		);
		expect( snippet ).toContain( "curl -u 'agent-claude:abcd efgh'" );
		expect( snippet ).toContain(
			"'http://x/?rest_route=/countersign/v1/proposals'"
		);
		const body = /-d '(.*)' \\/u.exec( snippet )?.[ 1 ];
		expect( JSON.parse( body ?? '' ) ).toMatchObject( {
			post: 0,
			post_type: 'post',
			changes: { title: 'Hello from an agent' },
		} );
	} );

	it( "runs the stdio proxy against Countersign's MCP server as the agent", () => {
		const config = JSON.parse(
			mcpSnippet(
				'https://example.com/blog/wp-json/countersign/v1/mcp',
				'agent-x',
				'p w'
			)
		);
		expect( config.mcpServers.countersign ).toEqual( {
			command: 'npx',
			args: [ '-y', '@automattic/mcp-wordpress-remote@latest' ],
			env: {
				WP_API_URL:
					'https://example.com/blog/wp-json/countersign/v1/mcp',
				WP_API_USERNAME: 'agent-x',
				WP_API_PASSWORD: 'p w',
			},
		} );
	} );

	it( 'finds the site root from an admin URL', () => {
		expect(
			siteUrlFromAdmin(
				'https://example.com/blog/wp-admin/admin.php?x=1'
			)
		).toBe( 'https://example.com/blog/' );
	} );
} );
