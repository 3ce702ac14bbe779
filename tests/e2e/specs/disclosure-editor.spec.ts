/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { agentClient, createAgent, propose, createPost } from '../utils';

test.describe( 'AI-disclosure block in the editor', () => {
	test( 'previews the server rendering and follows its settings', async ( {
		admin,
		editor,
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Preview bot e2e',
			role: 'editor',
			preset: 'content_manager',
		} );
		const post = await createPost( requestUtils, {
			title: 'Library hours',
			content:
				'<!-- wp:paragraph -->\n<p>The library opens at nine.</p>\n<!-- /wp:paragraph -->',
			status: 'publish',
		} );
		const proposal = await propose( agentClient( agent ), {
			post: post.id,
			changes: {
				content:
					'<!-- wp:paragraph -->\n<p>The library opens at nine, and at ten on Sundays.</p>\n<!-- /wp:paragraph -->',
			},
			rationale: 'Adds the Sunday hours.',
		} );
		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/proposals/${ proposal.id }/approve`,
		} );

		await admin.editPost( post.id );
		await editor.insertBlock( { name: 'countersign/ai-disclosure' } );
		const preview = editor.canvas.getByRole( 'complementary', {
			name: 'AI disclosure',
		} );
		await expect( preview ).toContainText( 'Agents: Preview bot e2e' );
		await expect( preview ).toContainText(
			'reviewed by people before publication'
		);

		await editor.openDocumentSettingsSidebar();
		const settings = page.getByRole( 'region', {
			name: 'Editor settings',
		} );
		await settings.getByRole( 'tab', { name: 'Block' } ).click();
		await settings
			.getByRole( 'checkbox', { name: 'Show agent names' } )
			.uncheck();
		await expect( preview ).not.toContainText( 'Preview bot e2e' );
		await settings
			.getByRole( 'textbox', { name: 'Wording' } )
			.fill( 'An AI helped with this page.' );
		await expect( preview ).toContainText( 'An AI helped with this page.' );
		await expect( preview ).toContainText( 'Approved by: admin' );
		await page.screenshot( {
			path: 'artifacts/screenshots/disclosure-editor.png',
		} );
	} );

	test( 'says so when no agent has changed the post', async ( {
		admin,
		editor,
		requestUtils,
	} ) => {
		const post = await createPost( requestUtils, {
			title: 'Untouched by agents',
			status: 'draft',
		} );
		await admin.editPost( post.id );
		await editor.insertBlock( { name: 'countersign/ai-disclosure' } );
		await expect(
			editor.canvas.getByText( /no agent has changed this post yet/ )
		).toBeVisible();
	} );
} );
