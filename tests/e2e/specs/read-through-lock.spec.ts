/**
 * WordPress dependencies
 */
import { expect, test } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, siteUrl, createPost } from '../utils';
import { makeAgent, paragraph, readPost, runId } from './review-helpers';

test.describe( 'Core’s post lock', () => {
	test( 'a second reviewer reads and decides a proposal while someone else edits the post', async ( {
		browser,
		page,
		requestUtils,
	} ) => {
		// Two browsers and two editors on a shared machine.
		test.setTimeout( 240_000 );
		const id = runId();
		const { client } = await makeAgent( requestUtils, `Lock bot ${ id }` );
		const post = await createPost( requestUtils, {
			title: `Locked ${ id }`,
			content: paragraph( 'Old words.' ),
			status: 'draft',
		} );
		const proposal = await propose( client, {
			post: post.id,
			changes: { title: `Decided ${ id }` },
			rationale: 'A clearer title.',
		} );
		const password = `pw-${ id }-editor`;
		const editor = await requestUtils.createUser( {
			username: `editing-${ id }`,
			email: `editing-${ id }@example.com`,
			password,
			roles: [ 'editor' ],
		} );

		// Another editor opens the post in their own browser: core gives them the lock.
		const other = await browser.newContext( {
			baseURL: siteUrl(),
			storageState: { cookies: [], origins: [] },
		} );
		try {
			const theirs = await other.newPage();
			await theirs.goto( '/wp-login.php' );
			await theirs.locator( '#user_login' ).fill( `editing-${ id }` );
			await theirs.locator( '#user_pass' ).fill( password );
			await theirs.locator( '#wp-submit' ).click();
			await theirs.waitForURL( /wp-admin/ );
			await theirs.goto(
				`/wp-admin/post.php?post=${ post.id }&action=edit`
			);
			await expect(
				theirs
					.locator( 'iframe[name="editor-canvas"]' )
					.contentFrame()
					.getByText( 'Old words.' )
			).toBeVisible();

			// The reviewer follows the proposal's link: no lock dialog, a notice, saving off, the decision works.
			await page.goto(
				`/wp-admin/post.php?post=${ post.id }&action=edit&countersign=${ proposal.id }`
			);
			await expect(
				page.locator( '.components-notice' ).filter( {
					hasText: /is editing this post\. You can read and decide/,
				} )
			).toBeVisible();
			await expect(
				page.getByText( 'This post is already being edited' )
			).toBeHidden();
			await page.screenshot( {
				path: 'artifacts/screenshots/read-through-lock.png',
			} );
			// The link opened the proposals sidebar.
			const sidebar = page.getByRole( 'region', {
				name: 'Editor settings',
			} );
			await sidebar
				.getByRole( 'button', { name: 'Approve', exact: true } )
				.click();
			await expect
				.poll(
					async () =>
						( await readPost( requestUtils, post.id ) ).title
				)
				.toBe( `Decided ${ id }` );
			// The lock stayed with the person editing.
			await expect( theirs.getByText( /has taken over/ ) ).toBeHidden();
		} finally {
			await other.close();
			await requestUtils.rest( {
				method: 'DELETE',
				path: `/wp/v2/users/${ editor.id }`,
				params: { force: true, reassign: 1 },
			} );
		}
	} );
} );
