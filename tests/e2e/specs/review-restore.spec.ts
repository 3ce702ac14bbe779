/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import {
	makeAgent,
	openProposalsSidebar,
	paragraph,
	readPost,
} from './review-helpers';

test.describe( 'Backups in the editor', () => {
	test( 'restore the backup taken before an approval, then undo the restore', async ( {
		admin,
		editor,
		page,
		requestUtils,
	} ) => {
		const { client } = await makeAgent( requestUtils, 'Price bot e2e' );
		const post = await createPost( requestUtils, {
			title: 'Prices',
			content: paragraph( 'Coffee costs two euros.' ),
			status: 'draft',
		} );
		await propose( client, {
			post: post.id,
			changes: { content: paragraph( 'Coffee costs two euros fifty.' ) },
			rationale: 'New price list.',
		} );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		await sidebar
			.getByRole( 'button', { name: 'Approve', exact: true } )
			.click();
		const body = editor.canvas.getByRole( 'document', {
			name: 'Block: Paragraph',
		} );
		await expect( body ).toHaveText( 'Coffee costs two euros fifty.' );

		await sidebar.getByRole( 'button', { name: 'Backups' } ).click();
		await sidebar
			.getByRole( 'button', { name: /^Restore the backup from/ } )
			.first()
			.click();
		await sidebar
			.getByRole( 'group', { name: 'Confirm restore' } )
			.getByRole( 'button', { name: 'Restore now' } )
			.click();
		await expect( body ).toHaveText( 'Coffee costs two euros.' );
		expect( ( await readPost( requestUtils, post.id ) ).content ).toContain(
			'Coffee costs two euros.'
		);

		// The snackbar's Undo restores the backup the restore itself took.
		const snackbar = page.getByRole( 'button', { name: 'Undo' } ).last();
		await snackbar.click();
		await expect( body ).toHaveText( 'Coffee costs two euros fifty.' );
		expect( ( await readPost( requestUtils, post.id ) ).content ).toContain(
			'two euros fifty'
		);
	} );
} );
