/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import { makeAgent, paragraph, readPost, runId } from './review-helpers';

test.describe( 'Clone a post', () => {
	test( 'an agent clones a post; the queue says what it copies and approving makes the draft', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const { client } = await makeAgent( requestUtils, `Cloner ${ id }` );
		const source = await createPost( requestUtils, {
			title: `Spring guide ${ id }`,
			content: paragraph( `Sow peas in March ${ id }.` ),
			status: 'publish',
		} );
		const proposal = await propose( client, {
			post: 0,
			clone_from: source.id,
			changes: { title: `Autumn guide ${ id }` },
			rationale: 'The same guide for autumn.',
		} );
		expect( proposal.clone_from?.id ).toBe( source.id );

		await admin.visitAdminPage( 'admin.php', 'page=countersign' );
		await page
			.getByRole( 'searchbox', { name: 'Search proposals' } )
			.fill( id );
		const table = page.getByRole( 'table' );
		// The eye action opens the side panel (a new post has no editor to link the title to yet).
		await table
			.getByRole( 'row', { name: new RegExp( `Autumn guide ${ id }` ) } )
			.getByRole( 'button', { name: 'View changes' } )
			.click();
		const panel = page.getByRole( 'complementary', {
			name: `Autumn guide ${ id }`,
		} );
		await expect(
			panel.getByText( 'A new draft cloned from' )
		).toBeVisible();
		await expect(
			panel.getByRole( 'link', { name: `Spring guide ${ id }` } )
		).toHaveAttribute( 'href', new RegExp( `post=${ source.id }` ) );
		await expect(
			panel.getByText( `Sow peas in March ${ id }.` ).first()
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/clone-queue-panel.png',
		} );

		await panel
			.getByRole( 'button', { name: 'Approve', exact: true } )
			.click();
		// The panel's status, not any text with "approved" in it: the queue's Decisions per agent card says
		// "3 approved" before the click has been answered.
		await expect(
			panel.getByText( 'Applied', { exact: true } )
		).toBeVisible();

		const applied = await client.getProposal( proposal.id );
		expect( applied.status ).toBe( 'applied' );
		const copy = await readPost( requestUtils, applied.post );
		expect( copy.title ).toBe( `Autumn guide ${ id }` );
		expect( copy.content ).toBe(
			paragraph( `Sow peas in March ${ id }.` )
		);
		// The source stays as it was.
		expect( ( await readPost( requestUtils, source.id ) ).title ).toBe(
			`Spring guide ${ id }`
		);
	} );
} );
