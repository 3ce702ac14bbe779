/**
 * countersign-agent: the command an agent (or a person acting for one) runs
 * to propose a change, list its proposals, and see one's state.
 */

/**
 * External dependencies
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/**
 * Internal dependencies
 */
import {
	AgentClientError,
	createAgentClient,
	type AgentClient,
	type AgentCredentials,
} from '../api/agent-client';
import type {
	AgentProfile,
	NewProposal,
	OperationVerdict,
	Proposal,
	ProposalDetail,
	ProposalStatus,
} from '../api/types';
import { draftToContent } from './markdown';

export const USAGE = `Usage: countersign-agent <command> [options]

Commands:
  propose --post ID [--file draft.md|draft.html] [--title T] --rationale R
                        Propose new content and/or a new title for a post (Markdown
                        becomes blocks); --post 0 proposes a new post.
  clone ID [--file F] [--title T] --rationale R
                        Propose a new draft copied from post ID (content, terms,
                        featured image, meta), with your file and title over it.
  settings NAME=VALUE... --rationale R
                        Propose site settings (title, description, posts_per_page…:
                        GET /me lists them); an administrator approves.
  upload FILE --post ID [--title T] [--alt A] [--caption C] [--featured]
         --rationale R
                        Upload an image or file and propose adding it to the media
                        library: onto post ID (--featured makes it the featured
                        image), or --post 0 for the library alone. The file stays
                        private until a reviewer approves.
  list [--status S] [--post ID] [--json]
                        Your proposals, newest first.
  show ID [--json]      One proposal: its state, risk, decision.
  me [--post-type T] [--json]
                        Who you are on the site, what you may do (each operation
                        with its risk, and whether it needs a token and an
                        approval), and where your rate limit and budgets stand.

Connection (flags win over the environment):
  --url URL             COUNTERSIGN_URL, the site's address
  --user LOGIN          COUNTERSIGN_USER, the agent's user login
  --password PASS       COUNTERSIGN_APP_PASSWORD, an Application Password
`;

const STATUSES: readonly ProposalStatus[] = [
	'pending',
	'applied',
	'rejected',
	'withdrawn',
	'conflict',
	'failed',
	'expired',
	'reverted',
];

export type Command =
	| {
			name: 'propose';
			post: number;
			/** Site settings instead of a post's fields. */
			settings?: Record< string, unknown >;
			/** A clone: the post to copy into a new draft. */
			cloneFrom?: number;
			file?: string;
			title?: string;
			rationale?: string;
			json: boolean;
	  }
	| {
			name: 'list';
			status?: ProposalStatus;
			post?: number;
			json: boolean;
	  }
	| {
			name: 'upload';
			file: string;
			post: number;
			title?: string;
			alt?: string;
			caption?: string;
			featured: boolean;
			rationale?: string;
			json: boolean;
	  }
	| { name: 'show'; id: number; json: boolean }
	| { name: 'me'; json: boolean; postType?: string }
	| { name: 'help' };

export interface Invocation {
	command: Command;
	/** Null for help, which needs no connection. */
	credentials: AgentCredentials | null;
}

/** A mistake in the command line: shown with the usage, exit status 2. */
export class UsageError extends Error {
	constructor( message: string ) {
		super( message );
		this.name = 'UsageError';
	}
}

const VALUE_FLAGS = new Set( [
	'url',
	'user',
	'password',
	'post',
	'file',
	'title',
	'rationale',
	'status',
	'post-type',
	'alt',
	'caption',
] );
const BOOLEAN_FLAGS = new Set( [ 'json', 'help', 'featured' ] );

/**
 * A non-negative integer from a flag or argument.
 *
 * @param value The text.
 * @param what  What it is, for the error.
 */
function toId( value: string | undefined, what: string ): number {
	if ( value === undefined || ! /^\d+$/.test( value ) ) {
		throw new UsageError(
			`${ what } must be a number, got "${ value ?? '' }".`
		);
	}
	return Number.parseInt( value, 10 );
}

/**
 * Reads the command line and the environment.
 *
 * @param argv Arguments after the program name.
 * @param env  Environment variables.
 */
export function parseArgs(
	argv: readonly string[],
	env: Readonly< Record< string, string | undefined > >
): Invocation {
	const flags = new Map< string, string >();
	const bools = new Set< string >();
	const positional: string[] = [];
	for ( let i = 0; i < argv.length; i++ ) {
		const arg = argv[ i ] as string;
		if ( ! arg.startsWith( '--' ) ) {
			positional.push( arg );
			continue;
		}
		const eq = arg.indexOf( '=' );
		const name = eq === -1 ? arg.slice( 2 ) : arg.slice( 2, eq );
		if ( BOOLEAN_FLAGS.has( name ) && eq === -1 ) {
			bools.add( name );
		} else if ( VALUE_FLAGS.has( name ) ) {
			const value = eq === -1 ? argv[ ++i ] : arg.slice( eq + 1 );
			if ( value === undefined ) {
				throw new UsageError( `--${ name } needs a value.` );
			}
			flags.set( name, value );
		} else {
			throw new UsageError( `Unknown option --${ name }.` );
		}
	}

	const [ name, ...rest ] = positional;
	if ( bools.has( 'help' ) || name === undefined || name === 'help' ) {
		return { command: { name: 'help' }, credentials: null };
	}
	const json = bools.has( 'json' );
	let command: Command;
	switch ( name ) {
		case 'propose': {
			const file = flags.get( 'file' );
			if ( ! flags.has( 'post' ) ) {
				throw new UsageError(
					'propose needs --post ID (0 for a new post).'
				);
			}
			const title = flags.get( 'title' );
			if ( file === undefined && title === undefined ) {
				throw new UsageError(
					'propose needs --file draft.md|.html, --title, or both.'
				);
			}
			const rationale = flags.get( 'rationale' );
			command = {
				name,
				post: toId( flags.get( 'post' ), '--post' ),
				json,
				...( file === undefined ? {} : { file } ),
				...( title === undefined ? {} : { title } ),
				...( rationale === undefined ? {} : { rationale } ),
			};
			break;
		}
		case 'clone': {
			const file = flags.get( 'file' );
			const title = flags.get( 'title' );
			const rationale = flags.get( 'rationale' );
			command = {
				name: 'propose',
				post: 0,
				cloneFrom: toId( rest[ 0 ], 'The post to clone' ),
				json,
				...( file === undefined ? {} : { file } ),
				...( title === undefined ? {} : { title } ),
				...( rationale === undefined ? {} : { rationale } ),
			};
			break;
		}
		case 'settings': {
			if ( rest.length === 0 ) {
				throw new UsageError(
					'settings needs at least one NAME=VALUE.'
				);
			}
			const settings: Record< string, unknown > = {};
			for ( const pair of rest ) {
				const eq = pair.indexOf( '=' );
				if ( eq < 1 ) {
					throw new UsageError( `"${ pair }" is not NAME=VALUE.` );
				}
				const text = pair.slice( eq + 1 );
				// Numbers and booleans as such (posts_per_page=5, use_smilies=false); everything else is text.
				settings[ pair.slice( 0, eq ) ] = /^(-?\d+|true|false)$/.test(
					text
				)
					? JSON.parse( text )
					: text;
			}
			const rationale = flags.get( 'rationale' );
			command = {
				name: 'propose',
				post: 0,
				settings,
				json,
				...( rationale === undefined ? {} : { rationale } ),
			};
			break;
		}
		case 'upload': {
			const file = rest[ 0 ];
			if ( file === undefined || ! flags.has( 'post' ) ) {
				throw new UsageError(
					'upload needs a FILE and --post ID (0 for the library alone).'
				);
			}
			const post = toId( flags.get( 'post' ), '--post' );
			if ( bools.has( 'featured' ) && post === 0 ) {
				throw new UsageError(
					'--featured needs a --post to feature it on.'
				);
			}
			const texts = Object.fromEntries(
				( [ 'title', 'alt', 'caption', 'rationale' ] as const ).flatMap(
					( key ) => {
						const value = flags.get( key );
						return value === undefined ? [] : [ [ key, value ] ];
					}
				)
			) as Pick<
				Extract< Command, { name: 'upload' } >,
				'title' | 'alt' | 'caption' | 'rationale'
			>;
			command = {
				name,
				file,
				post,
				featured: bools.has( 'featured' ),
				json,
				...texts,
			};
			break;
		}
		case 'list': {
			const status = flags.get( 'status' );
			if (
				status !== undefined &&
				! ( STATUSES as readonly string[] ).includes( status )
			) {
				throw new UsageError(
					`--status must be one of ${ STATUSES.join( ', ' ) }.`
				);
			}
			command = {
				name,
				json,
				...( status === undefined
					? {}
					: { status: status as ProposalStatus } ),
				...( flags.has( 'post' )
					? { post: toId( flags.get( 'post' ), '--post' ) }
					: {} ),
			};
			break;
		}
		case 'show':
			command = { name, id: toId( rest[ 0 ], 'The proposal id' ), json };
			break;
		case 'me': {
			const postType = flags.get( 'post-type' );
			command = {
				name,
				json,
				...( postType === undefined ? {} : { postType } ),
			};
			break;
		}
		default:
			throw new UsageError( `Unknown command "${ name }".` );
	}

	const url = flags.get( 'url' ) ?? env.COUNTERSIGN_URL;
	const user = flags.get( 'user' ) ?? env.COUNTERSIGN_USER;
	const password = flags.get( 'password' ) ?? env.COUNTERSIGN_APP_PASSWORD;
	const missing = [
		url ? null : '--url or COUNTERSIGN_URL',
		user ? null : '--user or COUNTERSIGN_USER',
		password ? null : '--password or COUNTERSIGN_APP_PASSWORD',
	].filter( ( m ): m is string => m !== null );
	if ( missing.length > 0 || ! url || ! user || ! password ) {
		throw new UsageError( `Missing ${ missing.join( ', ' ) }.` );
	}
	return { command, credentials: { url, user, password } };
}

/**
 * One kind of target's verdict in a few words: `draft: risk 2, applied at once`.
 *
 * @param target  The kind of target.
 * @param verdict The server's verdict.
 */
function verdictText( target: string, verdict: OperationVerdict ): string {
	if ( ! verdict.allowed ) {
		return `${ target }: no (${ verdict.why_not ?? 'refused' }${
			verdict.rule ? `, ${ verdict.rule }` : ''
		})`;
	}
	return [
		`${ target }: risk ${ verdict.risk }`,
		verdict.needs_token ? 'token' : null,
		verdict.needs_approval ? 'approval' : 'applied at once',
		verdict.scope === 'own' ? 'your own posts only' : null,
		verdict.scope === 'others' ? "others' posts only" : null,
	]
		.filter( Boolean )
		.join( ', ' );
}

/**
 * A remaining count with its limit, or "no limit".
 *
 * @param remaining What is left (null: unlimited).
 * @param limit     The limit (0: unlimited).
 */
function left( remaining: number | null, limit: number ): string {
	return remaining === null || limit === 0
		? 'no limit'
		: `${ remaining } of ${ limit } left`;
}

/**
 * `me` for people: identity, each operation by target, rate limits and budgets.
 *
 * @param me GET /me.
 */
export function profileText( me: AgentProfile ): string {
	const operations = Object.entries( me.operations );
	const allowed = operations
		.filter( ( [ , op ] ) => op.allowed )
		.map( ( [ name ] ) => name );
	const width = Math.max( ...operations.map( ( [ name ] ) => name.length ) );
	const { agent, ip } = me.rate_limit_state;
	const { budget } = me;
	return [
		`${ me.label } (user ${ me.user_login }, id ${ me.id })`,
		`Role ${ me.role }, preset ${ me.preset }, ${ me.autonomy }, ${ me.status }`,
		`May propose: ${ allowed.join( ', ' ) || 'nothing' }`,
		`Operations on a ${ me.post_type } (by target):`,
		...operations.map(
			( [ name, op ] ) =>
				`  ${ name.padEnd( width ) }  ${ Object.entries( op.targets )
					.map( ( [ target, verdict ] ) =>
						verdictText( target, verdict )
					)
					.join( ' | ' ) }`
		),
		`Budget: ${ budget.remaining_today } of ${ budget.daily_proposals } proposals left today; this month ${ left(
			budget.remaining_this_month,
			budget.monthly_proposals
		) }; tokens this month ${ left(
			budget.tokens_remaining,
			budget.monthly_tokens
		) }` + ( budget.exhausted ? ` (spent: ${ budget.exhausted })` : '' ),
		`Rate limit: ${ left( agent.remaining, agent.limit ) } this minute, your IP ${ left(
			ip.remaining,
			ip.limit
		) }; resets in ${ agent.reset } s`,
		me.kill_switch ? 'Kill switch: ON (nothing is applied)' : '',
	]
		.filter( Boolean )
		.join( '\n' );
}

/**
 * One line per proposal.
 *
 * @param p Proposal.
 */
function summary( p: Proposal ): string {
	const target = p.post > 0 ? `post ${ p.post }` : `new ${ p.post_type }`;
	return `#${ p.id }  ${ p.status.padEnd( 9 ) }  risk ${
		p.risk
	}  ${ target }  ${ p.post_title || '(no title)' }  ${ p.created }`;
}

/**
 * A proposal in full, for `show`.
 *
 * @param p Proposal.
 */
function details( p: ProposalDetail ): string {
	const lines = [
		`Proposal #${ p.id }: ${ p.status } (risk ${ p.risk })`,
		`Target:    ${ p.post > 0 ? `post ${ p.post }` : 'a new post' } ${
			p.post_title ? `"${ p.post_title }"` : ''
		}`.trimEnd(),
		`Agent:     ${ p.agent.label }`,
		`Created:   ${ p.created } UTC`,
		`Fields:    ${ Object.keys( p.changes ).join( ', ' ) }`,
	];
	if ( p.rationale ) {
		lines.push( `Rationale: ${ p.rationale }` );
	}
	if ( p.decision ) {
		lines.push(
			`Decision:  ${ p.decision.action } by ${ p.decision.user_name } at ${
				p.decision.time
			}${ p.decision.reason ? `: ${ p.decision.reason }` : '' }`
		);
	}
	if ( p.edit_link ) {
		lines.push( `Review:    ${ p.edit_link }` );
	}
	return lines.join( '\n' );
}

export interface Io {
	out: ( text: string ) => void;
	err: ( text: string ) => void;
	readFile: ( path: string ) => Promise< string >;
	/** A file's bytes (uploads). */
	readBytes: ( path: string ) => Promise< Uint8Array >;
}

/**
 * Runs one command; resolves to the exit status.
 *
 * @param argv   Arguments after the program name.
 * @param env    Environment variables.
 * @param io     Output and file access.
 * @param client Makes the client from the credentials (tests pass a fake).
 */
export async function run(
	argv: readonly string[],
	env: Readonly< Record< string, string | undefined > >,
	io: Io,
	client: ( c: AgentCredentials ) => AgentClient = createAgentClient
): Promise< number > {
	let invocation: Invocation;
	try {
		invocation = parseArgs( argv, env );
	} catch ( error ) {
		if ( error instanceof UsageError ) {
			io.err( `countersign-agent: ${ error.message }\n\n${ USAGE }` );
			return 2;
		}
		throw error;
	}
	const { command, credentials } = invocation;
	if ( command.name === 'help' || credentials === null ) {
		io.out( USAGE );
		return 0;
	}
	const print = ( json: boolean, value: unknown, text: string ) =>
		io.out( json ? JSON.stringify( value, null, 2 ) : text );
	try {
		const api = client( credentials );
		switch ( command.name ) {
			case 'propose': {
				let content: string | undefined;
				if ( command.file !== undefined ) {
					let source: string;
					try {
						source = await io.readFile( command.file );
					} catch ( error ) {
						io.err(
							`countersign-agent: cannot read ${ command.file }: ${
								error instanceof Error ? error.message : ''
							}`
						);
						return 2;
					}
					content = draftToContent(
						basename( command.file ),
						source
					);
				}
				const proposal: NewProposal = {
					post: command.post,
					...( command.cloneFrom === undefined
						? {}
						: { clone_from: command.cloneFrom } ),
					changes: {
						...( command.settings === undefined
							? {}
							: { site_settings: command.settings } ),
						...( content === undefined ? {} : { content } ),
						...( command.title === undefined
							? {}
							: { title: command.title } ),
					},
					source: { tool: 'countersign-agent' },
					...( command.rationale === undefined
						? {}
						: { rationale: command.rationale } ),
				};
				const created = await api.propose( proposal );
				print(
					command.json,
					created,
					`Proposed #${ created.id }: ${ created.status } (risk ${ created.risk }).` +
						( created.clone_from
							? `\nA clone of #${ created.clone_from.id }.`
							: '' ) +
						( created.edit_link
							? `\nReview: ${ created.edit_link }`
							: '' )
				);
				return 0;
			}
			case 'upload': {
				let bytes: Uint8Array;
				try {
					bytes = await io.readBytes( command.file );
				} catch ( error ) {
					io.err(
						`countersign-agent: cannot read ${ command.file }: ${
							error instanceof Error ? error.message : ''
						}`
					);
					return 2;
				}
				const staged = await api.upload(
					basename( command.file ),
					bytes
				);
				const created = await api.propose( {
					post: command.post,
					changes: {
						media: [
							{
								ref: staged.ref,
								...( command.title === undefined
									? {}
									: { title: command.title } ),
								...( command.alt === undefined
									? {}
									: { alt: command.alt } ),
								...( command.caption === undefined
									? {}
									: { caption: command.caption } ),
							},
						],
						...( command.featured
							? { featured_media: staged.ref }
							: {} ),
					},
					source: { tool: 'countersign-agent' },
					...( command.rationale === undefined
						? {}
						: { rationale: command.rationale } ),
				} );
				print(
					command.json,
					{ upload: staged, proposal: created },
					`Uploaded ${ staged.name } (${ staged.type }, ${ staged.size } bytes` +
						( staged.width > 0
							? `, ${ staged.width }×${ staged.height }`
							: '' ) +
						`) as ${ staged.ref }.\nProposed #${ created.id }: ${ created.status } (risk ${ created.risk }).` +
						( created.edit_link
							? `\nReview: ${ created.edit_link }`
							: '' )
				);
				return 0;
			}
			case 'list': {
				const page = await api.listProposals( {
					status: command.status,
					post: command.post,
					per_page: 100,
				} );
				print(
					command.json,
					page.items,
					page.items.length === 0
						? 'No proposals.'
						: page.items.map( summary ).join( '\n' ) +
								( page.total > page.items.length
									? `\n(${ page.items.length } of ${ page.total })`
									: '' )
				);
				return 0;
			}
			case 'show': {
				const proposal = await api.getProposal( command.id );
				print( command.json, proposal, details( proposal ) );
				return 0;
			}
			case 'me': {
				const me = await api.me( command.postType );
				print( command.json, me, profileText( me ) );
				return 0;
			}
		}
	} catch ( error ) {
		if ( error instanceof AgentClientError ) {
			io.err( formatError( error ) );
			return 1;
		}
		throw error;
	}
	return 0;
}

/**
 * A server refusal as one line with its code, status and field.
 *
 * @param error The refusal.
 */
export function formatError( error: AgentClientError ): string {
	const where = [
		error.status > 0 ? `HTTP ${ error.status }` : null,
		error.field ? `field ${ error.field }` : null,
	].filter( Boolean );
	return `countersign-agent: ${ error.code }${
		where.length ? ` (${ where.join( ', ' ) })` : ''
	}: ${ error.message }`;
}

/**
 * The real process: argv, env, stdout/stderr, the file system.
 */
export async function main(): Promise< void > {
	process.exitCode = await run( process.argv.slice( 2 ), process.env, {
		out: ( text ) => process.stdout.write( text + '\n' ),
		err: ( text ) => process.stderr.write( text + '\n' ),
		readFile: ( path ) => readFile( path, 'utf8' ),
		readBytes: async ( path ) => new Uint8Array( await readFile( path ) ),
	} );
}
