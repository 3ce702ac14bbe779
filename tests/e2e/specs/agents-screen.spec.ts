/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { paragraph, runId } from './review-helpers';
import { createPost } from '../utils';
import {
	AgentClientError,
	createAgentClient,
} from '../../../src/api/agent-client';
import type { Agent } from '../../../src/api/types';

const baseURL = process.env.WP_BASE_URL ?? 'http://localhost:8889';

/**
 * What the agent's next request gets: status and error code.
 *
 * @param login    Agent login.
 * @param password Application password.
 */
async function probe( login: string, password: string ) {
	const client = createAgentClient( { url: baseURL, user: login, password } );
	try {
		await client.me();
		return { status: 200, code: null };
	} catch ( error ) {
		if ( error instanceof AgentClientError ) {
			return { status: error.status, code: error.code };
		}
		throw error;
	}
}

test.describe( 'Agents screen', () => {
	test.afterEach( async ( { requestUtils } ) => {
		// Never leave the kill switch on for the next test.
		await requestUtils.rest( {
			method: 'PUT',
			path: '/countersign/v1/settings',
			data: { kill_switch: false },
		} );
	} );

	test( 'create an agent, use its password once shown, pause, kill switch, revoke', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const id = runId();
		const label = `UI bot ${ id }`;
		await admin.visitAdminPage( 'admin.php', 'page=countersign-agents' );
		await page.getByRole( 'button', { name: 'Add agent' } ).click();
		const dialog = page.getByRole( 'dialog', { name: 'Add agent' } );
		await dialog.getByLabel( 'Label' ).fill( label );
		await dialog.getByLabel( 'WordPress role' ).selectOption( 'editor' );
		await dialog
			.getByRole( 'combobox', { name: 'Preset' } )
			.selectOption( 'draft_only' );
		// The picker explains what the preset grants.
		await expect(
			dialog.getByRole( 'list', { name: 'What this preset allows' } )
		).toContainText( 'Propose new posts' );
		await page.screenshot( {
			path: 'artifacts/screenshots/agents-create.png',
		} );
		await dialog.getByRole( 'button', { name: 'Add agent' } ).click();

		// The password is on screen once, with a curl line and an MCP snippet.
		const secret = page.getByLabel( 'Application password' );
		await expect( secret ).toBeVisible();
		const password = await secret.inputValue();
		expect( password ).toMatch( /^(\w{4} ){5}\w{4}$/ );
		const login = (
			await page
				.locator( '.countersign-credentials__login code' )
				.textContent()
		)?.trim() as string;
		// (Scoped to the notice: its text is also spoken into the a11y live region.)
		const notice = page.locator( '.countersign-credentials' );
		await expect(
			notice.getByText( 'Submit a first proposal with curl' )
		).toBeVisible();
		await expect(
			notice.getByText( '"WP_API_USERNAME": "' + login + '"' )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/agents-password.png',
			fullPage: true,
		} );

		// The agent proposes with that password, over REST.
		const post = await createPost( requestUtils, {
			title: `Agents screen ${ id }`,
			content: paragraph( 'Before.' ),
			status: 'draft',
		} );
		const proposed = await createAgentClient( {
			url: baseURL,
			user: login,
			password,
		} ).propose( {
			post: post.id,
			changes: { title: `Proposed ${ id }` },
			rationale: 'From the e2e test.',
		} );
		expect( proposed.status ).toBe( 'pending' );

		// The list shows it with its pending proposal.
		await page.reload();
		const row = page.getByRole( 'row', { name: new RegExp( label ) } );
		await expect( row ).toBeVisible();
		await expect( row ).toContainText( 'Drafts only' );
		await expect( row ).toContainText( 'Editor' );
		await page.screenshot( { path: 'artifacts/screenshots/agents.png' } );

		// Pause in the UI → the very next request is 403.
		await row.getByRole( 'button', { name: 'Actions' } ).click();
		await page.getByRole( 'menuitem', { name: 'Pause' } ).click();
		await expect( row ).toContainText( 'Paused' );
		expect( await probe( login, password ) ).toEqual( {
			status: 403,
			code: 'countersign_agent_paused',
		} );
		await row.getByRole( 'button', { name: 'Actions' } ).click();
		await page.getByRole( 'menuitem', { name: 'Resume' } ).click();
		await expect( row ).toContainText( 'Active' );
		expect( ( await probe( login, password ) ).status ).toBe( 200 );

		// Edit: widening the preset warns, then shows a new password once.
		await row.getByRole( 'button', { name: 'Edit' } ).click();
		const editor = page.getByRole( 'dialog', { name: label } );
		await editor
			.getByRole( 'combobox', { name: 'Preset' } )
			.selectOption( 'content_manager' );
		await expect(
			editor.getByText( 'This preset allows more than the current one' )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/agents-edit.png',
		} );
		await editor
			.getByRole( 'button', { name: 'Save and rotate credentials' } )
			.click();
		await expect(
			page
				.locator( '.countersign-credentials' )
				.getByText( 'may now do more, so its credentials were rotated' )
		).toBeVisible();
		const rotated = await page
			.getByLabel( 'Application password' )
			.inputValue();
		expect( rotated ).not.toBe( password );
		expect( ( await probe( login, password ) ).status ).toBe( 401 );
		expect( ( await probe( login, rotated ) ).status ).toBe( 200 );

		// Kill switch → 503, with a banner; off again → 200.
		await page.getByRole( 'button', { name: 'Stop all agents' } ).click();
		await page
			.getByRole( 'dialog' )
			.getByRole( 'button', { name: 'Stop all agents' } )
			.click();
		const banner = page.locator( '.countersign-kill-switch__banner' );
		await expect( banner ).toContainText( 'All agents stopped.' );
		expect( await probe( login, rotated ) ).toEqual( {
			status: 503,
			code: 'countersign_kill_switch',
		} );
		await page.screenshot( {
			path: 'artifacts/screenshots/agents-kill-switch.png',
		} );
		await page
			.getByRole( 'button', { name: 'Let agents work again' } )
			.click();
		await page
			.getByRole( 'dialog' )
			.getByRole( 'button', { name: 'Let agents work' } )
			.click();
		await expect( banner ).toBeHidden();
		expect( ( await probe( login, rotated ) ).status ).toBe( 200 );

		// Revoke behind a confirmation → 401 for good.
		await row.getByRole( 'button', { name: 'Actions' } ).click();
		await page.getByRole( 'menuitem', { name: 'Revoke' } ).click();
		const confirm = page.getByRole( 'dialog', {
			name: 'Revoke this agent?',
		} );
		await expect( confirm ).toContainText( 'cannot be undone' );
		await page.screenshot( {
			path: 'artifacts/screenshots/agents-revoke.png',
			// The dialog fades in; take it as it ends up.
			animations: 'disabled',
		} );
		await confirm.getByRole( 'button', { name: 'Revoke' } ).click();
		await expect( row ).toContainText( 'Revoked' );
		// Its passwords are gone, so the request is not even authenticated.
		expect( ( await probe( login, rotated ) ).status ).toBe( 401 );
	} );

	test( 'a custom preset is chosen group by group, and adding a group later warns and rotates', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const label = `Custom bot ${ runId() }`;
		await admin.visitAdminPage( 'admin.php', 'page=countersign-agents' );
		await page.getByRole( 'button', { name: 'Add agent' } ).click();
		const dialog = page.getByRole( 'dialog', { name: 'Add agent' } );
		await dialog.getByLabel( 'Label' ).fill( label );
		await dialog
			.getByRole( 'combobox', { name: 'Preset' } )
			.selectOption( 'custom' );
		await dialog.getByRole( 'checkbox', { name: /SEO titles/ } ).check();
		await dialog
			.getByRole( 'checkbox', { name: /categories and tags/ } )
			.check();
		await page.screenshot( {
			path: 'artifacts/screenshots/agents-custom.png',
		} );
		await dialog.getByRole( 'button', { name: 'Add agent' } ).click();
		await expect( page.getByLabel( 'Application password' ) ).toBeVisible();

		const agents = await requestUtils.rest< Agent[] >( {
			path: '/countersign/v1/agents',
		} );
		const created = agents.find( ( agent ) => agent.label === label );
		expect( created?.preset ).toBe( 'custom' );
		expect( [ ...( created?.groups ?? [] ) ].sort() ).toEqual( [
			'read',
			'seo',
			'taxonomy',
		] );

		await page.reload();
		const row = page.getByRole( 'row', { name: new RegExp( label ) } );
		await row.getByRole( 'button', { name: 'Edit' } ).click();
		const editor = page.getByRole( 'dialog', { name: label } );
		await expect(
			editor.getByRole( 'checkbox', { name: /SEO titles/ } )
		).toBeChecked();
		await editor
			.getByRole( 'checkbox', { name: /publishing, scheduling/ } )
			.check();
		await expect(
			editor.getByText( 'This preset allows more than the current one' )
		).toBeVisible();
		await editor
			.getByRole( 'button', { name: 'Save and rotate credentials' } )
			.click();
		await expect( page.getByLabel( 'Application password' ) ).toBeVisible();
		const updated = await requestUtils.rest< Agent >( {
			path: `/countersign/v1/agents/${ created?.id ?? 0 }`,
		} );
		expect( [ ...updated.groups ].sort() ).toEqual( [
			'publish',
			'read',
			'seo',
			'taxonomy',
		] );
	} );
} );

test.describe( 'Settings', () => {
	test.afterEach( async ( { requestUtils } ) => {
		await requestUtils.rest( {
			method: 'PUT',
			path: '/countersign/v1/settings',
			data: { risk_overrides: {}, audit_retention_days: 0 },
		} );
	} );

	test( 'raise a risk level and set retention; they persist; high risk cannot be lowered', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		await admin.visitAdminPage( 'admin.php', 'page=countersign-settings' );
		await page
			.getByRole( 'combobox', { name: 'Raise Title to' } )
			.selectOption( '4' );
		await page.getByLabel( 'Keep audit entries (days)' ).fill( '400' );
		await page.getByLabel( 'Largest file (MB)' ).fill( '5' );
		// A new upload is medium risk already: it can only be raised to high.
		await expect(
			page
				.getByRole( 'combobox', { name: 'Raise New media to' } )
				.locator( 'option' )
		).toHaveText( [ 'Built-in levels', 'At least 4 · High' ] );
		await page
			.getByLabel( 'Keep the audit log if Countersign is deleted' )
			.check();
		// Nonsense is said at the field and cannot be saved (a negative per-IP limit was once saved as 0: off).
		const perIp = page.getByLabel( 'Requests per window per IP address' );
		await perIp.fill( '-3' );
		await perIp.blur();
		await expect( perIp ).toHaveValue( '-3' );
		await expect(
			page.getByText( 'Enter a whole number of 0 or more.' )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: 'Save settings' } )
		).toBeDisabled();
		await page.screenshot( {
			path: 'artifacts/screenshots/settings-field-error.png',
		} );
		await perIp.fill( '60' );
		// Author is high risk everywhere: nothing to choose.
		const author = page.getByRole( 'row', { name: /^Author/ } );
		await expect( author ).toContainText( 'Always high' );
		await expect( author.getByRole( 'combobox' ) ).toHaveCount( 0 );
		// Title's choices never go below its built-in draft level.
		await expect(
			page
				.getByRole( 'combobox', { name: 'Raise Title to' } )
				.locator( 'option' )
		).toHaveText( [
			'Built-in levels',
			'At least 3 · Medium',
			'At least 4 · High',
		] );
		await page.getByRole( 'button', { name: 'Save settings' } ).click();
		await expect(
			page.getByText( 'Settings saved.' ).first()
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/settings.png',
			fullPage: true,
		} );

		await page.reload();
		await expect(
			page.getByRole( 'combobox', { name: 'Raise Title to' } )
		).toHaveValue( '4' );
		await expect(
			page.getByLabel( 'Keep audit entries (days)' )
		).toHaveValue( '400' );
		await expect( page.getByLabel( 'Largest file (MB)' ) ).toHaveValue(
			'5'
		);
		await expect(
			page.getByLabel( 'Keep the audit log if Countersign is deleted' )
		).toBeChecked();
		const saved = await requestUtils.rest< {
			risk_overrides: Record< string, number >;
			keep_audit_on_uninstall: boolean;
			media_max_upload_mb: number;
		} >( { path: '/countersign/v1/settings' } );
		expect( saved.risk_overrides ).toEqual( { title: 4 } );
		expect( saved.media_max_upload_mb ).toBe( 5 );
		expect( saved.keep_audit_on_uninstall ).toBe( true );
		// The server refuses lowering, whatever the UI sends.
		await expect(
			requestUtils.rest( {
				method: 'PUT',
				path: '/countersign/v1/settings',
				data: { risk_overrides: { author: 1 } },
			} )
		).rejects.toMatchObject( {
			code: 'countersign_invalid_payload',
			data: { field: 'risk_overrides.author' },
		} );
	} );
} );
