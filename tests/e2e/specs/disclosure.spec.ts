/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { agentClient, createAgent, propose, createPost } from '../utils';

test.describe( 'AI-disclosure block', () => {
	test( 'the front end names the agent and the approver, from the audit trail', async ( {
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Newsroom assistant',
			role: 'editor',
			preset: 'content_manager',
		} );
		const post = await createPost( requestUtils, {
			title: 'Council meeting recap',
			content:
				'<!-- wp:paragraph -->\n<p>The council met on Tuesday.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:countersign/ai-disclosure /-->',
			status: 'publish',
		} );

		// Before any agent change the block renders nothing.
		await page.goto( `/?p=${ post.id }` );
		await expect(
			page.getByRole( 'complementary', { name: 'AI disclosure' } )
		).toHaveCount( 0 );

		const proposal = await propose( agentClient( agent ), {
			post: post.id,
			changes: {
				content:
					'<!-- wp:paragraph -->\n<p>The council met on Tuesday and approved the new library budget.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:countersign/ai-disclosure /-->',
			},
			rationale: 'Adds the outcome of the meeting.',
		} );
		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/proposals/${ proposal.id }/approve`,
		} );

		await page.goto( `/?p=${ post.id }` );
		const disclosure = page.getByRole( 'complementary', {
			name: 'AI disclosure',
		} );
		await expect( disclosure ).toContainText( 'Newsroom assistant' );
		await expect( disclosure ).toContainText( 'Approved by: admin' );
		await expect(
			page.getByText( /approved the new library budget/ )
		).toBeVisible();
		await disclosure.scrollIntoViewIfNeeded();
		await page.screenshot( {
			path: 'artifacts/screenshots/disclosure-front-end.png',
		} );
	} );
} );
