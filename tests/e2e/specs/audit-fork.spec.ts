/**
 * External dependencies
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

interface Verified {
	ok: boolean;
	first_bad: number | null;
	fork: { id: number; onto: number } | null;
}

/**
 * Runs the audit-fork fixture on the test site's WordPress: `fork` appends a
 * signed row chained onto the row before the newest, `restore` deletes it.
 *
 * @param mode fork or restore.
 * @return The verification result the fixture prints.
 */
function auditFork( mode: 'fork' | 'restore' ): Verified {
	const root = resolve( __dirname, '../../..' );
	const result = spawnSync(
		'php',
		[
			`${ root }/tests/php/fixtures/audit-fork.php`,
			process.env.COUNTERSIGN_WP_DIR ?? `${ root }/.run/test/wordpress`,
			mode,
		],
		{ encoding: 'utf8' }
	);
	expect( result.status, result.stderr ).toBe( 0 );
	return JSON.parse( result.stdout.trim().split( '\n' ).pop() ?? '{}' );
}

test.describe( 'Audit log forked', () => {
	test.use( { viewport: { width: 1280, height: 800 } } );

	test.afterAll( () => {
		expect( auditFork( 'restore' ).ok ).toBe( true );
	} );

	test( 'the Audit screen names the forked entry and the entry it follows', async ( {
		admin,
		page,
	} ) => {
		const forked = auditFork( 'fork' );
		expect( forked.ok ).toBe( false );
		expect( forked.fork?.id ).toBe( forked.first_bad );

		await admin.visitAdminPage( 'admin.php', 'page=countersign-audit' );
		const status = page.getByRole( 'status', {
			name: 'Audit chain status',
		} );
		const message = status.getByText(
			forked.fork?.onto === 0
				? `Chain forked at entry #${ forked.fork?.id }: it starts the chain over, as an earlier entry already does`
				: `Chain forked at entry #${ forked.fork?.id }: it follows entry #${ forked.fork?.onto }, which an earlier entry already follows`
		);
		await expect( message ).toBeVisible();
		await expect( message ).toHaveCSS( 'color', 'rgb(138, 36, 36)' );
		await page.screenshot( {
			path: 'artifacts/screenshots/audit-forked.png',
		} );
	} );
} );
