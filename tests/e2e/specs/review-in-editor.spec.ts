/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import {
	agentClient,
	agentContext,
	createAgent,
	propose,
	createPost,
} from '../utils';
import { openProposalsSidebar } from './review-helpers';

test.describe( 'Reviewing an agent proposal in the block editor', () => {
	test( 'an agent proposes over REST, the editor approves in the sidebar, the editor shows the new content', async ( {
		admin,
		editor,
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Claude e2e',
			role: 'editor',
			preset: 'content_manager',
			color: '#d97757',
		} );
		const post = await createPost( requestUtils, {
			title: 'Opening hours',
			content:
				'<!-- wp:paragraph -->\n<p>We are open on weekdays.</p>\n<!-- /wp:paragraph -->',
			status: 'draft',
		} );
		const agentRequest = await agentContext( agent );

		// A real agent request: Application Password over HTTP, and core writes are refused.
		const coreWrite = await agentRequest.post(
			`/wp-json/wp/v2/posts/${ post.id }`,
			{ data: { title: 'Written through core' } }
		);
		expect( coreWrite.status() ).toBe( 403 );

		const proposal = await propose( agentClient( agent ), {
			post: post.id,
			changes: {
				title: 'Opening hours and holidays',
				content:
					'<!-- wp:paragraph -->\n<p>We are open on weekdays and closed on public holidays.</p>\n<!-- /wp:paragraph -->',
			},
			rationale: 'Visitors asked whether we open on holidays.',
			source: { model: 'claude-e2e' },
		} );
		expect( proposal.status ).toBe( 'pending' );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );

		await expect( sidebar.getByText( 'Claude e2e' ).first() ).toBeVisible();
		await expect(
			sidebar.getByText( 'Visitors asked whether we open on holidays.' )
		).toBeVisible();
		await sidebar.getByRole( 'button', { name: 'View changes' } ).click();
		await expect(
			sidebar.getByText( /closed on public holidays/ ).first()
		).toBeVisible();
		await page.screenshot( {
			path: 'artifacts/screenshots/sidebar-proposal.png',
		} );

		await sidebar
			.getByRole( 'button', { name: 'Approve', exact: true } )
			.click();
		await expect(
			page
				.getByRole( 'button', { name: 'Dismiss this notice' } )
				.or( page.locator( '.components-snackbar' ) )
				.first()
		).toBeVisible();

		// The editor shows the applied content without a reload.
		await expect(
			editor.canvas.getByRole( 'document', { name: 'Block: Paragraph' } )
		).toHaveText(
			'We are open on weekdays and closed on public holidays.'
		);
		await expect(
			editor.canvas.getByRole( 'textbox', { name: 'Add title' } )
		).toHaveText( 'Opening hours and holidays' );
		await page.screenshot( {
			path: 'artifacts/screenshots/sidebar-after-approve.png',
		} );

		// The server agrees, and a second approval is refused.
		const again = await page.request.post(
			`/wp-json/countersign/v1/proposals/${ proposal.id }/approve`,
			{
				headers: {
					'X-WP-Nonce': await page.evaluate(
						() =>
							(
								window as unknown as {
									wpApiSettings: { nonce: string };
								}
							 ).wpApiSettings.nonce
					),
				},
			}
		);
		expect( again.status() ).toBe( 409 );
		await agentRequest.dispose();
	} );

	test( 'with a quorum of two, the first approval says it waits for a second reviewer and applies nothing', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		// A quorum of two needs two people who may review: the admin and this editor.
		const second = await requestUtils.createUser( {
			username: `second-reviewer-${ Date.now() }`,
			email: `second-reviewer-${ Date.now() }@example.com`,
			password: `pw-${ Date.now() }-second`,
			roles: [ 'editor' ],
		} );
		await requestUtils.rest( {
			method: 'PUT',
			path: '/countersign/v1/settings',
			data: { quorum: 2 },
		} );
		try {
			const agent = await createAgent( requestUtils, {
				label: 'Quorum e2e',
				role: 'editor',
				preset: 'content_manager',
			} );
			const post = await createPost( requestUtils, {
				title: 'Membership fees',
				content:
					'<!-- wp:paragraph -->\n<p>Fees are due in March.</p>\n<!-- /wp:paragraph -->',
				status: 'publish',
			} );
			// A slug change on a published post is risk 4: the agent confirms it first.
			const changes = { slug: 'membership-fees-2027' };
			const client = agentClient( agent );
			const { token } = await client.requestConfirmation( {
				post: post.id,
				changes,
			} );
			const proposal = await propose( client, {
				post: post.id,
				changes,
				confirm_token: token,
				rationale: 'The fees page moves to next year.',
			} );
			expect( proposal.risk ).toBe( 4 );

			await admin.editPost( post.id );
			const sidebar = await openProposalsSidebar( page );
			await sidebar
				.getByRole( 'button', { name: 'Approve', exact: true } )
				.click();
			// A slug change on a published post is risk 4: approving asks once more, naming the change.
			const confirm = page.getByRole( 'dialog' );
			await expect( confirm ).toContainText(
				'Approve a high-risk change?'
			);
			await expect( confirm ).toContainText(
				'“Membership fees” by Quorum e2e: Slug'
			);
			await confirm
				.getByRole( 'button', { name: 'Approve and apply' } )
				.click();
			await expect(
				page
					.locator( '.components-snackbar' )
					.filter( { hasText: 'needs a second reviewer' } )
			).toBeVisible();
			await page.screenshot( {
				path: 'artifacts/screenshots/sidebar-quorum.png',
			} );

			const after = await requestUtils.rest< {
				status: string;
				approvals?: unknown[];
			} >( { path: `/countersign/v1/proposals/${ proposal.id }` } );
			expect( after.status ).toBe( 'pending' );
			expect( after.approvals ).toHaveLength( 1 );
			const current = await requestUtils.rest< { slug: string } >( {
				path: `/wp/v2/posts/${ post.id }`,
			} );
			expect( current.slug ).not.toBe( 'membership-fees-2027' );
		} finally {
			await requestUtils.rest( {
				method: 'PUT',
				path: '/countersign/v1/settings',
				data: { quorum: 1 },
			} );
			await requestUtils.rest( {
				method: 'DELETE',
				path: `/wp/v2/users/${ second.id }`,
				params: { force: true, reassign: 1 },
			} );
		}
	} );

	test( 'approving a high-risk proposal with my edits asks once more, and Cancel keeps the session', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Slug e2e',
			role: 'editor',
			preset: 'content_manager',
		} );
		const post = await createPost( requestUtils, {
			title: 'Opening hours',
			content:
				'<!-- wp:paragraph -->\n<p>Nine to five.</p>\n<!-- /wp:paragraph -->',
			status: 'publish',
		} );
		// A new address for a published post is risk 4: the agent confirms it first.
		const changes = { slug: 'hours-2027', title: 'Opening hours 2027' };
		const client = agentClient( agent );
		const { token } = await client.requestConfirmation( {
			post: post.id,
			changes,
		} );
		const proposal = await propose( client, {
			post: post.id,
			changes,
			confirm_token: token,
			rationale: 'Next year’s hours.',
		} );
		expect( proposal.risk ).toBe( 4 );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		await sidebar
			.getByRole( 'button', { name: 'Edit, then approve' } )
			.click();
		const approveWithEdits = sidebar.getByRole( 'button', {
			name: 'Approve with my edits',
		} );
		await approveWithEdits.click();
		const confirm = page.getByRole( 'dialog' );
		await expect( confirm ).toContainText( 'Approve a high-risk change?' );
		await expect( confirm ).toContainText(
			'“Opening hours” by Slug e2e: Slug, Title'
		);
		await confirm.getByRole( 'button', { name: 'Cancel' } ).click();
		// Nothing applied, and the session is still open.
		await expect( confirm ).toBeHidden();
		await expect( approveWithEdits ).toBeVisible();
		expect(
			(
				await requestUtils.rest< { status: string } >( {
					path: `/countersign/v1/proposals/${ proposal.id }`,
				} )
			).status
		).toBe( 'pending' );

		await approveWithEdits.click();
		await page
			.getByRole( 'dialog' )
			.getByRole( 'button', { name: 'Approve and apply' } )
			.click();
		await expect(
			page.getByText( 'Proposal approved with your edits.' ).first()
		).toBeVisible();
		const applied = await requestUtils.rest< { slug: string } >( {
			path: `/wp/v2/posts/${ post.id }`,
		} );
		expect( applied.slug ).toBe( 'hours-2027' );
	} );

	test( 'reject asks for a reason and records it', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Docs bot e2e',
			role: 'editor',
			preset: 'draft_only',
		} );
		const post = await createPost( requestUtils, {
			title: 'Changelog',
			content:
				'<!-- wp:paragraph -->\n<p>1.0</p>\n<!-- /wp:paragraph -->',
			status: 'draft',
		} );
		await propose( agentClient( agent ), {
			post: post.id,
			changes: { excerpt: 'All changes, newest first.' },
			rationale: 'Adds an excerpt.',
		} );

		await admin.editPost( post.id );
		const sidebar = await openProposalsSidebar( page );
		await sidebar.getByRole( 'button', { name: 'Reject' } ).click();
		const dialog = page.getByRole( 'dialog', { name: 'Reject proposal' } );
		await dialog
			.getByRole( 'textbox', { name: 'Reason' } )
			.fill( 'Not needed for drafts.' );
		await expect(
			dialog.getByRole( 'button', { name: /^(Cancel|Reject)$/ } )
		).toHaveText( [ 'Cancel', 'Reject' ] );
		await page.screenshot( {
			path: 'artifacts/screenshots/editor-reject.png',
			// The dialog fades in; take it as it ends up.
			animations: 'disabled',
		} );
		await dialog.getByRole( 'button', { name: 'Reject' } ).click();

		await expect(
			sidebar.getByText(
				'No proposals are waiting for review on this post.'
			)
		).toBeVisible();
		await sidebar.getByRole( 'button', { name: 'History (1)' } ).click();
		await expect( sidebar.getByText( /Rejected by/ ) ).toBeVisible();
		const proposals = await requestUtils.rest<
			Array< { status: string; decision: { reason: string } } >
		>( {
			path: '/countersign/v1/proposals',
			params: { post: post.id },
		} );
		expect( proposals[ 0 ]?.status ).toBe( 'rejected' );
		expect( proposals[ 0 ]?.decision.reason ).toBe(
			'Not needed for drafts.'
		);
	} );
} );
