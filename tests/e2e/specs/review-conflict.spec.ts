/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import {
	isEditorDirty,
	makeAgent,
	openProposalsSidebar,
	paragraph,
	readPost,
} from './review-helpers';

test.describe( 'Resolving a conflict', () => {
	test( 'a conflicting proposal shows three versions and is resolved by approving with edits', async ( {
		admin,
		editor,
		page,
		requestUtils,
	} ) => {
		const { client } = await makeAgent(
			requestUtils,
			'Hours bot e2e',
			'#8a2be2'
		);
		const post = await createPost( requestUtils, {
			title: 'Opening times',
			content: paragraph( 'We open at nine.' ),
			status: 'draft',
		} );
		const proposal = await propose( client, {
			post: post.id,
			changes: {
				content: paragraph( 'We open at nine, Monday to Friday.' ),
			},
			rationale: 'Say which days.',
		} );
		// Someone edits the same paragraph after the agent read it.
		await requestUtils.rest( {
			method: 'POST',
			path: `/wp/v2/posts/${ post.id }`,
			data: { content: paragraph( 'We open at half past eight.' ) },
		} );
		// Approving as is cannot merge the two edits of one block: 409, and the proposal is in conflict.
		await expect(
			requestUtils.rest( {
				method: 'POST',
				path: `/countersign/v1/proposals/${ proposal.id }/approve`,
			} )
		).rejects.toBeTruthy();

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		const card = sidebar.getByRole( 'article', {
			name: `Proposal ${ proposal.id } by Hours bot e2e`,
		} );
		await expect(
			card.getByText( 'Conflict', { exact: true } )
		).toBeVisible();
		await expect(
			card.getByRole( 'heading', { name: 'When the agent read it' } )
		).toBeVisible();
		await expect(
			card.getByRole( 'heading', { name: 'Now (edited since)' } )
		).toBeVisible();
		await expect(
			card.getByRole( 'heading', { name: 'Agent proposes' } )
		).toBeVisible();
		await expect(
			card
				.getByRole( 'insertion' )
				.filter( { hasText: 'Friday' } )
				.first()
		).toBeVisible();
		await page.screenshot( { path: 'artifacts/screenshots/conflict.png' } );

		// Resolve: start from the post as it is now, take the agent's idea in by hand.
		await card.getByRole( 'button', { name: 'Resolve' } ).click();
		await expect(
			page
				.getByText( /Resolving the conflict with Hours bot e2e/ )
				.first()
		).toBeVisible();
		const body = editor.canvas.getByRole( 'document', {
			name: 'Block: Paragraph',
		} );
		await expect( body ).toHaveText( 'We open at half past eight.' );
		await body.click();
		await page.keyboard.press( 'End' );
		await page.keyboard.press( 'Backspace' );
		await page.keyboard.type( ', Monday to Friday.' );
		await page
			.getByRole( 'button', { name: 'Approve with my edits' } )
			.first()
			.click();

		await expect(
			page.getByText( 'Proposal approved with your edits.' ).first()
		).toBeVisible();
		await expect( body ).toHaveText(
			'We open at half past eight, Monday to Friday.'
		);
		await expect.poll( () => isEditorDirty( page ) ).toBe( false );
		expect( ( await readPost( requestUtils, post.id ) ).content ).toContain(
			'We open at half past eight, Monday to Friday.'
		);
		const resolved = await requestUtils.rest< { status: string } >( {
			path: `/countersign/v1/proposals/${ proposal.id }`,
		} );
		expect( resolved.status ).toBe( 'applied' );
	} );
} );
