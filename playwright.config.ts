/**
 * External dependencies
 */
import { defineConfig } from '@playwright/test';

const baseURL = process.env.COUNTERSIGN_TEST_URL ?? 'http://localhost:8889';
process.env.WP_BASE_URL = baseURL;
process.env.STORAGE_STATE_PATH ??= 'tests/e2e/.auth/admin.json';

export default defineConfig( {
	testDir: 'tests/e2e/specs',
	outputDir: 'artifacts/playwright',
	globalSetup: require.resolve( './tests/e2e/global-setup.ts' ),
	// The editor needs a few seconds to become ready on these machines.
	timeout: 120_000,
	expect: { timeout: 20_000 },
	workers: 1,
	retries: 0,
	reporter: [
		[ 'list' ],
		[ 'json', { outputFile: 'artifacts/playwright.json' } ],
	],
	use: {
		baseURL,
		storageState: process.env.STORAGE_STATE_PATH,
		viewport: { width: 1440, height: 900 },
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		},
	},
} );
