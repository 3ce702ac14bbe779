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
