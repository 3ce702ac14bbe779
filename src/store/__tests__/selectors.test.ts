/**
 * Internal dependencies
 */
import reducer from '../reducer';
import {
	receiveAgents,
	receiveError,
	receiveProposals,
	setProposalBusy,
} from '../actions';
import {
	getAgents,
	getAgentsError,
	getBackups,
	getProposal,
	getProposalBusyAction,
	getProposals,
	getProposalsError,
	getProposalsTotal,
	getProposalsTotalPages,
	isProposalBusy,
} from '../selectors';
import type { State } from '../types';
import { makeAgent, makeProposal } from './fixtures';

const initial = (): State => reducer( undefined, { type: '@@UNKNOWN_ACTION' } );

describe( 'selectors', () => {
	describe( 'empty defaults', () => {
		it( 'return the same empty array every time, across queries and states', () => {
			const state = initial();
			const other = reducer( state, setProposalBusy( 1, 'approve' ) );
			expect( getProposals( state, { post: 1 } ) ).toEqual( [] );
			expect( getProposals( state, { post: 1 } ) ).toBe(
				getProposals( other, { post: 2 } )
			);
			expect( getAgents( state ) ).toEqual( [] );
			expect( getAgents( state ) ).toBe( getAgents( other ) );
			expect( getBackups( state, 1 ) ).toEqual( [] );
			expect( getBackups( state, 1 ) ).toBe( getBackups( other, 2 ) );
		} );

		it( 'answer null and undefined before anything arrived', () => {
			const state = initial();
			expect( getProposalsTotal( state, {} ) ).toBeNull();
			expect( getProposalsTotalPages( state, {} ) ).toBeNull();
			expect( getProposal( state, 1 ) ).toBeUndefined();
			expect( getProposalsError( state, {} ) ).toBeNull();
			expect( getAgentsError( state ) ).toBeNull();
			expect( isProposalBusy( state, 1 ) ).toBe( false );
			expect( getProposalBusyAction( state, 1 ) ).toBeNull();
		} );
	} );

	describe( 'getProposals', () => {
		const a = makeProposal( { id: 2 } );
		const b = makeProposal( { id: 1 } );
		const state = reducer(
			initial(),
			receiveProposals(
				{ post: 12 },
				{ items: [ a, b ], total: 2, totalPages: 1 }
			)
		);

		it( 'returns the items of the query in server order', () => {
			expect(
				getProposals( state, { post: 12 } ).map( ( p ) => p.id )
			).toEqual( [ 2, 1 ] );
		} );

		it( 'treats equivalent queries as one', () => {
			expect(
				getProposals( state, { post: 12, status: undefined, page: 1 } )
			).toBe( getProposals( state, { post: 12 } ) );
		} );

		it( 'is memoised: a fresh query object does not produce a fresh array', () => {
			const first = getProposals( state, { post: 12 } );
			const unrelated = reducer( state, setProposalBusy( 2, 'reject' ) );
			expect( getProposals( unrelated, { post: 12 } ) ).toBe( first );
		} );

		it( 'reflects a newer copy of an item', () => {
			const updated = reducer(
				state,
				receiveProposals(
					{ post: 99 },
					{
						items: [ { ...a, status: 'applied' } ],
						total: 1,
						totalPages: 1,
					}
				)
			);
			expect( getProposals( updated, { post: 12 } )[ 0 ]?.status ).toBe(
				'applied'
			);
		} );

		it( 'exposes the pagination totals', () => {
			expect( getProposalsTotal( state, { post: 12 } ) ).toBe( 2 );
			expect( getProposalsTotalPages( state, { post: 12 } ) ).toBe( 1 );
			expect( getProposalsTotal( state, { post: 13 } ) ).toBeNull();
		} );
	} );

	it( 'reports busy decisions', () => {
		const state = reducer( initial(), setProposalBusy( 5, 'reject' ) );
		expect( isProposalBusy( state, 5 ) ).toBe( true );
		expect( getProposalBusyAction( state, 5 ) ).toBe( 'reject' );
		expect( isProposalBusy( state, 6 ) ).toBe( false );
	} );

	it( 'returns errors by query', () => {
		const error = { code: 'rest_forbidden', message: 'No.' };
		const state = reducer(
			initial(),
			receiveError( 'proposals?status=pending', error )
		);
		expect(
			getProposalsError( state, { status: 'pending', page: 1 } )
		).toBe( error );
		expect( getProposalsError( state, {} ) ).toBeNull();
	} );

	it( 'returns the received agents', () => {
		const agents = [ makeAgent() ];
		expect(
			getAgents( reducer( initial(), receiveAgents( agents ) ) )
		).toBe( agents );
	} );
} );
