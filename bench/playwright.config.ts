/**
 * Playwright configuration for the editor-load benchmark (bench/run.sh starts the benchmark site on :8890, or names a site that is up in COUNTERSIGN_BENCH_URL).
 */
import { defineConfig } from '@playwright/test';

const baseURL = process.env.COUNTERSIGN_BENCH_URL ?? 'http://localhost:8890';
process.env.WP_BASE_URL = baseURL;
process.env.STORAGE_STATE_PATH ??= 'artifacts/bench/admin.json';

export default defineConfig( {
	testDir: '.',
	testMatch: 'editor-load.bench.ts',
	outputDir: '../artifacts/bench/playwright',
	globalSetup: require.resolve( '../tests/e2e/global-setup.ts' ),
	timeout: 900_000,
	workers: 1,
	retries: 0,
	reporter: [ [ 'list' ] ],
	use: {
		baseURL,
		storageState: process.env.STORAGE_STATE_PATH,
		viewport: { width: 1440, height: 900 },
		// What the page showed when a wait timed out (free: taken only then; a trace would slow every run).
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		},
	},
} );
