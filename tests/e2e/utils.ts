/**
 * External dependencies
 */
import { request, type APIRequestContext } from '@playwright/test';

/**
 * WordPress dependencies
 */
import type { RequestUtils } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import type { Agent, Proposal } from '../../src/api/types';

export interface CreatedAgent extends Agent {
	application_password: string;
}

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
 * A request context authenticated as the agent with its Application Password, the way a real agent talks.
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
		baseURL: process.env.WP_BASE_URL ?? 'http://localhost:8889',
		extraHTTPHeaders: { Authorization: `Basic ${ token }` },
		storageState: { cookies: [], origins: [] },
	} );
}

/**
 * Submits a proposal as the agent over real HTTP.
 *
 * @param context Agent request context.
 * @param body    Proposal body.
 */
export async function propose(
	context: APIRequestContext,
	body: Record< string, unknown >
): Promise< Proposal > {
	const response = await context.post( '/wp-json/countersign/v1/proposals', {
		data: body,
	} );
	if ( response.status() !== 201 ) {
		throw new Error(
			`Proposal refused: ${ response.status() } ${ await response.text() }`
		);
	}
	return ( await response.json() ) as Proposal;
}
