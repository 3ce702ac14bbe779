/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { propose, createPost } from '../utils';
import { makeAgent, paragraph } from './review-helpers';

test.describe( 'Deep link to a proposal', () => {
	test( 'post.php?…&countersign=ID opens the sidebar on that proposal with its changes', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const { client } = await makeAgent( requestUtils, 'Link bot e2e' );
		const post = await createPost( requestUtils, {
			title: 'Contact',
			content: paragraph( 'Call us.' ),
			status: 'draft',
		} );
		await propose( client, {
			post: post.id,
			changes: { excerpt: 'How to reach us.' },
			rationale: 'An excerpt for search results.',
		} );
		const linked = await propose( client, {
			post: post.id,
			changes: { content: paragraph( 'Call us or write to us.' ) },
			rationale: 'Mention e-mail.',
		} );

		await admin.visitAdminPage(
			'post.php',
			`post=${ post.id }&action=edit&countersign=${ linked.id }`
		);
		const sidebar = page.getByRole( 'region', { name: 'Editor settings' } );
		const card = sidebar.getByRole( 'article', {
			name: `Proposal ${ linked.id } by Link bot e2e`,
		} );
		await expect( card ).toBeVisible();
		await expect(
			card.getByRole( 'button', { name: 'Hide changes' } )
		).toBeVisible();
		await expect(
			card.getByRole( 'insertion' ).filter( { hasText: 'write' } ).first()
		).toBeVisible();
	} );
} );
