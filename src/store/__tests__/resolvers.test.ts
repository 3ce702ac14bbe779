/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { getAgents, getBackups, getProposal, getProposals } from '../resolvers';
import type { Action, ThunkArgs } from '../types';
import { jsonResponse, makeAgent, makeDetail, makeProposal } from './fixtures';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockedFetch = apiFetch as unknown as jest.Mock;

/**
 * Thunk arguments that record what the resolver dispatched.
 */
function thunkArgs(): { args: ThunkArgs; dispatched: Action[] } {
	const dispatched: Action[] = [];
	const dispatch = Object.assign(
		( action: Action ) => void dispatched.push( action ),
		{
			invalidateResolution: jest.fn(),
			invalidateResolutionForStoreSelector: jest.fn(),
		}
	);
	// The resolvers only dispatch; select and registry are never read.
	const args = { dispatch, select: {}, registry: {} } as unknown as ThunkArgs;
	return { args, dispatched };
}

beforeEach( () => mockedFetch.mockReset() );

describe( 'getProposals resolver', () => {
	it( 'fetches the normalised query and stores items with the header totals', async () => {
		const items = [ makeProposal( { id: 2 } ), makeProposal( { id: 1 } ) ];
		mockedFetch.mockResolvedValue(
			jsonResponse( items, {
				'X-WP-Total': '42',
				'X-WP-TotalPages': '3',
			} )
		);
		const { args, dispatched } = thunkArgs();

		await getProposals( { post: 12, status: undefined, page: 1 } )( args );

		expect( mockedFetch ).toHaveBeenCalledWith( {
			path: '/countersign/v1/proposals?post=12',
			parse: false,
		} );
		expect( dispatched ).toEqual( [
			{
				type: 'RECEIVE_PROPOSALS',
				queryKey: 'post=12',
				items,
				total: 42,
				totalPages: 3,
			},
			{ type: 'RECEIVE_ERROR', key: 'proposals?post=12', error: null },
		] );
	} );

	it( 'falls back to the item count when the total headers are missing', async () => {
		mockedFetch.mockResolvedValue( jsonResponse( [ makeProposal() ] ) );
		const { args, dispatched } = thunkArgs();
		await getProposals( {} )( args );
		expect( dispatched[ 0 ] ).toMatchObject( { total: 1, totalPages: 1 } );
	} );

	it( 'records a REST error instead of throwing', async () => {
		const error = {
			code: 'rest_forbidden',
			message: 'Sorry.',
			data: { status: 403 },
		};
		mockedFetch.mockRejectedValue( error );
		const { args, dispatched } = thunkArgs();

		await expect(
			getProposals( { status: 'pending' } )( args )
		).resolves.toBeUndefined();

		expect( dispatched ).toEqual( [
			{ type: 'RECEIVE_ERROR', key: 'proposals?status=pending', error },
		] );
	} );

	it( 'normalises a network failure into an API error', async () => {
		mockedFetch.mockRejectedValue( new TypeError( 'Failed to fetch' ) );
		const { args, dispatched } = thunkArgs();
		await getProposals( {} )( args );
		expect( dispatched[ 0 ] ).toEqual( {
			type: 'RECEIVE_ERROR',
			key: 'proposals?',
			error: {
				code: 'countersign_client_error',
				message: 'Failed to fetch',
			},
		} );
	} );
} );

describe( 'getProposal resolver', () => {
	it( 'fetches and stores the detail', async () => {
		const detail = makeDetail( { id: 4 } );
		mockedFetch.mockResolvedValue( detail );
		const { args, dispatched } = thunkArgs();
		await getProposal( 4 )( args );
		expect( mockedFetch ).toHaveBeenCalledWith( {
			path: '/countersign/v1/proposals/4',
		} );
		expect( dispatched[ 0 ] ).toEqual( {
			type: 'RECEIVE_PROPOSAL',
			proposal: detail,
		} );
	} );
} );

describe( 'getAgents and getBackups resolvers', () => {
	it( 'fetch their routes', async () => {
		const agents = [ makeAgent() ];
		mockedFetch.mockResolvedValueOnce( agents ).mockResolvedValueOnce( [] );
		const { args, dispatched } = thunkArgs();
		await getAgents()( args );
		await getBackups( 12 )( args );
		expect( mockedFetch.mock.calls ).toEqual( [
			[ { path: '/countersign/v1/agents' } ],
			[ { path: '/countersign/v1/posts/12/backups' } ],
		] );
		expect( dispatched ).toContainEqual( {
			type: 'RECEIVE_AGENTS',
			agents,
		} );
		expect( dispatched ).toContainEqual( {
			type: 'RECEIVE_BACKUPS',
			postId: 12,
			backups: [],
		} );
	} );
} );
