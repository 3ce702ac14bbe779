/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { mcpServer } from '../mcp';
import { ADAPTER_URL, McpHint } from '../mcp-hint';

const url = 'https://example.com/wp-json/countersign/v1/mcp';

describe( 'McpHint', () => {
	it( "names Countersign's MCP server when the adapter is active", () => {
		render( <McpHint server={ { url, adapter: true } } /> );
		expect(
			screen.getByText( /Agents connect over MCP/ )
		).toHaveTextContent( url );
		expect( screen.queryByRole( 'link' ) ).toBeNull();
	} );

	it( 'says how to add the WordPress MCP Adapter when it is missing', () => {
		render( <McpHint server={ { url, adapter: false } } /> );
		expect(
			screen.getByRole( 'link', { name: 'WordPress MCP Adapter' } )
		).toHaveAttribute( 'href', ADAPTER_URL );
		expect(
			screen.getByText( /To let agents connect over MCP/ )
		).toHaveTextContent( url );
	} );

	it( 'counts the adapter as missing without the page data', () => {
		expect( mcpServer( undefined ) ).toEqual( {
			url: '',
			adapter: false,
		} );
	} );
} );
