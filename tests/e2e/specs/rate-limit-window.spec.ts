/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { agentContext, createAgent } from '../utils';
import { runId } from './review-helpers';

test.describe( 'Rate-limit window', () => {
	test.afterEach( async ( { requestUtils } ) => {
		await requestUtils.rest( {
			method: 'PUT',
			path: '/countersign/v1/settings',
			data: { rate_limit_window: 60 },
		} );
	} );

	test( 'the window is set on the Settings screen, out-of-range values are said at the field, and agents are counted per window', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		await admin.visitAdminPage( 'admin.php', 'page=countersign-settings' );
		const window = page.getByLabel( 'Rate-limit window (seconds)' );
		await expect( window ).toHaveValue( '60' );
		await window.fill( '3601' );
		await window.blur();
		await expect(
			page.getByText( 'Enter a whole number from 1 to 3600.' )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: 'Save settings' } )
		).toBeDisabled();
		await window.fill( '7' );
		await page.getByRole( 'button', { name: 'Save settings' } ).click();
		await expect(
			page.getByText( 'Settings saved.' ).first()
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/settings-rate-window.png',
		} );
		const saved = await requestUtils.rest< { rate_limit_window: number } >(
			{ path: '/countersign/v1/settings' }
		);
		expect( saved.rate_limit_window ).toBe( 7 );

		// Two requests per 7 seconds: the third in a window is refused, the next window admits again.
		const agent = await createAgent( requestUtils, {
			label: `Burst ${ runId() }`,
			role: 'editor',
			preset: 'content_manager',
			rate_limit: 2,
		} );
		const context = await agentContext( agent );
		const now = Date.now() / 1000;
		if ( now % 7 > 4 ) {
			await page.waitForTimeout( ( 7 - ( now % 7 ) ) * 1000 + 100 );
		}
		const first = await context.get( '/wp-json/countersign/v1/me' );
		const me = ( await first.json() ) as {
			rate_limit_state: { window: number; agent: { reset: number } };
		};
		expect( me.rate_limit_state.window ).toBe( 7 );
		expect( me.rate_limit_state.agent.reset ).toBeLessThanOrEqual( 7 );
		expect(
			( await context.get( '/wp-json/countersign/v1/me' ) ).status()
		).toBe( 200 );
		const third = await context.get( '/wp-json/countersign/v1/me' );
		expect( third.status() ).toBe( 429 );
		expect(
			Number( third.headers()[ 'retry-after' ] )
		).toBeLessThanOrEqual( 7 );
		await page.waitForTimeout(
			( Number( third.headers()[ 'retry-after' ] ) + 1 ) * 1000
		);
		expect(
			( await context.get( '/wp-json/countersign/v1/me' ) ).status()
		).toBe( 200 );
		await context.dispose();
	} );
} );
