/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { openProposalsSidebar, runId } from './review-helpers';
import {
	agentClient,
	agentContext,
	createAgent,
	png,
	siteUrl,
	createPost,
} from '../utils';

test.describe( 'Media, staged like everything else', () => {
	test( 'an agent uploads an image; the reviewer sees its preview, approves, and it is the featured image', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const agent = await createAgent( requestUtils, {
			label: `Media e2e ${ id }`,
			role: 'editor',
			preset: 'media_manager',
			color: '#0e7490',
		} );
		const post = await createPost( requestUtils, {
			title: `Garden day ${ id }`,
			content:
				'<!-- wp:paragraph -->\n<p>Come and plant with us.</p>\n<!-- /wp:paragraph -->',
			status: 'draft',
		} );
		const client = agentClient( agent );

		// Through the agent client's multipart upload, then one proposal: featured image with its texts.
		const staged = await client.upload(
			`garden-${ id }.png`,
			png( 240, 160 )
		);
		expect( [ staged.type, staged.width, staged.height ] ).toEqual( [
			'image/png',
			240,
			160,
		] );
		const proposal = await client.propose( {
			post: post.id,
			changes: {
				media: [
					{
						ref: staged.ref,
						title: `Planting day ${ id }`,
						alt: 'Members planting tulips by the gate.',
						caption: 'Our first spring.',
					},
				],
				featured_media: staged.ref,
			},
			rationale: 'The post needs a featured image.',
		} );
		expect( [ proposal.status, proposal.risk ] ).toEqual( [
			'pending',
			3,
		] );

		// Not public, not in the library: the preview route refuses a visitor, core lists nothing.
		const visitor = await fetch( staged.preview );
		expect( visitor.status ).toBe( 401 );
		const library = await requestUtils.rest< unknown[] >( {
			path: '/wp/v2/media',
			params: { search: `Planting day ${ id }` },
		} );
		expect( library ).toEqual( [] );
		// Agents never write through core's media route.
		const agentRequest = await agentContext( agent );
		const coreUpload = await agentRequest.post( '/wp-json/wp/v2/media', {
			multipart: {
				file: {
					name: 'x.png',
					mimeType: 'image/png',
					buffer: Buffer.from( png( 4, 4 ) ),
				},
			},
		} );
		expect( coreUpload.status() ).toBe( 403 );
		await agentRequest.dispose();

		// The queue's side panel shows the file too.
		// (Search reads proposed titles and content, which this proposal has none of; newest come first.)
		await admin.visitAdminPage( 'admin.php', 'page=countersign' );
		await page
			.getByRole( 'table' )
			.getByRole( 'row', { name: new RegExp( `Garden day ${ id }` ) } )
			.getByRole( 'button', { name: 'View changes' } )
			.click();
		const panel = page.getByRole( 'complementary', {
			name: `Garden day ${ id }`,
		} );
		const queuePreview = panel.getByRole( 'img', {
			name: `Preview of garden-${ id }.png`,
		} );
		await expect( queuePreview ).toBeVisible();
		await expect
			.poll( () =>
				queuePreview.evaluate(
					( img ) => ( img as HTMLImageElement ).naturalWidth
				)
			)
			.toBe( 240 );
		await page.screenshot( {
			path: 'artifacts/screenshots/media-queue-panel.png',
		} );

		// In the editor's sidebar: the preview (loaded through the authenticated route), name, type, size, dimensions.
		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		const files = sidebar.getByRole( 'list', { name: 'Files to add' } );
		const preview = files.getByRole( 'img', {
			name: `Preview of garden-${ id }.png`,
		} );
		await expect( preview ).toBeVisible();
		await expect
			.poll( () =>
				preview.evaluate(
					( img ) => ( img as HTMLImageElement ).naturalWidth
				)
			)
			.toBe( 240 );
		await expect( files.getByText( `garden-${ id }.png` ) ).toBeVisible();
		await expect(
			files.getByText( /image\/png · \d+ KB · 240 × 160 px/ )
		).toBeVisible();
		await expect(
			files.getByText( 'Members planting tulips by the gate.' )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/media-sidebar-preview.png',
		} );

		await sidebar
			.getByRole( 'button', { name: 'Approve', exact: true } )
			.click();
		await expect(
			page
				.getByRole( 'button', { name: 'Dismiss this notice' } )
				.or( page.locator( '.components-snackbar' ) )
				.first()
		).toBeVisible();

		// A real attachment through core, with its texts, and the post's featured image.
		const saved = await requestUtils.rest< { featured_media: number } >( {
			path: `/wp/v2/posts/${ post.id }`,
			params: { context: 'edit' },
		} );
		expect( saved.featured_media ).toBeGreaterThan( 0 );
		const media = await requestUtils.rest< {
			alt_text: string;
			title: { raw: string };
			caption: { raw: string };
			media_details: { width: number; height: number };
			source_url: string;
			post: number;
		} >( {
			path: `/wp/v2/media/${ saved.featured_media }`,
			params: { context: 'edit' },
		} );
		expect( media.alt_text ).toBe( 'Members planting tulips by the gate.' );
		expect( media.title.raw ).toBe( `Planting day ${ id }` );
		expect( media.caption.raw ).toBe( 'Our first spring.' );
		expect( [
			media.media_details.width,
			media.media_details.height,
		] ).toEqual( [ 240, 160 ] );
		expect( media.post ).toBe( post.id );
		// Now public, from the uploads directory; the staged copy is gone.
		expect( ( await fetch( media.source_url ) ).status ).toBe( 200 );
		const gone = await fetch(
			`${ siteUrl() }/?rest_route=/countersign/v1/media/${ staged.ref }`,
			{
				headers: {
					Authorization:
						'Basic ' +
						Buffer.from(
							`${ agent.user_login }:${ agent.application_password }`
						).toString( 'base64' ),
				},
			}
		);
		expect( gone.status ).toBe( 404 );
		await page.screenshot( {
			path: 'artifacts/screenshots/media-after-approve.png',
		} );
	} );
} );
