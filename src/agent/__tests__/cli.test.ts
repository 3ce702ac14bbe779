/**
 * Internal dependencies
 */
import { AgentClientError, type AgentClient } from '../../api/agent-client';
import type {
	AgentProfile,
	NewProposal,
	OperationVerdict,
	Proposal,
} from '../../api/types';
import { parseArgs, run, UsageError } from '../cli';

const env = {
	COUNTERSIGN_URL: 'http://site.test',
	COUNTERSIGN_USER: 'claude',
	COUNTERSIGN_APP_PASSWORD: 'abcd efgh',
};

describe( 'parseArgs', () => {
	it( 'reads propose with its flags and the environment', () => {
		expect(
			parseArgs(
				[
					'propose',
					'--post',
					'12',
					'--file=draft.md',
					'--title',
					'New title',
					'--rationale',
					'Clearer',
				],
				env
			)
		).toEqual( {
			command: {
				name: 'propose',
				post: 12,
				file: 'draft.md',
				title: 'New title',
				rationale: 'Clearer',
				json: false,
			},
			credentials: {
				url: 'http://site.test',
				user: 'claude',
				password: 'abcd efgh',
			},
		} );
	} );

	it( 'lets flags win over the environment', () => {
		expect(
			parseArgs(
				[ 'me', '--user', 'gpt', '--url', 'http://b.test' ],
				env
			).credentials
		).toEqual( {
			url: 'http://b.test',
			user: 'gpt',
			password: 'abcd efgh',
		} );
	} );

	it( 'reads me with a post type', () => {
		expect(
			parseArgs( [ 'me', '--post-type', 'page', '--json' ], env ).command
		).toEqual( { name: 'me', json: true, postType: 'page' } );
	} );

	it( 'reads list filters and show ids', () => {
		expect(
			parseArgs( [ 'list', '--status', 'pending', '--json' ], env )
				.command
		).toEqual( { name: 'list', status: 'pending', json: true } );
		expect( parseArgs( [ 'show', '42' ], env ).command ).toEqual( {
			name: 'show',
			id: 42,
			json: false,
		} );
	} );

	it( 'needs no connection for help', () => {
		expect( parseArgs( [], {} ) ).toEqual( {
			command: { name: 'help' },
			credentials: null,
		} );
	} );

	it.each( [
		[ 'an unknown command', [ 'publish' ], /Unknown command "publish"/ ],
		[ 'an unknown flag', [ 'me', '--force' ], /Unknown option --force/ ],
		[ 'a missing value', [ 'list', '--status' ], /--status needs a value/ ],
		[ 'a bad status', [ 'list', '--status', 'done' ], /--status must be/ ],
		[ 'a bad id', [ 'show', 'abc' ], /must be a number/ ],
		[ 'propose without --post', [ 'propose', '--file', 'a.md' ], /--post/ ],
		[
			'propose without --file or --title',
			[ 'propose', '--post', '1' ],
			/--file draft.md\|.html, --title, or both/,
		],
	] )( 'refuses %s', ( _label, argv, message ) => {
		expect( () => parseArgs( argv, env ) ).toThrow( UsageError );
		expect( () => parseArgs( argv, env ) ).toThrow( message );
	} );

	it( 'names every missing connection setting', () => {
		expect( () =>
			parseArgs( [ 'me' ], { COUNTERSIGN_USER: 'claude' } )
		).toThrow(
			'Missing --url or COUNTERSIGN_URL, --password or COUNTERSIGN_APP_PASSWORD.'
		);
	} );
} );

describe( 'run', () => {
	const proposal = {
		id: 7,
		status: 'pending',
		risk: 3,
		edit_link: 'http://site.test/wp-admin/post.php?post=12&action=edit',
	} as Proposal;

	function fakeClient( overrides: Partial< AgentClient > = {} ) {
		const sent: NewProposal[] = [];
		const client: AgentClient = {
			me: jest.fn(),
			requestConfirmation: jest.fn(),
			propose: jest.fn( async ( p: NewProposal ) => {
				sent.push( p );
				return proposal;
			} ),
			listProposals: jest.fn(),
			getProposal: jest.fn(),
			withdraw: jest.fn(),
			upload: jest.fn( async ( name: string, bytes: Uint8Array ) => ( {
				ref: 'cs-upload-0123456789abcdef0123456789abcdef',
				name,
				type: 'image/png',
				size: bytes.length,
				width: 4,
				height: 3,
				proposal_id: 0,
				created: '2026-01-01T00:00:00',
				preview: 'http://site.test/wp-json/countersign/v1/media/x/file',
			} ) ),
			...overrides,
		};
		return { client, sent };
	}

	function io( files: Record< string, string > = {} ) {
		const out: string[] = [];
		const err: string[] = [];
		return {
			out,
			err,
			io: {
				out: ( t: string ) => out.push( t ),
				err: ( t: string ) => err.push( t ),
				readFile: async ( path: string ) => {
					const text = files[ path ];
					if ( text === undefined ) {
						throw new Error( 'ENOENT' );
					}
					return text;
				},
				readBytes: async ( path: string ) => {
					const text = files[ path ];
					if ( text === undefined ) {
						throw new Error( 'ENOENT' );
					}
					return new TextEncoder().encode( text );
				},
			},
		};
	}

	it( 'proposes the converted draft', async () => {
		const { client, sent } = fakeClient();
		const streams = io( { 'draft.md': '## Hi\n\ntext' } );
		const status = await run(
			[ 'propose', '--post', '12', '--file', 'draft.md', '--title', 'T' ],
			env,
			streams.io,
			() => client
		);
		expect( status ).toBe( 0 );
		expect( sent ).toEqual( [
			{
				post: 12,
				changes: {
					content:
						'<!-- wp:heading -->\n<h2 class="wp-block-heading">Hi</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>text</p>\n<!-- /wp:paragraph -->',
					title: 'T',
				},
				source: { tool: 'countersign-agent' },
			},
		] );
		expect( streams.out[ 0 ] ).toContain(
			'Proposed #7: pending (risk 3).'
		);
	} );

	it( "shows the server's error code, status and field", async () => {
		const { client } = fakeClient( {
			propose: async () => {
				throw new AgentClientError(
					{
						code: 'countersign_invalid_target',
						message: 'No such post.',
						data: { status: 404, field: 'post' },
					},
					404
				);
			},
		} );
		const streams = io( { 'a.html': '<p>x</p>' } );
		const status = await run(
			[ 'propose', '--post', '999', '--file', 'a.html' ],
			env,
			streams.io,
			() => client
		);
		expect( status ).toBe( 1 );
		expect( streams.err ).toEqual( [
			'countersign-agent: countersign_invalid_target (HTTP 404, field post): No such post.',
		] );
	} );

	it( 'proposes a title alone', async () => {
		const { client, sent } = fakeClient();
		const status = await run(
			[
				'propose',
				'--post',
				'3',
				'--title',
				'Hello',
				'--rationale',
				'R',
			],
			env,
			io().io,
			() => client
		);
		expect( status ).toBe( 0 );
		expect( sent[ 0 ] ).toEqual( {
			post: 3,
			changes: { title: 'Hello' },
			source: { tool: 'countersign-agent' },
			rationale: 'R',
		} );
	} );

	it( 'clones a post into a new draft, the title over the copy', async () => {
		const { client, sent } = fakeClient();
		const streams = io();
		const status = await run(
			[ 'clone', '12', '--title', 'Copy', '--rationale', 'For autumn' ],
			env,
			streams.io,
			() => client
		);
		expect( status ).toBe( 0 );
		expect( sent[ 0 ] ).toEqual( {
			post: 0,
			clone_from: 12,
			changes: { title: 'Copy' },
			source: { tool: 'countersign-agent' },
			rationale: 'For autumn',
		} );
		expect( await run( [ 'clone', 'x' ], env, io().io ) ).toBe( 2 );
	} );

	it( 'proposes site settings, numbers as numbers', async () => {
		const { client, sent } = fakeClient();
		const status = await run(
			[
				'settings',
				'title=Garden club',
				'posts_per_page=5',
				'--rationale',
				'Rebrand',
			],
			env,
			io().io,
			() => client
		);
		expect( status ).toBe( 0 );
		expect( sent[ 0 ] ).toEqual( {
			post: 0,
			changes: {
				site_settings: { title: 'Garden club', posts_per_page: 5 },
			},
			source: { tool: 'countersign-agent' },
			rationale: 'Rebrand',
		} );
		expect( await run( [ 'settings', 'oops' ], env, io().io ) ).toBe( 2 );
	} );

	it( 'uploads a file and proposes it as the featured image', async () => {
		const { client, sent } = fakeClient();
		const streams = io( { 'tulips.png': 'PNGDATA' } );
		const status = await run(
			[
				'upload',
				'tulips.png',
				'--post',
				'12',
				'--alt',
				'Tulips by the gate.',
				'--featured',
				'--rationale',
				'R',
			],
			env,
			streams.io,
			() => client
		);
		expect( status ).toBe( 0 );
		expect( client.upload ).toHaveBeenCalledWith(
			'tulips.png',
			new TextEncoder().encode( 'PNGDATA' )
		);
		expect( sent[ 0 ] ).toEqual( {
			post: 12,
			changes: {
				media: [
					{
						ref: 'cs-upload-0123456789abcdef0123456789abcdef',
						alt: 'Tulips by the gate.',
					},
				],
				featured_media: 'cs-upload-0123456789abcdef0123456789abcdef',
			},
			source: { tool: 'countersign-agent' },
			rationale: 'R',
		} );
		expect( streams.out[ 0 ] ).toContain( 'as cs-upload-0123456789abcdef' );
	} );

	it( 'refuses --featured without a post', async () => {
		const streams = io();
		expect(
			await run(
				[ 'upload', 'a.png', '--post', '0', '--featured' ],
				env,
				streams.io
			)
		).toBe( 2 );
		expect( streams.err[ 0 ] ).toContain( '--featured needs a --post' );
	} );

	it( 'exits 2 with the usage on a bad command line', async () => {
		const streams = io();
		expect( await run( [ 'nope' ], env, streams.io ) ).toBe( 2 );
		expect( streams.err[ 0 ] ).toContain( 'Usage: countersign-agent' );
	} );

	it( 'exits 2 when the draft cannot be read', async () => {
		const { client } = fakeClient();
		const streams = io();
		expect(
			await run(
				[ 'propose', '--post', '1', '--file', 'missing.md' ],
				env,
				streams.io,
				() => client
			)
		).toBe( 2 );
		expect( client.propose ).not.toHaveBeenCalled();
	} );
	it( 'prints each operation by target, the rate limits and the budgets', async () => {
		const verdict = (
			over: Partial< OperationVerdict > = {}
		): OperationVerdict => ( {
			groups: [ 'create_edit' ],
			risk: 2,
			risk_label: 'low',
			allowed: true,
			scope: 'any',
			why_not: null,
			rule: null,
			needs_token: false,
			needs_approval: false,
			...over,
		} );
		const window = {
			limit: 60,
			used: 3,
			remaining: 57,
			reset: 41,
			resets_at: '2030-01-01T00:01:00',
		};
		const me = {
			id: 7,
			user_login: 'agent-claude',
			label: 'Claude',
			role: 'author',
			preset: 'content_manager',
			autonomy: 'autonomous',
			status: 'active',
			post_type: 'post',
			operations: {
				title: {
					fields: [ 'title' ],
					example: { title: 'A better title' },
					allowed: true,
					targets: {
						draft: verdict( { scope: 'own' } ),
						published: verdict( { risk: 3, needs_approval: true } ),
					},
				},
				trash: {
					fields: [ 'status' ],
					example: { status: 'trash' },
					allowed: false,
					targets: {
						draft: verdict( {
							risk: 4,
							allowed: false,
							scope: null,
							why_not: 'countersign_forbidden_group',
							rule: 'group:trash_restore',
							needs_token: true,
						} ),
					},
				},
			},
			rate_limit_state: {
				window: 60,
				agent: window,
				ip: { ...window, limit: 0, remaining: null },
			},
			budget: {
				daily_proposals: 100,
				used_today: 1,
				remaining_today: 99,
				resets_at: '2030-01-02T00:00:00',
				monthly_proposals: 0,
				used_this_month: 1,
				remaining_this_month: null,
				monthly_tokens: 1000,
				tokens_this_month: 120,
				tokens_remaining: 880,
				month_resets_at: '2030-02-01T00:00:00',
				exhausted: null,
			},
			kill_switch: false,
		} as unknown as AgentProfile;
		const { client } = fakeClient( {
			me: jest.fn( async () => me ),
		} );
		const streams = io();

		const status = await run(
			[ 'me', '--post-type', 'post' ],
			env,
			streams.io,
			() => client
		);

		expect( status ).toBe( 0 );
		expect( client.me ).toHaveBeenCalledWith( 'post' );
		expect( streams.out[ 0 ] ).toBe(
			[
				'Claude (user agent-claude, id 7)',
				'Role author, preset content_manager, autonomous, active',
				'May propose: title',
				'Operations on a post (by target):',
				'  title  draft: risk 2, applied at once, your own posts only | published: risk 3, approval',
				'  trash  draft: no (countersign_forbidden_group, group:trash_restore)',
				'Budget: 99 of 100 proposals left today; this month no limit; tokens this month 880 of 1000 left',
				'Rate limit: 57 of 60 left this minute, your IP no limit; resets in 41 s',
			].join( '\n' )
		);
	} );
} );
