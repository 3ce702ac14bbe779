/**
 * Internal dependencies
 */
import type { Proposal, ProposalDecision } from '../../api';
import { decisionStats, median } from '../review-stats';

const agent = ( id: number ) => ( {
	id,
	label: `Agent ${ id }`,
	color: '#000',
} );
const decided = (
	id: number,
	agentId: number,
	action: ProposalDecision[ 'action' ],
	created: string,
	time: string,
	extra: Partial< ProposalDecision > = {}
): Proposal =>
	( {
		id,
		agent: agent( agentId ),
		created,
		decision: {
			action,
			time,
			user: 1,
			user_name: 'A',
			reason: '',
			edited: false,
			...extra,
		},
	} ) as unknown as Proposal;

describe( 'median', () => {
	it( 'handles odd, even and empty lists', () => {
		expect( median( [ 3, 1, 2 ] ) ).toBe( 2 );
		expect( median( [ 4, 1, 2, 3 ] ) ).toBe( 2.5 );
		expect( median( [] ) ).toBeNull();
	} );
} );

describe( 'decisionStats', () => {
	const now = new Date( '2026-11-23T12:00:00Z' );

	it( 'counts reviewers only: not auto-applies, withdrawals or failed applies', () => {
		const stats = decisionStats(
			[
				decided(
					1,
					7,
					'approve',
					'2026-11-23T10:00:00',
					'2026-11-23T10:00:01',
					{ auto: true, user: 7 }
				),
				decided(
					2,
					7,
					'withdraw',
					'2026-11-23T10:00:00',
					'2026-11-23T10:05:00'
				),
				decided(
					3,
					7,
					'failed',
					'2026-11-23T10:00:00',
					'2026-11-23T10:06:00'
				),
				decided(
					4,
					7,
					'approve',
					'2026-11-23T09:00:00',
					'2026-11-23T11:00:00'
				),
			],
			now
		);
		expect( stats.decisionsByAgent ).toEqual( [
			{ agent: agent( 7 ), approved: 1, rejected: 0 },
		] );
		expect( stats.medianReviewSeconds ).toBe( 7200 );
		expect( stats.sampleSize ).toBe( 1 );
	} );

	it( 'counts decisions per agent within the window, busiest first', () => {
		const stats = decisionStats(
			[
				decided(
					1,
					7,
					'approve',
					'2026-11-23T10:00:00',
					'2026-11-23T11:00:00'
				),
				decided(
					2,
					8,
					'reject',
					'2026-11-22T10:00:00',
					'2026-11-22T10:30:00'
				),
				decided(
					3,
					8,
					'approve',
					'2026-11-20T10:00:00',
					'2026-11-20T12:00:00'
				),
				decided(
					4,
					9,
					'approve',
					'2026-09-01T10:00:00',
					'2026-09-01T11:00:00'
				),
			],
			now,
			30
		);
		expect(
			stats.decisionsByAgent.map( ( entry ) => [
				entry.agent.id,
				entry.approved,
				entry.rejected,
			] )
		).toEqual( [
			[ 8, 1, 1 ],
			[ 7, 1, 0 ],
		] );
		expect( stats.sampleSize ).toBe( 3 );
		expect( stats.medianReviewSeconds ).toBe( 3600 );
	} );

	it( 'gives no median without decisions', () => {
		expect( decisionStats( [], now ).medianReviewSeconds ).toBeNull();
	} );
} );
