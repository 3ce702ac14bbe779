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

	test( 'reject asks for a reason: one in the side panel, two in bulk', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const { client } = await makeAgent(
			requestUtils,
			`Reject bot ${ id }`,
			'#7c3aed'
		);
		const posts = [];
		for ( const n of [ 1, 2, 3 ] ) {
			const post = await requestUtils.createPost( {
				title: `Reject ${ id } post ${ n }`,
				content: paragraph( `Line ${ n }.` ),
				status: 'draft',
			} );
			await propose( client, {
				post: post.id,
				changes: { excerpt: `Summary ${ n } ${ id }.` },
				rationale: `Adds an excerpt to post ${ n }.`,
			} );
			posts.push( post );
		}
		const decision = async ( postId: number ) => {
			const [ proposal ] = await requestUtils.rest<
				Array< { status: string; decision: { reason: string } } >
			>( {
				path: '/countersign/v1/proposals',
				params: { post: postId },
			} );
			return proposal;
		};

		await admin.visitAdminPage( 'admin.php', 'page=countersign' );
		await page
			.getByRole( 'searchbox', { name: 'Search proposals' } )
			.fill( id );
		const table = page.getByRole( 'table' );
		await expect(
			table.getByText( `Reject ${ id } post 3` )
		).toBeVisible();

		// The side panel's inline form: Cancel first, the destructive Reject last.
		await table
			.getByRole( 'button', { name: `Reject ${ id } post 1` } )
			.click();
		const panel = page.getByRole( 'complementary', {
			name: `Reject ${ id } post 1`,
		} );
		await panel
			.getByRole( 'button', { name: 'Reject', exact: true } )
			.click();
		const submit = panel.getByRole( 'button', {
			name: 'Reject',
			exact: true,
		} );
		await expect( submit ).toHaveAttribute( 'aria-disabled', 'true' );
		await panel
			.getByRole( 'textbox', { name: 'Reason' } )
			.fill( 'Excerpts come later.' );
		await expect( submit ).not.toHaveAttribute( 'aria-disabled', 'true' );
		await page.screenshot( {
			path: 'artifacts/screenshots/queue-panel-reject.png',
		} );
		await expect(
			panel.getByRole( 'button', { name: /^(Cancel|Reject)$/ } )
		).toHaveText( [ 'Cancel', 'Reject' ] );
		await submit.click();
		await expect(
			page.getByText( '1 proposal rejected.' ).first()
		).toBeVisible();
		// Decided, it leaves the list of pending proposals, and the panel with it.
		await expect( panel ).toBeHidden();

		// Bulk: the dialog's button says how many.
		for ( const n of [ 2, 3 ] ) {
			await table
				.getByRole( 'checkbox', { name: `Reject ${ id } post ${ n }` } )
				.check();
		}
		await page
			.getByRole( 'button', { name: 'Reject', exact: true } )
			.last()
			.click();
		const dialog = page.getByRole( 'dialog', {
			name: 'Reject proposals',
		} );
		await dialog
			.getByRole( 'textbox', { name: 'Reason' } )
			.fill( 'Not for these posts.' );
		await page.screenshot( {
			path: 'artifacts/screenshots/queue-bulk-reject.png',
			// The dialog fades in; take it as it ends up.
			animations: 'disabled',
		} );
		await expect(
			dialog.getByRole( 'button', {
				name: /^(Cancel|Reject 2 proposals)$/,
			} )
		).toHaveText( [ 'Cancel', 'Reject 2 proposals' ] );
		await dialog
			.getByRole( 'button', { name: 'Reject 2 proposals' } )
			.click();
		await expect(
			page.getByText( '2 proposals rejected.' ).first()
		).toBeVisible();
		await expect( dialog ).toBeHidden();
		for ( const [ index, post ] of posts.entries() ) {
			expect( await decision( post.id ) ).toMatchObject( {
				status: 'rejected',
				decision: {
					reason:
						index === 0
							? 'Excerpts come later.'
							: 'Not for these posts.',
				},
			} );
		}
	} );
} );
