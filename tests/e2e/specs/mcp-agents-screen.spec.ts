/**
 * The MCP client configuration the Agents screen prints, copied and run as an MCP client would run it (the
 * WordPress stdio proxy), and a reviewer approving in the block editor what the agent proposed over it.
 */

/**
 * External dependencies
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { openProposalsSidebar, paragraph, runId } from './review-helpers';
import { callTool, mcpUrl } from '../mcp';
import { createPost } from '../utils';

/** The printed configuration's shape. */
interface McpConfig {
	mcpServers: Record<
		string,
		{ command: string; args: string[]; env: Record< string, string > }
	>;
}

test.describe( 'MCP from the Agents screen', () => {
	test( 'the printed configuration runs: the stdio proxy reaches Countersign, and the reviewer approves in the editor', async ( {
		admin,
		editor,
		page,
		requestUtils,
	} ) => {
		test.setTimeout( 240_000 );
		const id = runId();
		const post = await createPost( requestUtils, {
			title: `Club news ${ id }`,
			content: paragraph( 'The club meets monthly.' ),
			status: 'draft',
		} );

		await admin.visitAdminPage( 'admin.php', 'page=countersign-agents' );
		await expect(
			page.getByText( 'Agents connect over MCP to Countersign' )
		).toContainText( mcpUrl() );
		await page.getByRole( 'button', { name: 'Add agent' } ).click();
		const dialog = page.getByRole( 'dialog', { name: 'Add agent' } );
		await dialog.getByLabel( 'Label' ).fill( `MCP desk ${ id }` );
		await dialog.getByLabel( 'WordPress role' ).selectOption( 'editor' );
		await dialog
			.getByRole( 'combobox', { name: 'Preset' } )
			.selectOption( 'content_manager' );
		await dialog.getByRole( 'button', { name: 'Add agent' } ).click();

		const notice = page.locator( '.countersign-credentials' );
		const block = notice
			.locator( '.countersign-credentials__copyable' )
			.filter( { hasText: 'MCP client configuration' } );
		await expect( block ).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/agents-mcp-config.png',
			fullPage: true,
		} );
		const config = JSON.parse(
			( await block.locator( 'pre code' ).textContent() ) ?? '{}'
		) as McpConfig;
		const server = config.mcpServers.countersign;
		expect( server?.env.WP_API_URL ).toBe( mcpUrl() );
		if ( ! server ) {
			throw new Error( 'No countersign server in the configuration.' );
		}

		// Run it as an MCP client does: the command, its arguments and its environment.
		const client = new Client( { name: 'e2e-desktop', version: '1.0.0' } );
		await client.connect(
			new StdioClientTransport( {
				command: server.command,
				args: server.args,
				env: {
					...( process.env as Record< string, string > ),
					...server.env,
				},
				stderr: 'pipe',
			} )
		);
		const { tools } = await client.listTools();
		expect( tools.map( ( tool ) => tool.name ) ).toContain(
			'countersign-propose-change'
		);
		const read = await callTool( client, 'countersign-read-post', {
			post: post.id,
		} );
		expect( read.error ).toBeNull();
		const proposed = await callTool( client, 'countersign-propose-change', {
			post: post.id,
			changes: {
				title: `Club news ${ id }: the summer fair`,
				content: paragraph(
					'The club meets monthly, and in July at the summer fair.'
				),
			},
			base: { modified_gmt: read.data?.modified_gmt },
			rationale: 'Adds the summer fair, from the MCP desk.',
		} );
		expect( proposed.data ).toMatchObject( { status: 'pending' } );
		const stale = await callTool( client, 'countersign-propose-change', {
			post: post.id,
			changes: { title: 'Too late' },
			base: { modified_gmt: '2001-01-01T00:00:00' },
			rationale: 'A stale read.',
		} );
		// Through the proxy too, a refusal is a tool error a model can read.
		expect( stale.error?.code ).toBe( 'countersign_conflict' );
		await client.close();

		// A reviewer approves it in the block editor.
		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		await expect(
			sidebar.getByText( 'Adds the summer fair, from the MCP desk.' )
		).toBeVisible();
		await sidebar
			.getByRole( 'button', { name: 'Approve', exact: true } )
			.click();
		await expect(
			editor.canvas.getByRole( 'document', { name: 'Block: Paragraph' } )
		).toHaveText(
			'The club meets monthly, and in July at the summer fair.'
		);
		await page.screenshot( {
			path: 'artifacts/screenshots/editor-approved-over-mcp.png',
		} );
		const stored = await requestUtils.rest< { title: { raw: string } } >( {
			path: `/wp/v2/posts/${ post.id }`,
			params: { context: 'edit' },
		} );
		expect( stored.title.raw ).toBe( `Club news ${ id }: the summer fair` );
	} );

	test( 'without the MCP Adapter the site works over REST and the Agents screen says how to add it', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		await requestUtils.deactivatePlugin( 'mcp-adapter' );
		try {
			await admin.visitAdminPage(
				'admin.php',
				'page=countersign-agents'
			);
			const hint = page.getByText( 'To let agents connect over MCP' );
			await expect( hint ).toContainText( mcpUrl() );
			await expect(
				hint.getByRole( 'link', { name: 'WordPress MCP Adapter' } )
			).toHaveAttribute(
				'href',
				'https://github.com/WordPress/mcp-adapter'
			);
			await page.screenshot( {
				path: 'artifacts/screenshots/agents-no-adapter.png',
			} );
			// No server, and REST answers as before.
			await expect(
				requestUtils.rest( {
					method: 'POST',
					path: '/countersign/v1/mcp',
					data: {},
				} )
			).rejects.toMatchObject( { code: 'rest_no_route' } );
			const agents = await requestUtils.rest< unknown[] >( {
				path: '/countersign/v1/agents',
			} );
			expect( Array.isArray( agents ) ).toBe( true );
		} finally {
			await requestUtils.activatePlugin( 'mcp-adapter' );
		}
	} );
} );
