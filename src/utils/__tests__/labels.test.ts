/**
 * Internal dependencies
 */
import type { ProposalDecision, RiskLevel } from '../../api';
import {
	decisionLabel,
	fieldLabel,
	PROPOSAL_STATUSES,
	riskLabel,
	statusLabel,
	toRiskLevel,
} from '../labels';

describe( 'riskLabel', () => {
	it.each< [ RiskLevel, string ] >( [
		[ 1, 'Read' ],
		[ 2, 'Low' ],
		[ 3, 'Medium' ],
		[ 4, 'High' ],
		[ 5, 'Extreme' ],
	] )( 'level %d is %p', ( level, word ) => {
		expect( riskLabel( level ) ).toBe( word );
	} );
} );

describe( 'toRiskLevel', () => {
	it( 'keeps valid levels and treats anything else as the most cautious', () => {
		expect( toRiskLevel( 2 ) ).toBe( 2 );
		expect( toRiskLevel( 0 ) ).toBe( 5 );
		expect( toRiskLevel( '3' ) ).toBe( 5 );
		expect( toRiskLevel( 9 ) ).toBe( 5 );
	} );
} );

describe( 'statusLabel', () => {
	it( 'labels every status, each differently', () => {
		const labels = PROPOSAL_STATUSES.map( statusLabel );
		expect( new Set( labels ).size ).toBe( PROPOSAL_STATUSES.length );
		expect( statusLabel( 'pending' ) ).toBe( 'Pending' );
	} );
} );

describe( 'fieldLabel', () => {
	it( 'names known fields and passes unknown ones through', () => {
		expect( fieldLabel( 'featured_media' ) ).toBe( 'Featured image' );
		expect( fieldLabel( 'x_custom' ) ).toBe( 'x_custom' );
	} );
} );

describe( 'decisionLabel', () => {
	const decision = (
		extra: Partial< ProposalDecision >
	): ProposalDecision => ( {
		user: 3,
		user_name: 'Dana',
		time: '2026-11-23T10:00:00',
		action: 'approve',
		reason: '',
		edited: false,
		...extra,
	} );

	it.each< [ Partial< ProposalDecision >, string ] >( [
		[ {}, 'Approved by Dana' ],
		[ { reason: 'Good catch' }, 'Approved by Dana: Good catch' ],
		[
			{ auto: true, user_name: 'Copy bot' },
			'Applied at once for Copy bot (autonomous)',
		],
		[
			{ action: 'reject', reason: 'Off tone' },
			'Rejected by Dana: Off tone',
		],
		[ { action: 'reject' }, 'Rejected by Dana' ],
		[
			{ action: 'withdraw', user_name: 'Copy bot' },
			'Withdrawn by Copy bot',
		],
		[
			{
				action: 'withdraw',
				user_name: 'Copy bot',
				reason: 'superseded',
				superseded_by: 42,
			},
			'Replaced by Copy bot with proposal #42',
		],
		[
			{ action: 'expire', reason: 'No decision within 30 days.' },
			'Expired. No decision within 30 days.',
		],
		[
			{ action: 'failed', reason: 'The target post no longer exists.' },
			'Approved by Dana, but it could not be applied: The target post no longer exists.',
		],
	] )( '%p reads %p', ( extra, text ) => {
		expect( decisionLabel( decision( extra ) ) ).toBe( text );
	} );
} );
