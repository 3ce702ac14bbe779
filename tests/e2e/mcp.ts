/**
 * MCP helpers for the e2e tests: the official MCP SDK client, over Streamable HTTP, as an agent.
 */

/**
 * External dependencies
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * Internal dependencies
 */
import { siteUrl, type CreatedAgent } from './utils';

/** Countersign's MCP server on the test site. */
export const mcpUrl = (): string => `${ siteUrl() }/wp-json/countersign/v1/mcp`;

/** What a Countersign tool error carries, from the JSON line of its text. */
export interface ToolError {
	code: string;
	status?: number;
	message: string;
	field?: string;
	rule?: string;
	retry_after?: number;
}

/** A tool call's answer, as the tests read it. */
export interface ToolAnswer {
	/** The text a model reads. */
	text: string;
	/** The structured result, on success. */
	data: Record< string, unknown > | null;
	/** The refusal, on a tool error. */
	error: ToolError | null;
}

/**
 * Basic authentication with the agent's Application Password.
 *
 * @param agent The agent.
 */
export function basicAuth( agent: CreatedAgent ): string {
	return `Basic ${ Buffer.from(
		`${ agent.user_login }:${ agent.application_password }`
	).toString( 'base64' ) }`;
}

/**
 * Connects an MCP client to Countersign's server as the agent (initialize and the initialized notification).
 *
 * @param agent The agent.
 */
export async function connectMcp( agent: CreatedAgent ): Promise< Client > {
	const client = new Client( { name: 'countersign-e2e', version: '1.0.0' } );
	await client.connect(
		new StreamableHTTPClientTransport( new URL( mcpUrl() ), {
			requestInit: { headers: { Authorization: basicAuth( agent ) } },
		} )
	);
	return client;
}

/**
 * Calls a tool and reads its answer: the structured result, or the refusal from the tool error's text.
 *
 * @param client Connected client.
 * @param name   Tool name.
 * @param args   Tool arguments.
 */
export async function callTool(
	client: Client,
	name: string,
	args?: Record< string, unknown >
): Promise< ToolAnswer > {
	const result = await client.callTool( {
		name,
		...( args ? { arguments: args } : {} ),
	} );
	const content = Array.isArray( result.content ) ? result.content : [];
	const first: unknown = content[ 0 ];
	const text =
		typeof first === 'object' &&
		first !== null &&
		'text' in first &&
		typeof first.text === 'string'
			? first.text
			: '';
	if ( result.isError ) {
		const lines = text.split( '\n' );
		return {
			text,
			data: null,
			error: JSON.parse( lines[ lines.length - 1 ] ?? '{}' ) as ToolError,
		};
	}
	const structured = result.structuredContent;
	return {
		text,
		data:
			typeof structured === 'object' && structured !== null
				? ( structured as Record< string, unknown > )
				: null,
		error: null,
	};
}

/**
 * Waits, if needed, until the current one-minute rate-limit window has at least `seconds` left, so a test that
 * counts requests does not straddle two windows.
 *
 * @param seconds Seconds needed.
 */
export async function freshWindow( seconds = 20 ): Promise< void > {
	const left = 60 - new Date().getUTCSeconds();
	if ( left < seconds ) {
		await new Promise( ( resolve ) =>
			setTimeout( resolve, left * 1000 + 500 )
		);
	}
}
