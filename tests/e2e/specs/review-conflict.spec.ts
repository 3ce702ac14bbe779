/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';
import type { RequestUtils } from '@wordpress/e2e-test-utils-playwright';

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
	runId,
} from './review-helpers';

const doc = ( ...paragraphs: string[] ): string =>
	paragraphs.map( paragraph ).join( '\n\n' );

/**
 * A three-paragraph post, an agent's proposal on the first two paragraphs, and a
 * human's edit of the last two after the agent read it: the second paragraph
 * changed on both sides, the rest merges.
 *
 * @param requestUtils Request utils.
 * @param label        The agent's name.
 */
async function conflicted( requestUtils: RequestUtils, label: string ) {
	const { client } = await makeAgent( requestUtils, label, '#8a2be2' );
	const title = `Opening times ${ runId() }`;
	const post = await createPost( requestUtils, {
		title,
		content: doc( 'Welcome.', 'We open at nine.', 'Closed on Sundays.' ),
		status: 'draft',
	} );
	const proposal = await propose( client, {
		post: post.id,
		changes: {
			content: doc(
				'Welcome to the shop.',
				'We open at nine, Monday to Friday.',
				'Closed on Sundays.'
			),
		},
		rationale: 'Say which days.',
	} );
	// Someone edits the same paragraph after the agent read it, and the last one.
	await requestUtils.rest( {
		method: 'POST',
		path: `/wp/v2/posts/${ post.id }`,
		data: {
			content: doc(
				'Welcome.',
				'We open at half past eight.',
				'Closed on Sundays and holidays.'
			),
		},
	} );
	// Approving as is cannot merge the two edits of one block: 409, and the proposal is in conflict.
	await expect(
		requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/proposals/${ proposal.id }/approve`,
		} )
	).rejects.toBeTruthy();
	return { post, proposal, title };
}

test.describe( 'Resolving a conflict', () => {
	test( 'in the editor, block by block: take the agent’s block, then edit it before approving', async ( {
		admin,
		editor,
		page,
		requestUtils,
	} ) => {
		const label = `Hours bot ${ runId() }`;
		const { post, proposal } = await conflicted( requestUtils, label );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		const card = sidebar.getByRole( 'article', {
			name: `Proposal ${ proposal.id } by ${ label }`,
		} );
		await expect(
			card.getByText( 'Conflict', { exact: true } )
		).toBeVisible();
		await expect(
			card.getByRole( 'heading', { name: 'Now (edited since)' } )
		).toBeVisible();
		await page.screenshot( { path: 'artifacts/screenshots/conflict.png' } );

		await card.getByRole( 'button', { name: 'Resolve' } ).click();
		const dialog = page.getByRole( 'dialog', {
			name: 'Resolve the conflict',
		} );
		const block = dialog.getByRole( 'group', {
			name: 'Block 2 · Paragraph',
		} );
		await expect( block ).toBeVisible();
		// One block conflicts; the first (agent only) and the last (human only) merge by themselves.
		await expect( dialog.getByRole( 'group' ) ).toHaveCount( 1 );
		await expect(
			block.getByRole( 'insertion' ).filter( { hasText: 'Friday' } )
		).toBeVisible();
		await expect(
			block.getByRole( 'insertion' ).filter( { hasText: 'half past' } )
		).toBeVisible();
		const approve = dialog.getByRole( 'button', { name: 'Approve' } );
		await expect( approve ).toBeDisabled();
		await expect( dialog.getByText( '1 choice left' ) ).toBeVisible();
		await block
			.getByRole( 'radio', { name: `Take ${ label }’s version` } )
			.check();
		await expect( approve ).toBeEnabled();
		await page.screenshot( {
			path: 'artifacts/screenshots/conflict-resolver.png',
		} );

		await dialog
			.getByRole( 'button', { name: 'Edit in the editor' } )
			.click();
		await expect(
			page
				.getByText(
					new RegExp( `Resolving the conflict with ${ label }` )
				)
				.first()
		).toBeVisible();
		const paragraphs = editor.canvas.getByRole( 'document', {
			name: 'Block: Paragraph',
		} );
		await expect( paragraphs ).toHaveText( [
			'Welcome to the shop.',
			'We open at nine, Monday to Friday.',
			'Closed on Sundays and holidays.',
		] );
		await paragraphs.nth( 1 ).click();
		await page.keyboard.press( 'End' );
		await page.keyboard.press( 'Backspace' );
		await page.keyboard.type( ', 9 to 5.' );
		await page
			.getByRole( 'button', { name: 'Approve with my edits' } )
			.first()
			.click();

		await expect(
			page.getByText( 'Proposal approved with your edits.' ).first()
		).toBeVisible();
		await expect.poll( () => isEditorDirty( page ) ).toBe( false );
		const content = ( await readPost( requestUtils, post.id ) ).content;
		expect( content ).toContain( 'Welcome to the shop.' );
		expect( content ).toContain(
			'We open at nine, Monday to Friday, 9 to 5.'
		);
		expect( content ).toContain( 'Closed on Sundays and holidays.' );
		const resolved = await requestUtils.rest< { status: string } >( {
			path: `/countersign/v1/proposals/${ proposal.id }`,
		} );
		expect( resolved.status ).toBe( 'applied' );
	} );

	test( 'in the queue: keep the current block and approve the rest of the agent’s change', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const label = `Hours bot ${ runId() }`;
		const { post, proposal, title } = await conflicted(
			requestUtils,
			label
		);

		await admin.visitAdminPage( 'admin.php', 'page=countersign' );
		const row = page
			.getByRole( 'table' )
			.getByRole( 'row' )
			.filter( { hasText: label } );
		await row.getByRole( 'button', { name: 'View changes' } ).click();
		const panel = page.getByRole( 'complementary', {
			name: title,
		} );
		await panel.getByRole( 'button', { name: 'Resolve' } ).click();
		const dialog = page.getByRole( 'dialog', {
			name: 'Resolve the conflict',
		} );
		await dialog
			.getByRole( 'radio', { name: 'Keep the current version' } )
			.check();
		await dialog.getByRole( 'button', { name: 'Approve' } ).click();

		await expect(
			page
				.getByText( 'Conflict resolved; the proposal is approved.' )
				.first()
		).toBeVisible();
		await expect
			.poll(
				async () => ( await readPost( requestUtils, post.id ) ).content
			)
			.toBe(
				doc(
					'Welcome to the shop.',
					'We open at half past eight.',
					'Closed on Sundays and holidays.'
				)
			);
		const resolved = await requestUtils.rest< { status: string } >( {
			path: `/countersign/v1/proposals/${ proposal.id }`,
		} );
		expect( resolved.status ).toBe( 'applied' );
	} );
} );
