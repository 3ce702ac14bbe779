/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { agentClient, createAgent, propose, createPost } from '../utils';

test.describe( 'Proposals find their reviewer', () => {
	test( 'the menu bubble, the admin bar, the Posts list and the dashboard say what waits', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Counter',
			role: 'editor',
			preset: 'content_manager',
		} );
		const post = await createPost( requestUtils, {
			title: 'Counted post',
			content:
				'<!-- wp:paragraph -->\n<p>Counted.</p>\n<!-- /wp:paragraph -->',
			status: 'publish',
		} );
		const client = agentClient( agent );
		await propose( client, {
			post: post.id,
			changes: { title: 'Counted post, renamed' },
			rationale: 'A clearer title.',
		} );
		await propose( client, {
			post: post.id,
			changes: { excerpt: 'A short summary.' },
			rationale: 'Adds an excerpt.',
		} );

		await admin.visitAdminPage( 'index.php' );
		const menu = page.getByRole( 'navigation', { name: 'Main menu' } );
		const item = menu.getByRole( 'link', { name: /^Countersign \d+/ } );
		await expect( item ).toBeVisible();
		const waiting = Number(
			( await item.locator( '.pending-count' ).textContent() ) ?? '0'
		);
		expect( waiting ).toBeGreaterThanOrEqual( 2 );
		await expect( item ).toContainText(
			`${ waiting } agent proposals wait for review`
		);
		await expect(
			page
				.getByRole( 'navigation', { name: 'Toolbar' } )
				.getByRole( 'menuitem', {
					name: `${ waiting } agent proposals wait for review`,
				} )
		).toBeVisible();

		const widget = page.getByRole( 'region', {
			name: 'Agent proposals waiting',
		} );
		await expect( widget ).toContainText(
			`${ waiting } agent proposals wait for review`
		);
		await expect( widget.getByText( 'Risk 3 · Medium' ) ).toBeVisible();
		await widget.scrollIntoViewIfNeeded();
		await page.screenshot( {
			path: 'artifacts/screenshots/dashboard-waiting.png',
		} );
		await widget
			.getByRole( 'link', { name: 'Open the review queue' } )
			.click();
		await expect(
			page.getByRole( 'heading', { name: 'Review queue', level: 1 } )
		).toBeVisible();

		await admin.visitAdminPage( 'edit.php' );
		const row = page
			.getByRole( 'row' )
			.filter( { hasText: 'Counted post' } )
			.first();
		await expect( row ).toContainText( '2 agent proposals' );
		await page.screenshot( {
			path: 'artifacts/screenshots/posts-list-waiting.png',
		} );
	} );
} );
