/**
 * External dependencies
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * WordPress dependencies
 */
import { expect, test } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { agentClient, createAgent, createPost } from '../utils';
import {
	heading,
	openProposalsSidebar,
	paragraph,
	runId,
} from './review-helpers';

/** A 2×2 green PNG. */
const PNG =
	'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGPQaGBgYGBgYGAAAAtEAcGfjjW0AAAAAElFTkSuQmCC';

test.describe( 'Changes in words', () => {
	test( 'the author, image, terms and date read as names; moved blocks say where from; the full-width review walks the changes', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const jane = await requestUtils.createUser( {
			username: `jane-${ id }`,
			email: `jane-${ id }@example.com`,
			firstName: 'Jane',
			lastName: `Doe ${ id }`,
			password: `pw-${ id }-jane`,
			roles: [ 'author' ],
		} );
		await requestUtils.rest( {
			method: 'POST',
			path: `/wp/v2/users/${ jane.id }`,
			data: { name: `Jane Doe ${ id }` },
		} );
		const category = await requestUtils.rest< { id: number } >( {
			method: 'POST',
			path: '/wp/v2/categories',
			data: { name: `Roses ${ id }` },
		} );
		const file = join( tmpdir(), `green-${ id }.png` );
		writeFileSync( file, Buffer.from( PNG, 'base64' ) );
		const image = await requestUtils.uploadMedia( file );
		await requestUtils.rest( {
			method: 'POST',
			path: `/wp/v2/media/${ image.id }`,
			data: { title: `Green field ${ id }` },
		} );
		const post = await createPost( requestUtils, {
			title: `Words ${ id }`,
			content: [
				paragraph( 'Parking is at the back.' ),
				paragraph( 'We open at nine.' ),
				heading( 'Opening hours' ),
			].join( '\n\n' ),
			status: 'draft',
		} );
		const agent = await createAgent( requestUtils, {
			label: `Words bot ${ id }`,
			role: 'editor',
			preset: 'full_access',
		} );
		const client = agentClient( agent );
		const changes = {
			author: jane.id,
			featured_media: image.id,
			terms: { category: [ category.id ] },
			date: '2026-12-10T09:00:00Z',
			content: [
				heading( 'Opening hours' ),
				paragraph( 'Parking is at the back.' ),
				paragraph( 'We open at ten.' ),
			].join( '\n\n' ),
		};
		const { token } = await client.requestConfirmation( {
			post: post.id,
			changes,
		} );
		await client.propose( {
			post: post.id,
			changes,
			rationale: 'New byline, image and category.',
			confirm_token: token,
		} );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		await sidebar.getByRole( 'button', { name: 'View changes' } ).click();
		const fields = sidebar.locator( '.countersign-diff__fields' );
		await expect( fields ).toContainText( `Jane Doe ${ id }` );
		await expect( fields ).toContainText( `Green field ${ id }` );
		await expect( fields ).toContainText( 'Categories' );
		await expect( fields ).toContainText( `+Roses ${ id }` );
		await expect( fields ).toContainText( 'December 10, 2026' );
		await expect( fields ).not.toContainText( 'category' );
		await expect(
			fields.locator( 'img.countersign-diff__thumbnail' )
		).toHaveAttribute( 'src', /green/ );
		await expect(
			sidebar.getByRole( 'group', {
				name: 'Heading, Moved from block 3',
			} )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/changes-in-words.png',
		} );

		await sidebar
			.getByRole( 'button', { name: 'Review full width' } )
			.click();
		const review = page.getByRole( 'dialog', {
			name: `Words bot ${ id }’s changes to “Words ${ id }”`,
		} );
		const toolbar = review.getByRole( 'toolbar', {
			name: 'Go through the changes',
		} );
		// Five fields (excerpt-free: date, author, image, terms) and two blocks (moved heading, edited paragraph).
		await expect( toolbar ).toContainText( /\d+ changes/ );
		await toolbar.getByRole( 'button', { name: 'Next change' } ).click();
		await expect( toolbar ).toContainText( /Change 1 of \d+/ );
		await toolbar.getByRole( 'button', { name: 'Next change' } ).click();
		await expect( toolbar ).toContainText( /Change 2 of \d+/ );
		await toolbar
			.getByRole( 'button', { name: 'Previous change' } )
			.click();
		await expect( toolbar ).toContainText( /Change 1 of \d+/ );
		await page.screenshot( {
			path: 'artifacts/screenshots/full-width-review.png',
		} );
		await review.getByRole( 'button', { name: 'Close' } ).click();
		await expect( review ).toBeHidden();
	} );
} );
