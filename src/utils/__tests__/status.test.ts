/**
 * Internal dependencies
 */
import type { AgentStatus, Proposal } from '../../api';
import { approvalBlocker, needsDecision } from '../status';

const proposal = (
	status: Proposal[ 'status' ],
	agentStatus?: AgentStatus
): Proposal =>
	( {
		id: 1,
		agent: {
			id: 2,
			label: 'Claude',
			color: '#d97757',
			...( agentStatus === undefined ? {} : { status: agentStatus } ),
		},
		status,
	} ) as Proposal;

describe( 'needsDecision', () => {
	it.each( [
		[ 'pending', true ],
		[ 'conflict', true ],
		[ 'failed', true ],
		[ 'applied', false ],
		[ 'rejected', false ],
	] as const )( '%s → %s', ( status, expected ) => {
		expect( needsDecision( proposal( status ) ) ).toBe( expected );
	} );
} );

describe( 'approvalBlocker', () => {
	it( 'lets an active agent’s proposal be approved', () => {
		expect( approvalBlocker( proposal( 'pending', 'active' ) ) ).toBeNull();
		expect( approvalBlocker( proposal( 'pending' ) ) ).toBeNull();
	} );

	it( 'says a paused agent must be resumed first', () => {
		expect( approvalBlocker( proposal( 'pending', 'paused' ) ) ).toBe(
			'Claude is paused: resume it on the Agents screen to apply its proposals, or reject them.'
		);
	} );

	it( 'says a revoked agent’s proposals can only be rejected', () => {
		expect( approvalBlocker( proposal( 'pending', 'revoked' ) ) ).toBe(
			'Claude has been revoked: its proposals can only be rejected.'
		);
	} );
} );
