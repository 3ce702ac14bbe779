/**
 * Countersign's MCP server, driven by the official MCP SDK client over Streamable HTTP with an agent's Application
 * Password, on the test site with the WordPress MCP Adapter active.
 */

/**
 * External dependencies
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';
import type { RequestUtils } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { paragraph, runId } from './review-helpers';
import { basicAuth, callTool, connectMcp, freshWindow } from '../mcp';
import {
	createAgent,
	createPost,
	png,
	siteUrl,
	type CreatedAgent,
} from '../utils';

const TOOLS = [
	'countersign-get-profile',
	'countersign-list-posts',
	'countersign-read-post',
	'countersign-propose-change',
	'countersign-request-confirmation',
	'countersign-list-proposals',
	'countersign-get-proposal',
	'countersign-withdraw-proposal',
	'countersign-upload-media',
];

/**
 * An editor-role agent with the content_manager preset.
 *
 * @param requestUtils Admin request utils.
 * @param fields       Extra fields.
 */
function mcpAgent(
	requestUtils: RequestUtils,
	fields: Record< string, unknown > = {}
): Promise< CreatedAgent > {
	return createAgent( requestUtils, {
		label: `MCP agent ${ runId() }`,
		role: 'editor',
		preset: 'content_manager',
		...fields,
	} );
}

/**
 * Sets Countersign settings as the admin.
 *
 * @param requestUtils Admin request utils.
 * @param data         Settings.
 */
function settings(
	requestUtils: RequestUtils,
	data: Record< string, unknown >
): Promise< unknown > {
	return requestUtils.rest( {
		method: 'PUT',
		path: '/countersign/v1/settings',
		data,
	} );
}

test.describe( "Countersign's MCP server", () => {
	test.beforeAll( async ( { requestUtils } ) => {
		// Every test agent shares 127.0.0.1: the per-IP limit would mix the tests' counts.
		await settings( requestUtils, { ip_rate_limit: 0 } );
	} );

	test.afterAll( async ( { requestUtils } ) => {
		await settings( requestUtils, {
			ip_rate_limit: 60,
			kill_switch: false,
		} );
	} );

	test( 'initialize, list the typed tools, list and read posts, propose against the read version, follow the proposal', async ( {
		requestUtils,
	} ) => {
		const agent = await mcpAgent( requestUtils );
		const title = `Garden hours ${ runId() }`;
		const post = await createPost( requestUtils, {
			title,
			content: paragraph( 'Open on Saturdays.' ),
			status: 'draft',
		} );
		const client = await connectMcp( agent );
		expect( client.getServerVersion()?.name ).toBe( 'Countersign' );

		const { tools } = await client.listTools();
		expect( tools.map( ( tool ) => tool.name ) ).toEqual( TOOLS );
		const propose = tools.find(
			( tool ) => tool.name === 'countersign-propose-change'
		);
		const changes = propose?.inputSchema.properties?.changes as {
			properties: Record< string, { type: unknown; enum?: string[] } >;
		};
		expect( changes.properties.title?.type ).toBe( 'string' );
		expect( changes.properties.status?.enum ).toContain( 'publish' );
		const listProposals = tools.find(
			( tool ) => tool.name === 'countersign-list-proposals'
		);
		// `{}`, not `[]`: an object's default an MCP client can send as it is.
		expect( listProposals?.inputSchema ).toMatchObject( { default: {} } );

		// An empty call works.
		const empty = await callTool( client, 'countersign-list-proposals' );
		expect( empty.error ).toBeNull();
		expect( empty.data ).toEqual( { proposals: [], total: 0, pages: 0 } );
		const profile = await callTool( client, 'countersign-get-profile' );
		expect( profile.data?.user_login ).toBe( agent.user_login );

		const found = await callTool( client, 'countersign-list-posts', {
			search: title,
		} );
		expect( found.data?.posts ).toEqual( [
			expect.objectContaining( { id: post.id, title, status: 'draft' } ),
		] );

		const read = await callTool( client, 'countersign-read-post', {
			post: post.id,
		} );
		expect( read.error ).toBeNull();
		expect( read.data ).toMatchObject( {
			id: post.id,
			title,
			content: paragraph( 'Open on Saturdays.' ),
			terms: { category: [ expect.objectContaining( { id: 1 } ) ] },
		} );
		expect( read.data?.blocks ).toEqual( [
			expect.objectContaining( {
				name: 'core/paragraph',
				text: 'Open on Saturdays.',
			} ),
		] );
		expect( read.data ).not.toHaveProperty( '_links' );

		const proposed = await callTool( client, 'countersign-propose-change', {
			post: post.id,
			changes: {
				content: paragraph( 'Open on Saturdays and Sundays.' ),
			},
			base: { modified_gmt: read.data?.modified_gmt },
			rationale: 'Members asked about Sundays.',
			source: { model: 'e2e', tool: 'mcp-sdk' },
		} );
		expect( proposed.error ).toBeNull();
		expect( proposed.data ).toMatchObject( {
			post: post.id,
			status: 'pending',
			risk: 2,
			decision: null,
		} );
		expect( proposed.data ).not.toHaveProperty( '_links' );
		const id = proposed.data?.id as number;

		const mine = await callTool( client, 'countersign-list-proposals', {
			post: post.id,
		} );
		expect( mine.data ).toMatchObject( {
			total: 1,
			proposals: [ { id, status: 'pending' } ],
		} );
		const one = await callTool( client, 'countersign-get-proposal', {
			id,
		} );
		expect( one.data?.fields ).toMatchObject( {
			content: {
				base: paragraph( 'Open on Saturdays.' ),
				proposed: paragraph( 'Open on Saturdays and Sundays.' ),
			},
		} );

		// Withdraw it; a second withdrawal is refused with the state rule.
		const withdrawn = await callTool(
			client,
			'countersign-withdraw-proposal',
			{ id }
		);
		expect( withdrawn.data ).toMatchObject( { id, status: 'withdrawn' } );
		const again = await callTool( client, 'countersign-withdraw-proposal', {
			id,
		} );
		expect( again.error ).toMatchObject( {
			code: 'countersign_invalid_state',
			status: 409,
		} );

		// Input the schema refuses is Countersign's invalid payload, naming the field.
		const invalid = await callTool( client, 'countersign-propose-change', {
			post: post.id,
			changes: { status: 'published' },
			rationale: 'Typo in the status.',
		} );
		expect( invalid.error ).toMatchObject( {
			code: 'countersign_invalid_payload',
			status: 400,
			field: 'changes.status',
		} );
		expect( invalid.text ).toMatch(
			/^countersign_invalid_payload \(HTTP 400, field changes\.status\): /
		);
		await client.close();
	} );

	test( 'an image goes up as base64 through countersign-upload-media and into a proposal; a PHP file named .jpg is a tool error naming the field', async ( {
		requestUtils,
	} ) => {
		const agent = await mcpAgent( requestUtils );
		const post = await createPost( requestUtils, {
			title: `Sign ${ runId() }`,
			content: paragraph( 'Our sign.' ),
			status: 'draft',
		} );
		const client = await connectMcp( agent );
		const staged = await callTool( client, 'countersign-upload-media', {
			filename: 'sign.png',
			data: Buffer.from( png( 12, 8 ) ).toString( 'base64' ),
		} );
		expect( staged.error ).toBeNull();
		expect( staged.data ).toMatchObject( {
			name: 'sign.png',
			type: 'image/png',
			width: 12,
			height: 8,
		} );
		const ref = String( staged.data?.ref );
		const proposed = await callTool( client, 'countersign-propose-change', {
			post: post.id,
			changes: {
				media: [ { ref, alt: 'The club sign.' } ],
				featured_media: ref,
			},
			rationale: 'A featured image.',
		} );
		expect( proposed.error ).toBeNull();
		expect( proposed.data ).toMatchObject( { status: 'pending', risk: 3 } );

		const hostile = await callTool( client, 'countersign-upload-media', {
			filename: 'photo.jpg',
			data: Buffer.from( '<?php system($_GET["c"]);' ).toString(
				'base64'
			),
		} );
		expect( hostile.error ).toMatchObject( {
			code: 'countersign_invalid_payload',
			field: 'file',
		} );
		await client.close();
	} );

	test( 'a risk-4 publish takes two steps: a token from request-confirmation, then the proposal, which a human approves', async ( {
		requestUtils,
	} ) => {
		const agent = await mcpAgent( requestUtils );
		const post = await createPost( requestUtils, {
			title: `To publish ${ runId() }`,
			content: paragraph( 'Ready.' ),
			status: 'draft',
		} );
		const client = await connectMcp( agent );
		const publish = { post: post.id, changes: { status: 'publish' } };

		const without = await callTool( client, 'countersign-propose-change', {
			...publish,
			rationale: 'Ready to go live.',
		} );
		expect( without.error ).toMatchObject( {
			code: 'countersign_invalid_token',
			status: 403,
		} );

		const intent = await callTool(
			client,
			'countersign-request-confirmation',
			publish
		);
		const token = intent.data?.token as string;
		expect( token ).toMatch( /^[a-f0-9]{48}$/ );
		const proposed = await callTool( client, 'countersign-propose-change', {
			...publish,
			rationale: 'Ready to go live.',
			confirm_token: token,
		} );
		expect( proposed.data ).toMatchObject( { status: 'pending', risk: 4 } );
		const reused = await callTool( client, 'countersign-propose-change', {
			...publish,
			rationale: 'Once more.',
			confirm_token: token,
		} );
		expect( reused.error?.code ).toBe( 'countersign_invalid_token' );

		const stored = await requestUtils.rest< { status: string } >( {
			path: `/wp/v2/posts/${ post.id }`,
			params: { context: 'edit' },
		} );
		expect( stored.status ).toBe( 'draft' );
		await client.close();
	} );

	test( 'a stale base is a countersign_conflict tool error; a rejected proposal is revised with supersedes', async ( {
		requestUtils,
	} ) => {
		const agent = await mcpAgent( requestUtils );
		const post = await createPost( requestUtils, {
			title: `Moving post ${ runId() }`,
			content: paragraph( 'First.' ),
			status: 'draft',
		} );
		const client = await connectMcp( agent );
		const read = await callTool( client, 'countersign-read-post', {
			post: post.id,
		} );
		// A person saves the post after the agent read it (a second later, so the modified time moves).
		await new Promise( ( resolve ) => setTimeout( resolve, 1100 ) );
		await requestUtils.rest( {
			method: 'POST',
			path: `/wp/v2/posts/${ post.id }`,
			data: { content: paragraph( 'Edited by a person.' ) },
		} );

		const stale = await callTool( client, 'countersign-propose-change', {
			post: post.id,
			changes: { title: 'From a stale read' },
			base: { modified_gmt: read.data?.modified_gmt },
			rationale: 'Stale.',
		} );
		expect( stale.error ).toMatchObject( {
			code: 'countersign_conflict',
			status: 409,
			field: 'base.modified_gmt',
		} );
		expect( stale.text ).toContain( 'countersign_conflict (HTTP 409' );

		const fresh = await callTool( client, 'countersign-read-post', {
			post: post.id,
		} );
		const first = await callTool( client, 'countersign-propose-change', {
			post: post.id,
			changes: { title: 'Shouting TITLE' },
			base: { modified_gmt: fresh.data?.modified_gmt },
			rationale: 'Louder.',
		} );
		const rejectedId = first.data?.id as number;
		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/proposals/${ rejectedId }/reject`,
			data: { reason: 'No capitals in titles, please.' },
		} );

		const rejected = await callTool( client, 'countersign-list-proposals', {
			status: 'rejected',
			post: post.id,
		} );
		expect( rejected.data?.proposals ).toEqual( [
			expect.objectContaining( {
				id: rejectedId,
				status: 'rejected',
				decision: expect.objectContaining( {
					action: 'reject',
					reason: 'No capitals in titles, please.',
				} ),
			} ),
		] );

		const revised = await callTool( client, 'countersign-propose-change', {
			post: post.id,
			changes: { title: 'A quieter title' },
			base: { modified_gmt: fresh.data?.modified_gmt },
			rationale: 'Revised after the review.',
			supersedes: rejectedId,
		} );
		expect( revised.data ).toMatchObject( { status: 'pending' } );
		const old = await callTool( client, 'countersign-get-proposal', {
			id: rejectedId,
		} );
		expect( old.data ).toMatchObject( {
			status: 'rejected',
			decision: {
				reason: 'No capitals in titles, please.',
				superseded_by: revised.data?.id,
			},
		} );
		await client.close();
	} );

	test( 'a paused agent and the kill switch are tool errors on a live session, and a new session is refused', async ( {
		requestUtils,
	} ) => {
		const agent = await mcpAgent( requestUtils );
		const client = await connectMcp( agent );

		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/agents/${ agent.id }/pause`,
		} );
		const paused = await callTool( client, 'countersign-get-profile' );
		expect( paused.error ).toMatchObject( {
			code: 'countersign_agent_paused',
			status: 403,
		} );
		// A new session is refused at the handshake.
		await expect( connectMcp( agent ) ).rejects.toThrow(
			/countersign_agent_paused/
		);
		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/agents/${ agent.id }/resume`,
		} );
		expect(
			( await callTool( client, 'countersign-get-profile' ) ).error
		).toBeNull();

		await settings( requestUtils, { kill_switch: true } );
		try {
			const stopped = await callTool(
				client,
				'countersign-list-proposals'
			);
			expect( stopped.error ).toMatchObject( {
				code: 'countersign_kill_switch',
				status: 503,
			} );
		} finally {
			await settings( requestUtils, { kill_switch: false } );
		}
		expect(
			( await callTool( client, 'countersign-list-proposals' ) ).error
		).toBeNull();

		// Every refusal is in the audit log, with the tool and the code.
		const audit = await requestUtils.rest<
			Array< {
				outcome: string;
				details: { code?: string; mcp?: Array< { tool: string } > };
			} >
		>( {
			path: '/countersign/v1/audit',
			params: { agent: agent.id, action: 'request', outcome: 'refused' },
		} );
		const codes = audit.map( ( row ) => row.details.code );
		expect( codes ).toEqual(
			expect.arrayContaining( [
				'countersign_agent_paused',
				'countersign_kill_switch',
			] )
		);
		await client.close();
	} );

	test( 'one tool call counts once against the rate limit, the handshake not at all; over the limit is a tool error with retry_after', async ( {
		requestUtils,
	} ) => {
		const agent = await mcpAgent( requestUtils, { rate_limit: 5 } );
		await freshWindow();
		const client = await connectMcp( agent );
		await client.listTools();

		for ( let call = 1; call <= 5; call++ ) {
			const answer = await callTool( client, 'countersign-list-posts', {
				per_page: 1,
			} );
			expect( answer.error, `call ${ call }` ).toBeNull();
		}
		const over = await callTool( client, 'countersign-list-posts' );
		expect( over.error ).toMatchObject( {
			code: 'countersign_rate_limited',
			status: 429,
			rule: 'agent_rate_limit',
		} );
		expect( over.error?.retry_after ).toBeGreaterThan( 0 );
		expect( over.text ).toMatch( /retry after \d+ s/ );
		const refused = await requestUtils.rest<
			Array< { details: { code?: string } } >
		>( {
			path: '/countersign/v1/audit',
			params: { agent: agent.id, action: 'request', outcome: 'refused' },
		} );
		expect( refused.map( ( row ) => row.details.code ) ).toEqual( [
			'countersign_rate_limited',
		] );
		await client.close();
	} );

	test( "an agent reaches another plugin's ability through no MCP route", async ( {
		requestUtils,
	} ) => {
		const wp = process.env.COUNTERSIGN_WP_DIR as string;
		const muPlugins = join( wp, 'wp-content/mu-plugins' );
		const muPlugin = join( muPlugins, 'countersign-other-plugin.php' );
		mkdirSync( muPlugins, { recursive: true } );
		copyFileSync(
			join( __dirname, '../fixtures/other-plugin.php' ),
			muPlugin
		);
		try {
			const agent = await mcpAgent( requestUtils );
			const before = await requestUtils.rest< { description: string } >( {
				path: '/wp/v2/settings',
			} );
			const post = ( path: string, body: unknown ) =>
				fetch( `${ siteUrl() }/wp-json${ path }`, {
					method: 'POST',
					headers: {
						Authorization: basicAuth( agent ),
						'Content-Type': 'application/json',
						Accept: 'application/json, text/event-stream',
					},
					body: JSON.stringify( body ),
				} );
			const initialize = {
				jsonrpc: '2.0',
				id: 1,
				method: 'initialize',
				params: {
					protocolVersion: '2025-06-18',
					capabilities: {},
					clientInfo: { name: 'e2e', version: '1' },
				},
			};
			const callOther = ( name: string, args: unknown ) => ( {
				jsonrpc: '2.0',
				id: 2,
				method: 'tools/call',
				params: { name, arguments: args },
			} );

			// The adapter's default server, the other plugin's own server, core's ability runner: refused.
			for ( const path of [
				'/mcp/mcp-adapter-default-server',
				'/fixture-other/mcp',
			] ) {
				const handshake = await post( path, initialize );
				expect( handshake.status, path ).toBe( 403 );
				expect( ( await handshake.json() ).code ).toBe(
					'countersign_core_write_refused'
				);
				const call = await post(
					path,
					callOther( 'fixture-other-set-tagline', {
						tagline: 'Written by an agent',
					} )
				);
				expect( call.status, path ).toBe( 403 );
			}
			const run = await post(
				'/wp-abilities/v1/abilities/fixture-other/set-tagline/run',
				{ input: { tagline: 'Written by an agent' } }
			);
			expect( run.status ).toBe( 403 );

			// Countersign's server has no such tool, directly or through the adapter's execute-ability tool.
			const client = await connectMcp( agent );
			for ( const [ name, args ] of [
				[
					'fixture-other-set-tagline',
					{ tagline: 'Written by an agent' },
				],
				[
					'mcp-adapter-execute-ability',
					{
						ability_name: 'fixture-other/set-tagline',
						parameters: { tagline: 'Written by an agent' },
					},
				],
			] as const ) {
				await expect(
					client.callTool( { name, arguments: args } )
				).rejects.toThrow( /not found/i );
			}
			await client.close();

			const after = await requestUtils.rest< { description: string } >( {
				path: '/wp/v2/settings',
			} );
			expect( after.description ).toBe( before.description );
			expect( after.description ).not.toBe( 'Written by an agent' );

			// A person (the admin) is no user of Countersign's server either: its tools are an agent's.
			await expect(
				requestUtils.rest( {
					method: 'POST',
					path: '/countersign/v1/mcp',
					data: initialize,
				} )
			).rejects.toMatchObject( { code: 'rest_forbidden' } );
		} finally {
			rmSync( muPlugin, { force: true } );
		}
	} );
} );
