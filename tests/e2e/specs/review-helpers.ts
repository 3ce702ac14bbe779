/**
 * Helpers shared by the review-*.spec.ts files.
 */

/**
 * External dependencies
 */
import type { Page } from '@playwright/test';

/**
 * WordPress dependencies
 */
import type { RequestUtils } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import type { AgentClient } from '../../../src/api/agent-client';
import { agentClient, createAgent, type CreatedAgent } from '../utils';

export const paragraph = ( text: string ): string =>
	`<!-- wp:paragraph -->\n<p>${ text }</p>\n<!-- /wp:paragraph -->`;

export const heading = ( text: string, level = 2 ): string =>
	level === 2
		? `<!-- wp:heading -->\n<h2 class="wp-block-heading">${ text }</h2>\n<!-- /wp:heading -->`
		: `<!-- wp:heading {"level":${ level }} -->\n<h${ level } class="wp-block-heading">${ text }</h${ level }>\n<!-- /wp:heading -->`;

/** A short unique suffix, so tests on a shared dev site find their own rows. */
export const runId = (): string => Math.random().toString( 36 ).slice( 2, 7 );

/**
 * An agent and its typed client (Application Password over HTTP).
 *
 * @param requestUtils Admin request utils.
 * @param label        Agent label.
 * @param color        Agent colour.
 */
export async function makeAgent(
	requestUtils: RequestUtils,
	label: string,
	color = '#3858e9'
): Promise< { agent: CreatedAgent; client: AgentClient } > {
	const agent = await createAgent( requestUtils, {
		label,
		role: 'editor',
		preset: 'content_manager',
		color,
	} );
	return { agent, client: agentClient( agent ) };
}

/**
 * Opens the "Agent proposals" sidebar from the editor's top bar.
 *
 * @param page The page.
 */
export async function openProposalsSidebar( page: Page ) {
	await page
		.getByRole( 'region', { name: 'Editor top bar' } )
		.getByRole( 'button', { name: 'Agent proposals' } )
		.click();
	return page.getByRole( 'region', { name: 'Editor settings' } );
}

/**
 * Reads a post's raw content and title as the admin.
 *
 * @param requestUtils Admin request utils.
 * @param id           Post id.
 */
export async function readPost(
	requestUtils: RequestUtils,
	id: number
): Promise< { content: string; title: string } > {
	const post = await requestUtils.rest< {
		content: { raw: string };
		title: { raw: string };
	} >( {
		path: `/wp/v2/posts/${ id }`,
		params: { context: 'edit' },
	} );
	return { content: post.content.raw, title: post.title.raw };
}

/**
 * Whether the editor has unsaved changes (read from the editor's own store).
 *
 * @param page The page.
 */
export function isEditorDirty( page: Page ): Promise< boolean > {
	return page.evaluate( () =>
		(
			window as unknown as {
				wp: {
					data: {
						select: ( store: string ) => {
							isEditedPostDirty: () => boolean;
						};
					};
				};
			}
		 ).wp.data
			.select( 'core/editor' )
			.isEditedPostDirty()
	);
}
