/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import {
	heading,
	isEditorDirty,
	makeAgent,
	openProposalsSidebar,
	paragraph,
	readPost,
} from './review-helpers';

test.describe( 'Edit-then-approve in the editor', () => {
	test( 'the diff has Visual, Blocks and Markup views with attribute changes called out', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const { client } = await makeAgent(
			requestUtils,
			'Style bot e2e',
			'#1d7a5f'
		);
		const post = await createPost( requestUtils, {
			title: 'Menu',
			content: [
				heading( 'Starters' ),
				paragraph( 'Soup of the day and fresh bread.' ),
				paragraph( 'Olives.' ),
			].join( '\n\n' ),
			status: 'draft',
		} );
		await propose( client, {
			post: post.id,
			changes: {
				content: [
					heading( 'Starters', 3 ),
					paragraph(
						'Soup of the day, fresh bread and salted butter.'
					),
					paragraph( 'Marinated olives from Kalamata.' ),
					paragraph( 'Ask us about allergens.' ),
				].join( '\n\n' ),
			},
			rationale: 'Richer descriptions and a smaller heading.',
		} );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		await sidebar.getByRole( 'button', { name: 'View changes' } ).click();

		const visual = sidebar.getByRole( 'group', {
			name: 'Heading, Changed',
		} );
		await expect( visual ).toBeVisible();
		await expect(
			visual.getByRole( 'list', { name: 'Changed attributes' } )
		).toContainText( 'Heading level' );
		await expect(
			sidebar.getByRole( 'group', { name: 'Paragraph, Added' } )
		).toContainText( 'Ask us about allergens.' );
		await expect(
			sidebar
				.getByRole( 'insertion' )
				.filter( { hasText: 'salted' } )
				.first()
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/sidebar-visual.png',
		} );

		await sidebar.getByRole( 'radio', { name: 'Blocks' } ).click();
		await expect(
			sidebar
				.getByText( '3 changed' )
				.or( sidebar.getByText( /changed, 1 added/ ) )
				.first()
		).toBeVisible();
		await expect( sidebar.getByText( '#4' ) ).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/sidebar-blocks.png',
		} );

		await sidebar.getByRole( 'radio', { name: 'Markup' } ).click();
		await expect(
			sidebar.getByRole( 'radio', { name: 'Lines' } )
		).toBeVisible();
	} );

	test( 'the reviewer edits the proposal in the editor and approves with their edits; cancel restores the editor', async ( {
		admin,
		editor,
		page,
		requestUtils,
	} ) => {
		const { client } = await makeAgent(
			requestUtils,
			'Copy bot e2e',
			'#d97757'
		);
		const original = paragraph( 'We deliver within the city.' );
		const post = await createPost( requestUtils, {
			title: 'Delivery',
			content: original,
			status: 'draft',
		} );
		await propose( client, {
			post: post.id,
			changes: {
				title: 'Delivery area',
				content: paragraph(
					'We deliver within the city and its suburbs.'
				),
			},
			rationale: 'Customers in the suburbs asked.',
		} );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		const body = editor.canvas.getByRole( 'document', {
			name: 'Block: Paragraph',
		} );

		// Cancel leaves the editor exactly as it was, and clean.
		await sidebar
			.getByRole( 'button', { name: 'Edit, then approve' } )
			.click();
		await expect(
			page.getByText( 'Reviewing Copy bot e2e’s proposal' ).first()
		).toBeVisible();
		await expect( body ).toHaveText(
			'We deliver within the city and its suburbs.'
		);
		await page
			.getByRole( 'button', { name: 'Cancel', exact: true } )
			.click();
		await expect( body ).toHaveText( 'We deliver within the city.' );
		await expect(
			editor.canvas.getByRole( 'textbox', { name: 'Add title' } )
		).toHaveText( 'Delivery' );
		expect( await isEditorDirty( page ) ).toBe( false );

		// Edit, then approve with the edits.
		await sidebar
			.getByRole( 'button', { name: 'Edit, then approve' } )
			.click();
		await expect( body ).toHaveText(
			'We deliver within the city and its suburbs.'
		);
		await body.click();
		await page.keyboard.press( 'End' );
		await page.keyboard.type( ' Free above 30 euros.' );
		await expect( body ).toHaveText(
			'We deliver within the city and its suburbs. Free above 30 euros.'
		);
		await page.screenshot( {
			path: 'artifacts/screenshots/edit-then-approve.png',
		} );
		await page
			.getByRole( 'button', { name: 'Approve with my edits' } )
			.first()
			.click();

		await expect(
			page.getByText( 'Proposal approved with your edits.' ).first()
		).toBeVisible();
		await expect( body ).toHaveText(
			'We deliver within the city and its suburbs. Free above 30 euros.'
		);
		await expect(
			editor.canvas.getByRole( 'textbox', { name: 'Add title' } )
		).toHaveText( 'Delivery area' );
		await expect.poll( () => isEditorDirty( page ) ).toBe( false );
		const saved = await readPost( requestUtils, post.id );
		expect( saved.title ).toBe( 'Delivery area' );
		expect( saved.content ).toContain( 'Free above 30 euros.' );
	} );
} );
