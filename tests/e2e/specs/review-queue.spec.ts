/**
 * External dependencies
 */
import type { Page } from '@playwright/test';

/**
 * WordPress dependencies
 */
import {
	test,
	expect,
	type Admin,
	type RequestUtils,
} from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import { makeAgent, paragraph, readPost, runId } from './review-helpers';

/**
 * A new agent's proposals on three new drafts, titled "NAME ID post N" with a
 * run id, so a search for the id finds only them.
 *
 * @param requestUtils Admin request utils.
 * @param name         What the agent and the posts are called.
 * @param color        The agent's colour.
 */
async function proposeOnThreeDrafts(
	requestUtils: RequestUtils,
	name: string,
	color: string
) {
	const id = runId();
	const { client } = await makeAgent(
		requestUtils,
		`${ name } bot ${ id }`,
		color
	);
	const posts = [];
	for ( const n of [ 1, 2, 3 ] ) {
		const post = await createPost( requestUtils, {
			title: `${ name } ${ id } post ${ n }`,
			content: paragraph( `Text number ${ n }.` ),
			status: 'draft',
		} );
		await propose( client, {
			post: post.id,
			changes: {
				content: paragraph( `Text number ${ n }, reviewed ${ id }.` ),
			},
			rationale: `Tidy post ${ n }.`,
		} );
		posts.push( post );
	}
	return { id, posts };
}

/**
 * Opens the review queue searched for a run id; returns its table.
 *
 * @param admin Admin utils.
 * @param page  The page.
 * @param id    The run id.
 */
async function openQueue( admin: Admin, page: Page, id: string ) {
	await admin.visitAdminPage( 'admin.php', 'page=countersign' );
	// Search covers the post's title, the rationale and the proposed text.
	await page
		.getByRole( 'searchbox', { name: 'Search proposals' } )
		.fill( id );
	return page.getByRole( 'table' );
}

/**
 * Selects rows by their post title and runs a bulk action on them.
 *
 * @param page   The page.
 * @param titles The rows' post titles.
 * @param action The bulk action's button.
 */
async function bulkAction( page: Page, titles: string[], action: string ) {
	for ( const title of titles ) {
		await page
			.getByRole( 'table' )
			.getByRole( 'checkbox', { name: title } )
			.check();
	}
	// The bulk actions bar comes after the rows (a row's own actions are before it).
	await page
		.getByRole( 'button', { name: action, exact: true } )
		.last()
		.click();
}

test.describe( 'Review queue', () => {
	test( 'bulk approve three proposals; the side panel shows the diff', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const { id, posts } = await proposeOnThreeDrafts(
			requestUtils,
			'Queue',
			'#c2410c'
		);
		const table = await openQueue( admin, page, id );
		await expect(
			page.getByRole( 'figure', { name: /Pending by risk/ } )
		).toBeVisible();
		for ( const n of [ 1, 2, 3 ] ) {
			await expect(
				table.getByText( `Queue ${ id } post ${ n }` )
			).toBeVisible();
		}
		await page.screenshot( { path: 'artifacts/screenshots/queue.png' } );

		// The title opens the post in the editor on this proposal; the eye action opens the side panel.
		await expect(
			table.getByRole( 'link', { name: `Queue ${ id } post 1` } )
		).toHaveAttribute(
			'href',
			new RegExp(
				`post=${ posts[ 0 ]!.id }&action=edit&countersign=\\d+`
			)
		);
		await expect(
			table.getByRole( 'columnheader', { name: 'Changes' } )
		).toBeVisible();
		await table
			.getByRole( 'row', { name: new RegExp( `Queue ${ id } post 1` ) } )
			.getByRole( 'button', { name: 'View changes' } )
			.click();
		const panel = page.getByRole( 'complementary', {
			name: `Queue ${ id } post 1`,
		} );
		// Beside the panel the table keeps the columns that fit; the others come back when it closes.
		await expect(
			table.getByRole( 'columnheader', { name: 'Changes' } )
		).toBeHidden();
		await expect(
			table.getByRole( 'columnheader', { name: 'Risk' } )
		).toBeVisible();
		await expect(
			panel.getByRole( 'link', { name: 'Edit, then approve' } )
		).toHaveAttribute( 'href', /countersign_edit=1/ );
		await expect(
			panel
				.getByRole( 'insertion' )
				.filter( { hasText: 'reviewed' } )
				.first()
		).toBeVisible();
		await expect(
			panel.getByRole( 'radio', { name: 'Blocks' } )
		).toBeVisible();
		// Beside the panel, a row's actions are all in its menu: no inline button covers Status.
		const openRow = table.getByRole( 'row', {
			name: new RegExp( `Queue ${ id } post 1` ),
		} );
		await openRow.hover();
		await expect(
			openRow.getByRole( 'button', { name: 'Approve', exact: true } )
		).toHaveCount( 0 );
		await expect(
			openRow.getByRole( 'button', { name: 'Actions' } )
		).toBeVisible();
		await expect(
			openRow.getByText( 'Pending', { exact: true } )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/queue-panel.png',
		} );
		await panel.getByRole( 'button', { name: 'Close panel' } ).click();
		await expect(
			table.getByRole( 'columnheader', { name: 'Changes' } )
		).toBeVisible();

		await bulkAction(
			page,
			[ 1, 2, 3 ].map( ( n ) => `Queue ${ id } post ${ n }` ),
			'Approve'
		);
		// Several at once: the confirmation says how many and which.
		const confirm = page.getByRole( 'dialog' );
		await expect( confirm ).toContainText( 'Approve 3 proposals?' );
		for ( const n of [ 1, 2, 3 ] ) {
			await expect( confirm ).toContainText(
				`“Queue ${ id } post ${ n }”`
			);
		}
		await page.screenshot( {
			path: 'artifacts/screenshots/queue-confirm-bulk.png',
		} );
		await confirm.getByRole( 'button', { name: 'Approve 3' } ).click();
		await expect(
			page.getByText( '3 proposals approved.' ).first()
		).toBeVisible();
		for ( const [ index, post ] of posts.entries() ) {
			expect(
				( await readPost( requestUtils, post.id ) ).content
			).toContain( `Text number ${ index + 1 }, reviewed ${ id }.` );
		}
	} );

	test( 'the search finds the post title and the rationale; Reset returns to what needs a reviewer', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const { id } = await proposeOnThreeDrafts(
			requestUtils,
			'Reset',
			'#0f766e'
		);
		await admin.visitAdminPage( 'admin.php', 'page=countersign' );
		const search = page.getByRole( 'searchbox', {
			name: 'Search proposals',
		} );
		const table = page.getByRole( 'table' );
		// The post's title: the proposals change only the content.
		await search.fill( `Reset ${ id } post 2` );
		await expect(
			table.getByRole( 'link', { name: `Reset ${ id } post 2` } )
		).toBeVisible();
		await expect( table.getByText( `Reset ${ id } post 1` ) ).toBeHidden();
		// The rationale.
		await search.fill( `Tidy post 3` );
		await expect(
			table.getByRole( 'link', { name: `Reset ${ id } post 3` } )
		).toBeVisible();

		// The filter bar's Reset (the chip's own "Reset" removes just that chip).
		await page.locator( '.dataviews-filters__reset-button' ).click();
		await expect( search ).toHaveValue( '' );
		await expect(
			page.getByRole( 'button', {
				name: /Status includes: Pending, Conflict, Failed/,
			} )
		).toBeVisible();
	} );

	test( 'reject asks for a reason: one in the side panel, two in bulk', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const { id, posts } = await proposeOnThreeDrafts(
			requestUtils,
			'Reject',
			'#7c3aed'
		);
		const decision = async ( postId: number ) => {
			const [ proposal ] = await requestUtils.rest<
				Array< { status: string; decision: { reason: string } } >
			>( {
				path: '/countersign/v1/proposals',
				params: { post: postId },
			} );
			return proposal;
		};

		const table = await openQueue( admin, page, id );
		await expect(
			table.getByText( `Reject ${ id } post 3` )
		).toBeVisible();

		// The side panel's inline form: Cancel first, the destructive Reject last.
		await table
			.getByRole( 'row', { name: new RegExp( `Reject ${ id } post 1` ) } )
			.getByRole( 'button', { name: 'View changes' } )
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
			.fill( 'Keep the old wording.' );
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
		await bulkAction(
			page,
			[ `Reject ${ id } post 2`, `Reject ${ id } post 3` ],
			'Reject'
		);
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
							? 'Keep the old wording.'
							: 'Not for these posts.',
				},
			} );
		}
	} );
} );
