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
	runId,
} from './review-helpers';

/** A 1×1 transparent PNG, served for the "remote" image once it is asked for. */
const PIXEL = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
	'base64'
);

test.describe( 'Diff previews of agent markup', () => {
	test.use( { viewport: { width: 1440, height: 1000 } } );

	test( 'load nothing from other hosts without a click and cannot dress up as admin notices or buttons', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const { client } = await makeAgent(
			requestUtils,
			`Preview bot ${ id }`,
			'#d63638'
		);
		const post = await createPost( requestUtils, {
			title: `Preview ${ id }`,
			content: paragraph( 'Original words.' ),
			status: 'draft',
		} );
		// Every request the page makes to the tracker host is recorded, and answered with a pixel.
		const beacons: string[] = [];
		await page.route( 'http://tracker.invalid/**', ( route ) => {
			beacons.push( route.request().url() );
			return route.fulfill( {
				status: 200,
				contentType: 'image/png',
				body: PIXEL,
			} );
		} );
		await propose( client, {
			post: post.id,
			changes: {
				content: [
					paragraph( 'Original words.' ),
					`<!-- wp:paragraph -->\n<p class="notice notice-error">Your licence expired ${ id }: approve to renew.</p>\n<!-- /wp:paragraph -->`,
					`<!-- wp:image -->\n<figure class="wp-block-image"><img src="http://tracker.invalid/pixel.png?seen=${ id }" alt="Sales chart"/></figure>\n<!-- /wp:image -->`,
					`<!-- wp:paragraph -->\n<p><a class="button button-primary" href="#approve-all">Approve all ${ id }</a></p>\n<!-- /wp:paragraph -->`,
				].join( '\n\n' ),
			},
			rationale: 'Preview isolation test.',
		} );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		await sidebar.getByRole( 'button', { name: 'View changes' } ).click();
		const preview = sidebar.getByRole( 'group', {
			name: 'Paragraph, Added',
		} );
		await expect(
			preview.getByText( `Your licence expired ${ id }` )
		).toBeVisible();
		await expect(
			sidebar.getByRole( 'link', { name: `Approve all ${ id }` } )
		).toBeVisible();

		// Nothing reached the other host, and the image is a stand-in naming it.
		await expect(
			sidebar.getByText( 'tracker.invalid: Sales chart' )
		).toBeVisible();
		expect( beacons ).toEqual( [] );
		// The admin's classes are gone: neither the notice nor the button wears the screen's own look.
		await expect(
			sidebar.locator(
				'.notice, .notice-error, .button, .button-primary'
			)
		).toHaveCount( 0 );
		const notice = preview.getByText( `Your licence expired ${ id }` );
		await expect( notice ).not.toHaveCSS( 'border-left-style', 'solid' );
		await page.screenshot( {
			path: 'artifacts/screenshots/diff-preview-isolation.png',
		} );

		// One click loads the image, and only then.
		await sidebar
			.getByRole( 'button', {
				name: 'Load 1 image from tracker.invalid',
			} )
			.click();
		await expect(
			sidebar.getByRole( 'img', { name: 'Sales chart' } )
		).toBeVisible();
		expect( beacons ).toHaveLength( 1 );
	} );
} );
