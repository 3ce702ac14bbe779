/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { agentClient, createAgent, propose } from '../utils';
import { runId } from './review-helpers';

interface SiteSettings {
	title: string;
	description: string;
}

test.describe( 'Site settings proposals', () => {
	let original: SiteSettings;

	test.beforeAll( async ( { requestUtils } ) => {
		original = await requestUtils.rest< SiteSettings >( {
			path: '/wp/v2/settings',
		} );
		await requestUtils.rest( {
			method: 'POST',
			path: '/wp/v2/settings',
			data: { description: 'We grow things' },
		} );
	} );

	test.afterAll( async ( { requestUtils } ) => {
		await requestUtils.rest( {
			method: 'POST',
			path: '/wp/v2/settings',
			data: {
				title: original.title,
				description: original.description,
			},
		} );
	} );

	test( 'an agent proposes a new tagline; the queue shows old and new; an administrator approves', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const agent = await createAgent( requestUtils, {
			label: `Settings bot ${ id }`,
			role: 'editor',
			preset: 'full_access',
		} );
		const proposal = await propose( agentClient( agent ), {
			post: 0,
			changes: { site_settings: { description: `Growing ${ id }` } },
			rationale: `New tagline ${ id }.`,
		} );
		expect( proposal.risk ).toBe( 3 );
		expect( proposal.post_title ).toBe( 'Site settings' );

		await admin.visitAdminPage( 'admin.php', 'page=countersign' );
		const table = page.getByRole( 'table' );
		const row = table.getByRole( 'row' ).filter( {
			hasText: `Settings bot ${ id }`,
		} );
		await row.getByRole( 'button', { name: 'View changes' } ).click();
		const panel = page.getByRole( 'complementary', {
			name: 'Site settings',
		} );
		await expect( panel.getByText( 'description' ) ).toBeVisible();
		await expect(
			panel.getByRole( 'deletion' ).filter( {
				hasText: 'We grow things',
			} )
		).toBeVisible();
		await expect(
			panel.getByRole( 'insertion' ).filter( {
				hasText: `Growing ${ id }`,
			} )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/site-settings-queue-panel.png',
		} );

		await panel
			.getByRole( 'button', { name: 'Approve', exact: true } )
			.click();
		// The panel's status, not any text with "approved" in it: the queue's Decisions per agent card says
		// "3 approved" before the click has been answered.
		await expect(
			panel.getByText( 'Applied', { exact: true } )
		).toBeVisible();
		const after = await requestUtils.rest< SiteSettings >( {
			path: '/wp/v2/settings',
		} );
		expect( after.description ).toBe( `Growing ${ id }` );
	} );
} );
