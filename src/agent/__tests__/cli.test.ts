/**
 * Internal dependencies
 */
import { AgentClientError, type AgentClient } from '../../api/agent-client';
import type { NewProposal, Proposal } from '../../api/types';
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
			propose: jest.fn( async ( p: NewProposal ) => {
				sent.push( p );
				return proposal;
			} ),
			listProposals: jest.fn(),
			getProposal: jest.fn(),
			withdraw: jest.fn(),
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
} );
