/**
 * WordPress dependencies
 */
import { test, expect } from '@wordpress/e2e-test-utils-playwright';

/**
 * Internal dependencies
 */
import { AgentClientError } from '../../../src/api/agent-client';
import { agentClient, createAgent, propose, createPost } from '../utils';
import { openProposalsSidebar } from './review-helpers';

/** One core block as the editor would save it. */
interface SavedBlock {
	name: string;
	markup: string;
}

/*
 * Level 5 means kses would remove something that changes what the post does, never that kses writes the editor's
 * markup another way (`<img … />`). Proved against the block library the running editor registers: every core block,
 * built from its `example` (attributes and inner blocks) where it has one and its defaults otherwise, serialised by
 * the editor itself, is proposed by an Editor-role agent and must not be level 5.
 */
test.describe( 'Core blocks and level 5', () => {
	test( 'every core block the editor saves is an ordinary proposal; script and handlers are still level 5, and the card says why', async ( {
		admin,
		page,
		requestUtils,
	} ) => {
		const agent = await createAgent( requestUtils, {
			label: 'Block checker',
			role: 'editor',
			preset: 'content_manager',
			rate_limit: 1000,
			daily_proposal_budget: 1000,
		} );
		const client = agentClient( agent );
		// One proposal and one withdrawal per core block: more requests a minute than the site's per-IP default. The
		// per-IP limit is off meanwhile (0: not counted), so the tests after this one start with an unspent window.
		const { ip_rate_limit: ipRateLimit } = await requestUtils.rest< {
			ip_rate_limit: number;
		} >( { path: '/countersign/v1/settings' } );
		await requestUtils.rest( {
			method: 'PUT',
			path: '/countersign/v1/settings',
			data: { ip_rate_limit: 0 },
		} );
		const post = await createPost( requestUtils, {
			title: 'Every block',
			content:
				'<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->',
			status: 'draft',
		} );

		await admin.createNewPost();
		const blocks = await page.evaluate( (): SavedBlock[] => {
			// The editor page's globals; typed here only as far as this test reads them.
			const { blocks: wpBlocks } = (
				window as unknown as {
					wp: {
						blocks: {
							getBlockTypes: () => Array< {
								name: string;
								example?: object;
							} >;
							getBlockFromExample: (
								name: string,
								example: object
							) => unknown;
							createBlock: ( name: string ) => unknown;
							serialize: ( block: unknown ) => string;
						};
					};
				}
			 ).wp;
			return wpBlocks
				.getBlockTypes()
				.filter( ( type ) => type.name.startsWith( 'core/' ) )
				.map( ( type ) => ( {
					name: type.name,
					markup: wpBlocks.serialize(
						type.example
							? wpBlocks.getBlockFromExample(
									type.name,
									type.example
								)
							: wpBlocks.createBlock( type.name )
					),
				} ) );
		} );
		// The editor registers the whole library (over a hundred core blocks in WordPress 7.1).
		expect( blocks.length ).toBeGreaterThan( 90 );
		expect( blocks.map( ( b ) => b.name ) ).toEqual(
			expect.arrayContaining( [
				'core/image',
				'core/gallery',
				'core/cover',
				'core/video',
				'core/audio',
				'core/file',
				'core/table',
				'core/buttons',
				'core/media-text',
				'core/embed',
			] )
		);

		const levelFive: string[] = [];
		try {
			for ( const block of blocks ) {
				if ( block.markup.trim() === '' ) {
					continue;
				}
				try {
					const proposal = await propose( client, {
						post: post.id,
						changes: { content: block.markup },
						rationale: `Core block ${ block.name }.`,
					} );
					if ( proposal.risk === 5 ) {
						levelFive.push( block.name );
					}
					await client.withdraw( proposal.id );
				} catch ( error ) {
					levelFive.push(
						`${ block.name }: ${
							error instanceof AgentClientError
								? `${ error.code } ${ error.message }`
								: String( error )
						}`
					);
				}
			}
		} finally {
			await requestUtils.rest( {
				method: 'PUT',
				path: '/countersign/v1/settings',
				data: { ip_rate_limit: ipRateLimit },
			} );
		}
		expect( levelFive ).toEqual( [] );

		// The dangerous cases are still level 5, refused while it is off, naming the field.
		for ( const [ field, markup ] of [
			[
				'content',
				'<!-- wp:html --><script>alert(1)</script><!-- /wp:html -->',
			],
			[ 'content', '<p><img src="x" onerror="alert(1)"/></p>' ],
			[ 'title', '<a href="javascript:alert(1)">Title</a>' ],
		] as const ) {
			const refusal = await propose( client, {
				post: post.id,
				changes: { [ field ]: markup },
				rationale: 'Dangerous.',
			} ).catch( ( error: unknown ) => error );
			expect( refusal ).toBeInstanceOf( AgentClientError );
			expect( ( refusal as AgentClientError ).code ).toBe(
				'countersign_risk_disabled'
			);
			expect( ( refusal as AgentClientError ).field ).toBe(
				`changes.${ field }`
			);
		}

		// With level 5 on, the card tells the reviewer why.
		const pictured = await createPost( requestUtils, {
			title: 'A picture',
			content:
				'<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->',
			status: 'draft',
		} );
		await requestUtils.rest( {
			method: 'PUT',
			path: '/countersign/v1/settings',
			data: { level5_enabled: true },
		} );
		try {
			const changes = {
				content:
					'<!-- wp:paragraph -->\n<p>Before, with a picture <img src="https://example.com/a.png" onerror="alert(1)"/>.</p>\n<!-- /wp:paragraph -->',
			};
			const intent = await client.requestConfirmation( {
				post: pictured.id,
				changes,
			} );
			const risky = await propose( client, {
				post: pictured.id,
				changes,
				rationale: 'Adds a picture.',
				confirm_token: intent.token,
			} );
			expect( risky.risk ).toBe( 5 );

			await admin.editPost( pictured.id );
			const card = ( await openProposalsSidebar( page ) )
				.getByRole( 'article' )
				.filter( { hasText: 'Adds a picture.' } );
			await expect( card.getByText( 'Risk 5 · Extreme' ) ).toBeVisible();
			const note = card.getByRole( 'note' );
			await expect( note ).toContainText(
				'Risk 5: WordPress would strip code the agent may not post:'
			);
			await expect( note ).toContainText(
				'Content: the onerror attribute on <img>'
			);
			await card.screenshot( {
				path: 'artifacts/screenshots/level-five-card.png',
			} );
		} finally {
			await requestUtils.rest( {
				method: 'PUT',
				path: '/countersign/v1/settings',
				data: { level5_enabled: false },
			} );
		}
	} );
} );
