/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { agentClient, createAgent, propose, createPost } from '../utils';
import { openProposalsSidebar } from './review-helpers';

test.describe( 'What stands in the way of a decision is said before the click', () => {
	test( 'a paused agent disables Approve with the reason in the card and the queue; the kill switch shows on every Countersign screen', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Paused agent',
			role: 'editor',
			preset: 'content_manager',
		} );
		const post = await createPost( requestUtils, {
			title: 'Paused post',
			content:
				'<!-- wp:paragraph -->\n<p>Paused.</p>\n<!-- /wp:paragraph -->',
			status: 'draft',
		} );
		await propose( agentClient( agent ), {
			post: post.id,
			changes: { title: 'Paused post, renamed' },
			rationale: 'Renamed while paused.',
		} );
		await requestUtils.rest( {
			method: 'POST',
			path: `/countersign/v1/agents/${ agent.id }/pause`,
		} );
		const reason =
			'Paused agent is paused: resume it on the Agents screen to apply its proposals, or reject them.';

		await admin.editPost( post.id );
		const card = ( await openProposalsSidebar( page ) )
			.getByRole( 'article' )
			.filter( { hasText: 'Renamed while paused.' } );
		await expect( card.getByText( reason ) ).toBeVisible();
		await expect(
			card.getByRole( 'button', { name: 'Approve', exact: true } )
		).toBeDisabled();
		await expect(
			card.getByRole( 'button', { name: 'Edit, then approve' } )
		).toBeDisabled();
		await expect(
			card.getByRole( 'button', { name: 'Reject' } )
		).toBeEnabled();
		await card.screenshot( {
			path: 'artifacts/screenshots/card-paused-agent.png',
		} );

		await requestUtils.rest( {
			method: 'PUT',
			path: '/countersign/v1/settings',
			data: { kill_switch: true },
		} );
		try {
			await admin.visitAdminPage( 'admin.php', 'page=countersign' );
			const banner = page
				.getByRole( 'alert' )
				.filter( { hasText: 'The kill switch is on' } );
			await expect( banner ).toBeVisible();
			await expect(
				banner.getByRole( 'link', {
					name: 'Turn it off on the Agents screen.',
				} )
			).toBeVisible();
			const row = page
				.getByRole( 'row' )
				.filter( { hasText: 'Paused agent' } )
				.first();
			await expect( row ).toContainText( 'Paused' );
			// No Approve row action for a paused agent's proposal.
			await expect(
				row.getByRole( 'button', { name: 'Approve', exact: true } )
			).toHaveCount( 0 );
			await row.getByRole( 'button', { name: 'View changes' } ).click();
			const panel = page.getByRole( 'complementary', {
				name: 'Paused post',
			} );
			await expect( panel.getByText( reason ) ).toBeVisible();
			await expect(
				panel.getByRole( 'button', { name: 'Approve', exact: true } )
			).toBeDisabled();
			await page.screenshot( {
				path: 'artifacts/screenshots/queue-kill-switch-paused.png',
			} );

			for ( const screen of [
				'countersign-agents',
				'countersign-settings',
				'countersign-usage',
				'countersign-audit',
			] ) {
				await admin.visitAdminPage( 'admin.php', `page=${ screen }` );
				await expect(
					page
						.getByRole( 'alert' )
						.filter( { hasText: 'The kill switch is on' } )
				).toBeVisible();
			}
		} finally {
			await requestUtils.rest( {
				method: 'PUT',
				path: '/countersign/v1/settings',
				data: { kill_switch: false },
			} );
		}
	} );
} );
