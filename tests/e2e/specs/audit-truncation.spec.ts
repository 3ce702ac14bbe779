/**
 * External dependencies
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Runs the audit-cut fixture on the test site's WordPress: `cut` deletes the
 * newest rows as an attacker with database access would, `restore` puts them back.
 *
 * @param mode cut or restore.
 * @return The verification result the fixture prints.
 */
function auditCut( mode: 'cut' | 'restore' ): { ok: boolean } {
	const root = resolve( __dirname, '../../..' );
	const result = spawnSync(
		'php',
		[
			`${ root }/tests/php/fixtures/audit-cut.php`,
			process.env.COUNTERSIGN_WP_DIR ?? `${ root }/.run/test/wordpress`,
			mode,
			'5',
		],
		{ encoding: 'utf8' }
	);
	expect( result.status, result.stderr ).toBe( 0 );
	return JSON.parse( result.stdout.trim().split( '\n' ).pop() ?? '{}' );
}

test.describe( 'Audit log cut short', () => {
	test.use( { viewport: { width: 1280, height: 800 } } );

	test.afterAll( () => {
		expect( auditCut( 'restore' ).ok ).toBe( true );
	} );

	test( 'the Audit screen says in red that the log is shorter than its anchor', async ( {
		admin,
		page,
	} ) => {
		expect( auditCut( 'cut' ).ok ).toBe( false );

		await admin.visitAdminPage( 'admin.php', 'page=countersign-audit' );
		const status = page.getByRole( 'status', {
			name: 'Audit chain status',
		} );
		const message = status.getByText(
			/The log is shorter than its anchor: [\d,.\s]+ entries verified, but it must reach entry #\d+/
		);
		await expect( message ).toBeVisible();
		// Red: the broken badge's colours.
		await expect( message ).toHaveCSS( 'color', 'rgb(138, 36, 36)' );
		await expect( message ).toHaveCSS(
			'background-color',
			'rgb(252, 240, 241)'
		);
		await expect(
			page.getByRole( 'link', { name: 'Export head' } )
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/audit-truncated.png',
		} );
	} );
} );
