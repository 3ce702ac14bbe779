/**
 * The agent's side of the API: an Application Password over plain HTTP.
 *
 * The screens talk through apiFetch with the logged-in user's cookie and nonce
 * (client.ts); an agent is a separate program with its own identity, so it
 * gets its own small transport. Both speak the same types (types.ts).
 * Used by bin/countersign-agent, the e2e tests and the benchmarks.
 */

/**
 * Internal dependencies
 */
import { NAMESPACE } from './constants';
import type {
	AgentProfile,
	Intent,
	NewIntent,
	ApiError,
	NewProposal,
	Proposal,
	ProposalDetail,
	ProposalPage,
	ProposalQuery,
	StagedFile,
} from './types';

export interface AgentCredentials {
	/** The site's address, e.g. https://example.com (no /wp-json). */
	url: string;
	/** The agent's user login. */
	user: string;
	/** An Application Password of that user. */
	password: string;
}

/** A refusal from the server (or a failure to reach it), with the server's code and field. */
export class AgentClientError extends Error {
	readonly code: string;
	readonly status: number;
	readonly field: string | undefined;
	readonly data: ApiError[ 'data' ];

	constructor( error: ApiError, status: number ) {
		super( error.message );
		this.name = 'AgentClientError';
		this.code = error.code;
		this.status = status;
		this.field = error.data?.field;
		this.data = error.data;
	}
}

/**
 * Whether a JSON body has the shape of a REST error.
 *
 * @param body Parsed body.
 */
function isErrorBody( body: unknown ): body is ApiError {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof ( body as { code?: unknown } ).code === 'string' &&
		typeof ( body as { message?: unknown } ).message === 'string'
	);
}

export interface AgentClient {
	/**
	 * GET /me: the agent's profile, every operation as the server would judge it, and where its rate limits and
	 * budgets stand.
	 *
	 * @param postType The post type the operations are for (default post).
	 */
	me: ( postType?: string ) => Promise< AgentProfile >;
	/** POST /intents: a single-use confirmation token for a risk 4+ proposal of exactly these changes. */
	requestConfirmation: ( intent: NewIntent ) => Promise< Intent >;
	/** POST /proposals. */
	propose: ( proposal: NewProposal ) => Promise< Proposal >;
	/** GET /proposals: the agent's own proposals. */
	listProposals: ( query?: ProposalQuery ) => Promise< ProposalPage >;
	/** GET /proposals/{id}. */
	getProposal: ( id: number ) => Promise< ProposalDetail >;
	/** POST /proposals/{id}/withdraw. */
	withdraw: ( id: number ) => Promise< Proposal >;
	/**
	 * POST /media (multipart): stages a file, which stays private until a proposal adding it (`changes.media`) is
	 * approved.
	 *
	 * @param name  File name, with its extension.
	 * @param bytes Contents.
	 */
	upload: ( name: string, bytes: Uint8Array ) => Promise< StagedFile >;
}

type FetchLike = typeof fetch;

/**
 * A client authenticated as one agent.
 *
 * @param credentials Site address and the agent's Application Password.
 * @param fetchImpl   The fetch to use (tests pass a fake); defaults to the global one.
 */
export function createAgentClient(
	credentials: AgentCredentials,
	fetchImpl: FetchLike = fetch
): AgentClient {
	const root = credentials.url.replace( /\/+$/, '' );
	const authorization =
		'Basic ' +
		Buffer.from(
			`${ credentials.user }:${ credentials.password }`
		).toString( 'base64' );

	async function call< T >(
		method: 'GET' | 'POST',
		route: string,
		body?: unknown,
		query?: Record< string, string | number | undefined >
	): Promise< { body: T; headers: Headers } > {
		// ?rest_route= works whether or not the site has pretty permalinks.
		const params = new URLSearchParams( {
			rest_route: NAMESPACE + route,
		} );
		for ( const [ key, value ] of Object.entries( query ?? {} ) ) {
			if ( value !== undefined && value !== '' ) {
				params.set( key, String( value ) );
			}
		}
		let response: Response;
		try {
			response = await fetchImpl( `${ root }/?${ params.toString() }`, {
				method,
				headers: {
					Authorization: authorization,
					Accept: 'application/json',
					// A form sets its own multipart type, with the boundary.
					...( body === undefined || body instanceof FormData
						? {}
						: { 'Content-Type': 'application/json' } ),
				},
				...( body === undefined
					? {}
					: {
							body:
								body instanceof FormData
									? body
									: JSON.stringify( body ),
						} ),
			} );
		} catch ( error ) {
			throw new AgentClientError(
				{
					code: 'countersign_client_unreachable',
					message: `Could not reach ${ root }: ${
						error instanceof Error ? error.message : String( error )
					}`,
				},
				0
			);
		}
		const text = await response.text();
		let parsed: unknown;
		try {
			parsed = text === '' ? null : JSON.parse( text );
		} catch {
			throw new AgentClientError(
				{
					code: 'countersign_client_bad_response',
					message: `HTTP ${
						response.status
					}: the answer is not JSON: ${ text.slice( 0, 200 ) }`,
				},
				response.status
			);
		}
		if ( ! response.ok ) {
			throw new AgentClientError(
				isErrorBody( parsed )
					? parsed
					: {
							code: 'countersign_client_http_error',
							message: `HTTP ${ response.status }`,
						},
				response.status
			);
		}
		return { body: parsed as T, headers: response.headers };
	}

	const intHeader = ( headers: Headers, name: string, fallback: number ) => {
		const value = Number.parseInt( headers.get( name ) ?? '', 10 );
		return Number.isNaN( value ) ? fallback : value;
	};

	return {
		async me( postType ) {
			return (
				await call< AgentProfile >(
					'GET',
					'/me',
					undefined,
					postType === undefined ? {} : { post_type: postType }
				)
			).body;
		},
		async requestConfirmation( intent ) {
			return ( await call< Intent >( 'POST', '/intents', intent ) ).body;
		},
		async propose( proposal ) {
			return ( await call< Proposal >( 'POST', '/proposals', proposal ) )
				.body;
		},
		async listProposals( query = {} ) {
			const { body, headers } = await call< Proposal[] >(
				'GET',
				'/proposals',
				undefined,
				{ ...query }
			);
			return {
				items: body,
				total: intHeader( headers, 'X-WP-Total', body.length ),
				totalPages: intHeader( headers, 'X-WP-TotalPages', 1 ),
			};
		},
		async getProposal( id ) {
			return (
				await call< ProposalDetail >( 'GET', `/proposals/${ id }` )
			).body;
		},
		async withdraw( id ) {
			return (
				await call< Proposal >( 'POST', `/proposals/${ id }/withdraw` )
			).body;
		},
		async upload( name, bytes ) {
			const form = new FormData();
			// A copy on its own ArrayBuffer: Blob takes no view of a SharedArrayBuffer.
			form.append(
				'file',
				new Blob( [ new Uint8Array( bytes ) ] ),
				name
			);
			return ( await call< StagedFile >( 'POST', '/media', form ) ).body;
		},
	};
}
