/**
 * External dependencies
 */
import { readFile } from 'fs/promises';

/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import { makeAgent, paragraph, runId } from './review-helpers';

test.describe( 'Audit log and usage', () => {
	test.use( { viewport: { width: 1280, height: 900 } } );

	test( 'filter by agent, open an entry, export CSV, see the chain status', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const { agent, client } = await makeAgent(
			requestUtils,
			`Audit bot ${ id }`,
			'#8c1bab'
		);
		const other = await makeAgent(
			requestUtils,
			`Other bot ${ id }`,
			'#00a32a'
		);
		const post = await createPost( requestUtils, {
			title: `Audit ${ id }`,
			content: paragraph( 'Before.' ),
			status: 'draft',
		} );
		const proposal = await propose( client, {
			post: post.id,
			changes: { content: paragraph( `After ${ id }.` ) },
			rationale: 'Audit screen test.',
			source: { model: 'test-model', tokens_in: 120, tokens_out: 30 },
		} );
		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/proposals/${ proposal.id }/approve`,
		} );
		await other.client.me();

		await admin.visitAdminPage( 'admin.php', 'page=countersign-audit' );
		await expect(
			page.getByRole( 'heading', { name: 'Audit log', level: 1 } )
		).toBeVisible();

		// The chain badge from GET /audit/verify, and the hardening state.
		const status = page.getByRole( 'status', {
			name: 'Audit chain status',
		} );
		await expect( status ).toContainText(
			/Chain intact: [\d,.\s]+ entries verified/
		);
		await expect( status ).toContainText( /Database hardening (on|off)/ );

		// That check left a mark: the next load verifies only from there, and says so; the whole log on request.
		await page.reload();
		await expect( status ).toContainText(
			/Chain intact: [\d,.\s]+ entr(y|ies) verified from entry #\d+, where the last intact check ended/
		);
		await page.screenshot( {
			path: 'artifacts/screenshots/audit-chain-incremental.png',
		} );
		await status
			.getByRole( 'button', { name: 'Verify the whole log' } )
			.click();
		await expect( status ).toContainText(
			/^Chain intact: [\d,.\s]+ entries verified(?! from)/
		);
		await expect(
			status.getByRole( 'button', { name: 'Verify the whole log' } )
		).toHaveCount( 0 );

		// Filter by our agent.
		// The filter chip comes before the table's column header of the same name.
		await page
			.getByRole( 'button', { name: 'Agent', exact: true } )
			.first()
			.click();
		await page.getByRole( 'option', { name: `Audit bot ${ id }` } ).click();
		await page.keyboard.press( 'Escape' );
		const table = page.getByRole( 'table' );
		await expect(
			table.getByText( 'proposal.submitted', { exact: true } )
		).toBeVisible();
		await expect( table.getByText( `Other bot ${ id }` ) ).toHaveCount( 0 );
		// No focus tooltip in the picture: focus moves to the export link.
		await page.getByRole( 'link', { name: 'Export CSV' } ).focus();
		await page.screenshot( { path: 'artifacts/screenshots/audit.png' } );

		// The submitted proposal's entry in detail.
		await table
			.getByRole( 'row' )
			.filter( { hasText: 'proposal.submitted' } )
			.getByRole( 'button', { name: /^#\d+$/ } )
			.click();
		const dialog = page.getByRole( 'dialog', {
			name: /Audit entry #\d+: proposal\.submitted/,
		} );
		await expect( dialog ).toBeVisible();
		await expect(
			dialog.getByRole( 'heading', { name: 'Change' } )
		).toBeVisible();
		await expect( dialog ).toContainText( 'Audit screen test.' );
		await expect( dialog ).toContainText( 'test-model' );
		await expect(
			dialog.getByRole( 'heading', { name: 'Integrity' } )
		).toBeVisible();
		await expect( dialog ).toContainText( /[0-9a-f]{64}/ );
		await page.screenshot( {
			path: 'artifacts/screenshots/audit-detail.png',
		} );
		await page.keyboard.press( 'Escape' );
		await expect( dialog ).toBeHidden();

		// CSV export of the filtered log, streamed as a download.
		const downloading = page.waitForEvent( 'download' );
		await page.getByRole( 'link', { name: 'Export CSV' } ).click();
		const download = await downloading;
		expect( download.suggestedFilename() ).toMatch(
			/^countersign-audit-.*\.csv$/
		);
		const csv = await readFile(
			( await download.path() ) as string,
			'utf8'
		);
		const lines = csv.trim().split( '\n' );
		expect( lines[ 0 ] ).toBe(
			'id,created_at,actor_type,actor_id,agent_id,action,object_type,object_id,proposal_id,outcome,ip,request_id,details,prev_hash,hash'
		);
		expect( csv ).toContain( 'proposal.submitted' );
		expect( csv ).toContain( 'proposal.approved' );
		for ( const line of lines
			.slice( 1 )
			.filter( ( l ) => /^\d+,/.test( l ) ) ) {
			expect( line.split( ',' )[ 4 ] ).toBe( String( agent.id ) );
		}
	} );

	test( 'the usage dashboard charts requests, proposals and approvals', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const { client } = await makeAgent(
			requestUtils,
			`Usage bot ${ id }`,
			'#b26200'
		);
		const post = await createPost( requestUtils, {
			title: `Usage ${ id }`,
			content: paragraph( 'Before.' ),
			status: 'draft',
		} );
		const proposal = await propose( client, {
			post: post.id,
			changes: { title: `Usage ${ id } retitled` },
			rationale: 'Usage test.',
			source: { tokens_in: 500, tokens_out: 50 },
		} );
		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/proposals/${ proposal.id }/approve`,
		} );

		await admin.visitAdminPage( 'admin.php', 'page=countersign-usage' );
		await expect(
			page.getByRole( 'figure', { name: 'Tokens' } )
		).toBeVisible();
		await expect(
			page.getByRole( 'columnheader', { name: 'Tokens' } )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/usage.png',
			fullPage: true,
		} );

		// The chart shows the busiest agents; its table lists every one.
		const requests = page.getByRole( 'figure', {
			name: 'Requests by agent',
		} );
		await expect( requests.getByRole( 'list' ) ).toBeVisible();
		await requests.getByRole( 'button', { name: 'Show as table' } ).click();
		await expect(
			requests.getByRole( 'row', {
				name: new RegExp( `Usage bot ${ id }` ),
			} )
		).toBeVisible();
		const rate = page
			.getByRole( 'figure', { name: 'Approval rate' } )
			.last();
		await rate.getByRole( 'button', { name: 'Show as table' } ).click();
		await expect(
			rate.getByRole( 'row', { name: new RegExp( `Usage bot ${ id }` ) } )
		).toContainText( '100%' );
		const overTime = page.getByRole( 'figure', {
			name: 'Proposals over time',
		} );
		await expect( overTime.getByRole( 'img' ) ).toHaveAccessibleName(
			/proposals from/
		);
		await overTime.getByRole( 'button', { name: 'Show as table' } ).click();
		await expect(
			overTime.getByRole( 'table', { name: 'Proposals per day' } )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/usage-tables.png',
			fullPage: true,
		} );
	} );
} );
