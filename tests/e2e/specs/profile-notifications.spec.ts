/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

test.describe( 'Reviewer email opt-out on the profile screen', () => {
	test( 'a reviewer turns the proposal emails off and on again from their profile', async ( {
		admin,
		page,
	} ) => {
		await admin.visitAdminPage( 'profile.php' );
		const heading = page.getByRole( 'heading', {
			name: 'Agent proposals',
		} );
		await expect( heading ).toBeVisible();
		const box = page.getByRole( 'checkbox', {
			name: 'Email me when an agent proposes a change of risk 3 or more that I can review',
		} );
		await expect( box ).toBeChecked();
		await heading.scrollIntoViewIfNeeded();
		await page.screenshot( {
			path: 'artifacts/screenshots/profile-notifications.png',
		} );

		await box.uncheck();
		await page.getByRole( 'button', { name: 'Update Profile' } ).click();
		await expect( page.getByText( 'Profile updated.' ) ).toBeVisible();
		await expect( box ).not.toBeChecked();

		// Saving the profile without touching the box keeps the choice.
		await page.getByRole( 'button', { name: 'Update Profile' } ).click();
		await expect( page.getByText( 'Profile updated.' ) ).toBeVisible();
		await expect( box ).not.toBeChecked();

		await box.check();
		await page.getByRole( 'button', { name: 'Update Profile' } ).click();
		await expect( page.getByText( 'Profile updated.' ) ).toBeVisible();
		await expect( box ).toBeChecked();
	} );
} );
