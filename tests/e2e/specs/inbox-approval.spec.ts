/**
 * External dependencies
 */
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import { makeAgent, paragraph, readPost, runId } from './review-helpers';

const wp = process.env.COUNTERSIGN_WP_DIR as string;
const muPlugin = join( wp, 'wp-content/mu-plugins/countersign-mail-sink.php' );
const sink = join( wp, 'wp-content/countersign-mail.jsonl' );

/**
 * The decision link in the newest email to an address about a post title.
 *
 * @param to    Recipient.
 * @param title Text the email's subject carries.
 */
function decisionLink( to: string, title: string ): string {
	const mails = readFileSync( sink, 'utf8' )
		.trim()
		.split( '\n' )
		.map(
			( line ) =>
				JSON.parse( line ) as {
					to: string;
					subject: string;
					message: string;
				}
		)
		.filter( ( mail ) => mail.to === to && mail.subject.includes( title ) );
	const link = mails
		.at( -1 )
		?.message.match( /(\S+page=countersign-decide\S+)/ );
	expect( link ).toBeTruthy();
	return ( link as RegExpMatchArray )[ 1 ] as string;
}

test.describe( 'Approve from the inbox', () => {
	test.beforeAll( () => {
		copyFileSync(
			join( __dirname, '../fixtures/mail-sink.php' ),
			muPlugin
		);
	} );

	test.afterAll( () => {
		rmSync( muPlugin, { force: true } );
		if ( existsSync( sink ) ) {
			rmSync( sink );
		}
	} );

	test( 'the emailed link shows the diff, approves on a POST once, and then says it was used', async ( {
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const post = await createPost( requestUtils, {
			title: `Opening hours ${ id }`,
			content: paragraph( 'Open every day.' ),
			status: 'publish',
		} );
		const { client } = await makeAgent( requestUtils, `Inbox bot ${ id }` );
		// A published post's title: risk 3, so reviewers are emailed.
		const proposal = await propose( client, {
			post: post.id,
			changes: { title: `Holiday opening hours ${ id }` },
			rationale: 'Adds the holidays.',
		} );
		const admin = await requestUtils.rest< { email: string } >( {
			path: '/wp/v2/users/me',
			params: { context: 'edit' },
		} );
		const link = decisionLink( admin.email, `Opening hours ${ id }` );

		await page.goto( link );
		await expect(
			page.getByRole( 'heading', { name: 'Decide a proposal' } )
		).toBeVisible();
		await expect( page.getByText( 'risk 3 (medium)' ) ).toBeVisible();
		await expect(
			page.getByRole( 'cell', { name: /Added: Holiday opening hours/ } )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/inbox-decide.png',
			fullPage: true,
		} );
		// Showing the page decided nothing.
		expect( ( await client.getProposal( proposal.id ) ).status ).toBe(
			'pending'
		);

		await page.getByRole( 'button', { name: 'Approve' } ).click();
		await expect( page.getByText( 'Approved and applied.' ) ).toBeVisible();
		await expect(
			page.getByText( 'This link has already been used' )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: 'Approve' } )
		).toHaveCount( 0 );
		await page.screenshot( {
			path: 'artifacts/screenshots/inbox-decided.png',
			fullPage: true,
		} );
		expect( ( await readPost( requestUtils, post.id ) ).title ).toBe(
			`Holiday opening hours ${ id }`
		);

		// The same link opened again says so and offers nothing to click.
		await page.goto( link );
		await expect(
			page.getByText( 'This link has already been used' )
		).toBeVisible();

		// An altered link is refused.
		await page.goto( link.replace( /token=(\d+)/, 'token=1$1' ) );
		await expect(
			page.getByText( 'This link is not valid for you' )
		).toBeVisible();
	} );
} );
