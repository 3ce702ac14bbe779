/**
 * Internal dependencies
 */
import reducer from '../reducer';
import {
	receiveAgent,
	receiveAgents,
	receiveBackups,
	receiveError,
	receiveProposal,
	receiveProposals,
	setBackupRestoring,
	setProposalBusy,
} from '../actions';
import type { State } from '../types';
import { makeAgent, makeDetail, makeProposal } from './fixtures';

const initial = (): State => reducer( undefined, { type: '@@UNKNOWN_ACTION' } );

describe( 'reducer', () => {
	it( 'starts empty, with agents unknown (null) rather than empty', () => {
		expect( initial() ).toEqual( {
			proposals: {},
			details: {},
			queries: {},
			agents: null,
			backups: {},
			busyProposals: {},
			restoringBackups: {},
			errors: {},
		} );
	} );

	it( 'stores a list answer by normalised query key, keeping server order', () => {
		const a = makeProposal( { id: 5 } );
		const b = makeProposal( { id: 3 } );
		const state = reducer(
			initial(),
			receiveProposals(
				{ status: 'pending', post: 12 },
				{ items: [ a, b ], total: 9, totalPages: 5 }
			)
		);
		expect( state.queries[ 'post=12&status=pending' ] ).toEqual( {
			ids: [ 5, 3 ],
			total: 9,
			totalPages: 5,
		} );
		expect( state.proposals[ 5 ] ).toBe( a );
		expect( state.proposals[ 3 ] ).toBe( b );
	} );

	it( 'keeps `fields` out of the list item but in the details', () => {
		const detail = makeDetail( { id: 4 } );
		const state = reducer( initial(), receiveProposal( detail ) );
		expect( state.proposals[ 4 ] ).not.toHaveProperty( 'fields' );
		expect( state.details[ 4 ] ).toBe( detail );
	} );

	it( 'updates a known detail from a decision answer and keeps its comparison', () => {
		const detail = makeDetail( { id: 4 } );
		let state = reducer( initial(), receiveProposal( detail ) );
		state = reducer(
			state,
			receiveProposal(
				makeProposal( { id: 4, status: 'applied', backup_id: 8 } )
			)
		);
		expect( state.details[ 4 ]?.status ).toBe( 'applied' );
		expect( state.details[ 4 ]?.backup_id ).toBe( 8 );
		expect( state.details[ 4 ]?.fields ).toBe( detail.fields );
		expect( state.proposals[ 4 ]?.status ).toBe( 'applied' );
	} );

	it( 'does not invent a detail from a decision answer', () => {
		const state = reducer(
			initial(),
			receiveProposal( makeProposal( { id: 4 } ) )
		);
		expect( state.details ).toEqual( {} );
	} );

	it( 'replaces the agents list and adds a created agent first', () => {
		let state = reducer(
			initial(),
			receiveAgents( [ makeAgent( { id: 1 } ) ] )
		);
		state = reducer( state, receiveAgent( makeAgent( { id: 2 } ) ) );
		expect( state.agents?.map( ( agent ) => agent.id ) ).toEqual( [
			2, 1,
		] );
		state = reducer(
			state,
			receiveAgent( makeAgent( { id: 1, status: 'paused' } ) )
		);
		expect(
			state.agents?.map( ( agent ) => [ agent.id, agent.status ] )
		).toEqual( [
			[ 2, 'active' ],
			[ 1, 'paused' ],
		] );
	} );

	it( 'tracks and clears busy proposals and restoring backups', () => {
		let state = reducer( initial(), setProposalBusy( 4, 'approve' ) );
		expect( state.busyProposals ).toEqual( { 4: 'approve' } );
		state = reducer( state, setProposalBusy( 4, null ) );
		expect( state.busyProposals ).toEqual( {} );

		state = reducer( state, setBackupRestoring( 9, true ) );
		expect( state.restoringBackups ).toEqual( { 9: true } );
		state = reducer( state, setBackupRestoring( 9, false ) );
		expect( state.restoringBackups ).toEqual( {} );
	} );

	it( 'returns the same state object for no-op clears', () => {
		const state = initial();
		expect( reducer( state, setProposalBusy( 1, null ) ) ).toBe( state );
		expect( reducer( state, receiveError( 'agents', null ) ) ).toBe(
			state
		);
		expect( reducer( state, { type: '@@UNKNOWN_ACTION' } ) ).toBe( state );
	} );

	it( 'records and clears read errors', () => {
		const error = {
			code: 'rest_forbidden',
			message: 'No.',
			data: { status: 403 },
		};
		let state = reducer( initial(), receiveError( 'agents', error ) );
		expect( state.errors.agents ).toBe( error );
		state = reducer( state, receiveError( 'agents', null ) );
		expect( state.errors ).toEqual( {} );
	} );

	it( 'stores backups per post', () => {
		const backup = {
			id: 3,
			post_id: 12,
			proposal_id: 1,
			created_at: '2026-11-23T01:02:03',
			created_by: 1,
			reason: 'before_apply',
			description: 'Before approving #1 by Claude (approved by Jane)',
		};
		const state = reducer( initial(), receiveBackups( 12, [ backup ] ) );
		expect( state.backups[ 12 ] ).toEqual( [ backup ] );
	} );
} );
