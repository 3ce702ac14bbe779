/**
 * External dependencies
 */
import { request } from '@playwright/test';

/**
 * WordPress dependencies
 */
import { RequestUtils } from '@wordpress/e2e-test-utils-playwright';

/**
 * Logs the admin in once and stores the session for every test.
 */
async function globalSetup(): Promise< void > {
	const baseURL = process.env.WP_BASE_URL ?? 'http://localhost:8889';
	const storageStatePath =
		process.env.STORAGE_STATE_PATH ?? 'tests/e2e/.auth/admin.json';
	const requestContext = await request.newContext( { baseURL } );
	const requestUtils = new RequestUtils( requestContext, {
		storageStatePath,
		user: { username: 'admin', password: 'password' },
	} );
	await requestUtils.setupRest();
	await requestContext.dispose();
}

export default globalSetup;
