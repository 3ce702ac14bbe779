/**
 * External dependencies
 */
import { readFileSync } from 'node:fs';

/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import { makeAgent, runId } from './review-helpers';

test.describe( 'Spend', () => {
	test.afterEach( async ( { requestUtils } ) => {
		await requestUtils.rest( {
			method: 'PUT',
			path: '/countersign/v1/settings',
			data: { model_prices: {} },
		} );
	} );

	test( 'an administrator prices a model; usage shows the cost per agent per day and exports it as CSV', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const model = `e2e-model-${ id }`;
		await admin.visitAdminPage( 'admin.php', 'page=countersign-settings' );
		await page.getByLabel( 'Model name' ).fill( model );
		await page
			.getByRole( 'spinbutton', { name: 'Price per million tokens' } )
			.fill( '2' );
		await page.getByRole( 'button', { name: 'Add price' } ).click();
		await expect(
			page.getByRole( 'spinbutton', { name: `Price of ${ model }` } )
		).toHaveValue( '2' );
		await page.getByRole( 'button', { name: 'Save settings' } ).click();
		await expect(
			page.getByText( 'Settings saved.' ).first()
		).toBeVisible();
		await page
			.getByRole( 'heading', { name: 'Spend' } )
			.scrollIntoViewIfNeeded();
		await page.screenshot( {
			path: 'artifacts/screenshots/settings-spend.png',
		} );
		const settings = await requestUtils.rest< {
			model_prices: Record< string, number >;
		} >( { path: '/countersign/v1/settings' } );
		expect( settings.model_prices[ model ] ).toBe( 2 );

		const { client } = await makeAgent( requestUtils, `Spender ${ id }` );
		const post = await createPost( requestUtils, {
			title: `Spend ${ id }`,
			status: 'draft',
		} );
		// 500,000 tokens at 2 per million: 1.00.
		await propose( client, {
			post: post.id,
			changes: { title: `Spend ${ id } revised` },
			rationale: 'Costs one unit.',
			source: { model, tokens_in: 400000, tokens_out: 100000 },
		} );

		await admin.visitAdminPage( 'admin.php', 'page=countersign-usage' );
		// The only priced model is this run's: the total cost is this agent's.
		await expect(
			page.getByText( 'at the model prices in Settings' )
		).toBeVisible();
		await expect(
			page.getByText( '$1.00', { exact: true } )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/usage-cost.png',
			fullPage: true,
		} );

		const download = page.waitForEvent( 'download' );
		await page.getByRole( 'link', { name: 'Export CSV' } ).click();
		const file = await ( await download ).path();
		const lines = readFileSync( file, 'utf8' ).trim().split( '\n' );
		expect( lines[ 0 ] ).toBe(
			'agent_id,agent,day,requests,refusals,proposals,approvals,rejections,median_review_seconds,tokens_in,tokens_out,cost,currency'
		);
		const mine = lines.find( ( line ) =>
			line.includes( `Spender ${ id }` )
		);
		expect( mine ).toMatch( /,400000,100000,1,USD$/ );
	} );
} );
