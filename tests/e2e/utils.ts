/**
 * External dependencies
 */
import { request, type APIRequestContext } from '@playwright/test';
import { deflateSync } from 'node:zlib';

/**
 * WordPress dependencies
 */
import type { RequestUtils } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import {
	createAgentClient,
	type AgentClient,
} from '../../src/api/agent-client';
import type { CreatedAgent, NewProposal, Proposal } from '../../src/api/types';

export type { CreatedAgent };

/** A post the REST API returned. */
export interface TestPost {
	id: number;
	link: string;
	status: string;
}

/** The fields the specs create posts with (the utils' own CreatePostPayload wrongly requires date_gmt). */
export interface NewTestPost {
	title?: string;
	content?: string;
	status: 'publish' | 'future' | 'draft' | 'pending' | 'private';
	date?: string;
	date_gmt?: string;
}

/**
 * Creates a post as the admin, through POST /wp/v2/posts.
 *
 * @param requestUtils Admin request utils.
 * @param payload      Post fields.
 */
export function createPost(
	requestUtils: RequestUtils,
	payload: NewTestPost
): Promise< TestPost > {
	return requestUtils.createRecord< TestPost >( 'posts', { ...payload } );
}

/** The test site's address. */
export const siteUrl = (): string =>
	process.env.WP_BASE_URL ?? 'http://localhost:8889';

/**
 * Creates an agent as the admin, through POST /countersign/v1/agents.
 *
 * @param requestUtils Admin request utils.
 * @param fields       Agent fields.
 */
export async function createAgent(
	requestUtils: RequestUtils,
	fields: Record< string, unknown >
): Promise< CreatedAgent > {
	return requestUtils.rest< CreatedAgent >( {
		method: 'POST',
		path: '/countersign/v1/agents',
		data: fields,
	} );
}

/**
 * The agent's typed client (the one bin/countersign-agent uses), with its Application Password.
 *
 * @param agent The agent.
 */
export function agentClient( agent: CreatedAgent ): AgentClient {
	return createAgentClient( {
		url: siteUrl(),
		user: agent.user_login,
		password: agent.application_password,
	} );
}

/**
 * A raw request context authenticated as the agent, for requests outside Countersign's API
 * (core routes an agent must be refused).
 *
 * @param agent The agent.
 */
export async function agentContext(
	agent: CreatedAgent
): Promise< APIRequestContext > {
	const token = Buffer.from(
		`${ agent.user_login }:${ agent.application_password }`
	).toString( 'base64' );
	return request.newContext( {
		baseURL: siteUrl(),
		extraHTTPHeaders: { Authorization: `Basic ${ token }` },
		storageState: { cookies: [], origins: [] },
	} );
}

/**
 * Submits a proposal as the agent over real HTTP; a refusal throws the server's code and message.
 *
 * @param client The agent's client.
 * @param body   Proposal body.
 */
export function propose(
	client: AgentClient,
	body: NewProposal
): Promise< Proposal > {
	return client.propose( body );
}

/**
 * CRC-32 of a PNG chunk's type and data.
 *
 * @param bytes Bytes.
 */
function crc32( bytes: Buffer ): number {
	/* eslint-disable no-bitwise -- CRC-32 is bitwise by definition (Node 20's zlib has no crc32). */
	let crc = 0xffffffff;
	for ( const byte of bytes ) {
		crc ^= byte;
		for ( let k = 0; k < 8; k++ ) {
			crc = crc & 1 ? 0xedb88320 ^ ( crc >>> 1 ) : crc >>> 1;
		}
	}
	return ( crc ^ 0xffffffff ) >>> 0;
	/* eslint-enable no-bitwise */
}

/**
 * A real PNG: a green field with a darker band, width × height.
 *
 * @param width  Width.
 * @param height Height.
 */
export function png( width: number, height: number ): Uint8Array {
	const chunk = ( type: string, data: Buffer ) => {
		const length = Buffer.alloc( 4 );
		length.writeUInt32BE( data.length );
		const body = Buffer.concat( [ Buffer.from( type, 'ascii' ), data ] );
		const crc = Buffer.alloc( 4 );
		crc.writeUInt32BE( crc32( body ) );
		return Buffer.concat( [ length, body, crc ] );
	};
	const header = Buffer.alloc( 13 );
	header.writeUInt32BE( width, 0 );
	header.writeUInt32BE( height, 4 );
	header.set( [ 8, 2, 0, 0, 0 ], 8 );
	const rows: number[] = [];
	for ( let y = 0; y < height; y++ ) {
		rows.push( 0 );
		for ( let x = 0; x < width; x++ ) {
			const band = y > height / 3 && y < ( 2 * height ) / 3;
			rows.push( 40, band ? 90 : 150, 60 );
		}
	}
	return new Uint8Array(
		Buffer.concat( [
			Buffer.from( [ 137, 80, 78, 71, 13, 10, 26, 10 ] ),
			chunk( 'IHDR', header ),
			chunk( 'IDAT', deflateSync( Buffer.from( rows ) ) ),
			chunk( 'IEND', Buffer.alloc( 0 ) ),
		] )
	);
}
