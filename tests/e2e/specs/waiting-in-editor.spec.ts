/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { agentClient, createAgent, propose, createPost } from '../utils';

test.describe( 'Proposals waiting, in the editor', () => {
	test( 'a notice and the pinned icon say how many wait, and follow new proposals and decisions without a reload', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Live agent',
			role: 'editor',
			preset: 'content_manager',
		} );
		const post = await createPost( requestUtils, {
			title: 'Live post',
			content:
				'<!-- wp:paragraph -->\n<p>Live.</p>\n<!-- /wp:paragraph -->',
			status: 'draft',
		} );
		const client = agentClient( agent );
		await propose( client, {
			post: post.id,
			changes: { title: 'Live post, first idea' },
			rationale: 'First idea.',
		} );

		await admin.editPost( post.id );
		const notice = page
			.getByRole( 'region', { name: 'Editor content' } )
			.getByText( '1 agent proposal waits for review.' )
			.or( page.getByText( '1 agent proposal waits for review.' ) )
			.first();
		await expect( notice ).toBeVisible();
		const pinned = page
			.getByRole( 'region', { name: 'Editor top bar' } )
			.getByRole( 'button', { name: 'Agent proposals' } );
		await expect( pinned ).toHaveText( '1' );
		await page.screenshot( {
			path: 'artifacts/screenshots/editor-waiting-notice.png',
		} );

		// Another proposal arrives while the editor is open: the next Heartbeat tick brings it.
		const second = await propose( client, {
			post: post.id,
			changes: { excerpt: 'A second idea.' },
			rationale: 'Second idea.',
		} );
		await page.evaluate( () =>
			(
				window as unknown as {
					wp: { heartbeat: { connectNow: () => void } };
				}
			 ).wp.heartbeat.connectNow()
		);
		await expect(
			page.getByText( '2 agent proposals wait for review.' ).first()
		).toBeVisible();
		await expect( pinned ).toHaveText( '2' );

		await page
			.getByRole( 'button', { name: 'Review proposals' } )
			.first()
			.click();
		const sidebar = page.getByRole( 'region', { name: 'Editor settings' } );
		await expect( sidebar.getByText( 'Second idea.' ) ).toBeVisible();

		// Another reviewer rejects one elsewhere: the sidebar and the count follow.
		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/proposals/${ second.id }/reject`,
			data: { reason: 'Not this one.' },
		} );
		await page.evaluate( () =>
			(
				window as unknown as {
					wp: { heartbeat: { connectNow: () => void } };
				}
			 ).wp.heartbeat.connectNow()
		);
		await expect(
			page.getByText( '1 agent proposal waits for review.' ).first()
		).toBeVisible();
		await expect( pinned ).toHaveText( '1' );
	} );
} );
