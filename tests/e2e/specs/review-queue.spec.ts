/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose } from '../utils';
import { makeAgent, paragraph, readPost, runId } from './review-helpers';

test.describe( 'Review queue', () => {
	test( 'bulk approve three proposals; the side panel shows the diff', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const { client } = await makeAgent(
			requestUtils,
			`Queue bot ${ id }`,
			'#c2410c'
		);
		const posts = [];
		for ( const n of [ 1, 2, 3 ] ) {
			const post = await requestUtils.createPost( {
				title: `Queue ${ id } post ${ n }`,
				content: paragraph( `Text number ${ n }.` ),
				status: 'draft',
			} );
			await propose( client, {
				post: post.id,
				changes: {
					content: paragraph(
						`Text number ${ n }, reviewed ${ id }.`
					),
				},
				rationale: `Tidy post ${ n }.`,
			} );
			posts.push( post );
		}

		await admin.visitAdminPage( 'admin.php', 'page=countersign' );
		await expect(
			page.getByRole( 'figure', { name: /Pending by risk/ } )
		).toBeVisible();
		await page
			.getByRole( 'searchbox', { name: 'Search proposals' } )
			.fill( id );
		// Search covers proposed title and content; filter on our agent instead if needed.
		const table = page.getByRole( 'table' );
		for ( const n of [ 1, 2, 3 ] ) {
			await expect(
				table.getByText( `Queue ${ id } post ${ n }` )
			).toBeVisible();
		}
		await page.screenshot( { path: 'artifacts/screenshots/queue.png' } );

		// Side panel.
		await table
			.getByRole( 'button', { name: `Queue ${ id } post 1` } )
			.click();
		const panel = page.getByRole( 'complementary', {
			name: `Queue ${ id } post 1`,
		} );
		await expect(
			panel
				.getByRole( 'insertion' )
				.filter( { hasText: 'reviewed' } )
				.first()
		).toBeVisible();
		await expect(
			panel.getByRole( 'radio', { name: 'Blocks' } )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/queue-panel.png',
		} );
		await panel.getByRole( 'button', { name: 'Close panel' } ).click();

		for ( const n of [ 1, 2, 3 ] ) {
			await table
				.getByRole( 'checkbox', { name: `Queue ${ id } post ${ n }` } )
				.check();
		}
		await page
			.getByRole( 'button', { name: 'Approve', exact: true } )
			.last()
			.click();
		await expect(
			page.getByText( '3 proposals approved.' ).first()
		).toBeVisible();
		for ( const [ index, post ] of posts.entries() ) {
			expect(
				( await readPost( requestUtils, post.id ) ).content
			).toContain( `Text number ${ index + 1 }, reviewed ${ id }.` );
		}
	} );
} );
