/**
 * The store wired into a real @wordpress/data registry: selectors trigger
 * resolvers, thunks update state and invalidate the right caches.
 */

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { createRegistry } from '@wordpress/data';

/**
 * Internal dependencies
 */
import { store } from '..';
import { jsonResponse, makeAgent, makeProposal } from './fixtures';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockedFetch = apiFetch as unknown as jest.Mock;

function setup() {
	const registry = createRegistry();
	registry.register( store );
	return registry;
}

beforeEach( () => mockedFetch.mockReset() );

describe( 'countersign/proposals store', () => {
	it( 'resolves getProposals through the REST API', async () => {
		mockedFetch.mockResolvedValue(
			jsonResponse( [ makeProposal( { id: 3 } ) ], { 'X-WP-Total': '1' } )
		);
		const registry = setup();

		const proposals = await registry
			.resolveSelect( store )
			.getProposals( { post: 12 } );

		expect( proposals.map( ( p ) => p.id ) ).toEqual( [ 3 ] );
		expect(
			registry.select( store ).getProposalsTotal( { post: 12 } )
		).toBe( 1 );
	} );

	it( 'approves: marks busy, stores the answer, and refetches lists afterwards', async () => {
		const pending = makeProposal( { id: 3 } );
		const applied = {
			...pending,
			status: 'applied' as const,
			backup_id: 11,
		};
		mockedFetch
			.mockResolvedValueOnce( jsonResponse( [ pending ] ) )
			.mockImplementationOnce( async () => {
				expect( registry.select( store ).isProposalBusy( 3 ) ).toBe(
					true
				);
				return applied;
			} )
			.mockResolvedValueOnce( jsonResponse( [] ) );
		const registry = setup();
		await registry
			.resolveSelect( store )
			.getProposals( { post: 12, status: 'pending' } );

		const result = await registry
			.dispatch( store )
			.approveProposal( 3, { note: 'ok' } );

		expect( result ).toEqual( applied );
		expect( mockedFetch.mock.calls[ 1 ]?.[ 0 ] ).toEqual( {
			path: '/countersign/v1/proposals/3/approve',
			method: 'POST',
			data: { note: 'ok' },
		} );
		expect( registry.select( store ).isProposalBusy( 3 ) ).toBe( false );
		expect( registry.select( store ).getProposalSummary( 3 )?.status ).toBe(
			'applied'
		);
		expect(
			registry
				.select( store )
				.hasFinishedResolution( 'getProposals', [
					{ post: 12, status: 'pending' },
				] )
		).toBe( false );

		const refetched = await registry
			.resolveSelect( store )
			.getProposals( { post: 12, status: 'pending' } );
		expect( refetched ).toEqual( [] );
		expect( mockedFetch ).toHaveBeenCalledTimes( 3 );
	} );

	it( 'rethrows a lost race as an API error and refreshes the proposal', async () => {
		mockedFetch
			.mockResolvedValueOnce(
				jsonResponse( [ makeProposal( { id: 3 } ) ] )
			)
			.mockRejectedValueOnce( {
				code: 'countersign_invalid_state',
				message: 'Already decided.',
				data: { status: 409 },
			} );
		const registry = setup();
		await registry.resolveSelect( store ).getProposals( { post: 12 } );

		await expect(
			registry.dispatch( store ).rejectProposal( 3, 'no' )
		).rejects.toMatchObject( {
			code: 'countersign_invalid_state',
		} );
		expect( registry.select( store ).isProposalBusy( 3 ) ).toBe( false );
		expect(
			registry
				.select( store )
				.hasFinishedResolution( 'getProposals', [ { post: 12 } ] )
		).toBe( false );
	} );

	it( 'keeps a network failure from leaving the proposal busy', async () => {
		mockedFetch.mockRejectedValueOnce( new TypeError( 'Failed to fetch' ) );
		const registry = setup();
		await expect(
			registry.dispatch( store ).approveProposal( 8 )
		).rejects.toMatchObject( {
			code: 'countersign_client_error',
		} );
		expect( registry.select( store ).isProposalBusy( 8 ) ).toBe( false );
	} );

	it( 'restores a backup and invalidates the post backups', async () => {
		const restored = { restored: true, backup_id: 21, post: 12 };
		mockedFetch.mockResolvedValueOnce( [] );
		mockedFetch.mockResolvedValueOnce( restored );
		const registry = setup();
		await registry.resolveSelect( store ).getBackups( 12 );
		expect(
			registry
				.select( store )
				.hasFinishedResolution( 'getBackups', [ 12 ] )
		).toBe( true );

		const result = await registry.dispatch( store ).restoreBackup( 20 );

		expect( result.backup_id ).toBe( 21 );
		expect( mockedFetch.mock.calls[ 1 ]?.[ 0 ] ).toEqual( {
			path: '/countersign/v1/backups/20/restore',
			method: 'POST',
		} );
		expect(
			registry
				.select( store )
				.hasFinishedResolution( 'getBackups', [ 12 ] )
		).toBe( false );
		expect( registry.select( store ).isBackupRestoring( 20 ) ).toBe(
			false
		);
	} );

	it( 'creates an agent without keeping its application password', async () => {
		const created = {
			...makeAgent( { id: 30 } ),
			application_password: 'abcd efgh ijkl mnop',
		};
		mockedFetch.mockResolvedValueOnce( created );
		const registry = setup();

		const { createAgent } = registry.dispatch( store );
		const result = await createAgent( {
			label: 'CI bot',
			role: 'contributor',
			preset: 'read_only',
		} );

		expect( result.application_password ).toBe( 'abcd efgh ijkl mnop' );
		const stored = registry.select( store ).getAgents();
		expect( stored.map( ( agent ) => agent.id ) ).toEqual( [ 30 ] );
		expect(
			JSON.stringify( registry.select( store ).getAgents() )
		).not.toContain( 'abcd' );
	} );
} );
