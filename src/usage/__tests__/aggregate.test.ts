/**
 * Internal dependencies
 */
import type { UsageReport } from '../../api';
import { daysBetween, lastDays, summarizeUsage } from '../aggregate';

const day = ( date: string, counts: Partial< Record< string, number > > ) => ( {
	day: date,
	requests: 0,
	refusals: 0,
	proposals: 0,
	approvals: 0,
	rejections: 0,
	median_review_seconds: null,
	...counts,
} );

const report = ( tokens: boolean ): UsageReport => ( {
	from: '2026-11-20 00:00:00',
	to: '2026-11-22 23:59:59',
	tokens,
	agents: [
		{
			agent: { id: 1, label: 'Quiet', color: '#000' },
			days: [
				day( '2026-11-20', {} ),
				day( '2026-11-21', { requests: 2, proposals: 1 } ),
			],
			totals: {
				requests: 2,
				refusals: 0,
				proposals: 1,
				approvals: 0,
				rejections: 0,
				median_review_seconds: null,
			},
		},
		{
			agent: { id: 2, label: 'Busy', color: '#fff' },
			days: [
				day( '2026-11-20', {
					requests: 10,
					refusals: 2,
					proposals: 3,
					approvals: 2,
					rejections: 1,
					tokens_in: 100,
					tokens_out: 20,
					cost: 0.25,
				} ),
				day( '2026-11-22', { requests: 5, proposals: 1 } ),
			],
			totals: {
				requests: 15,
				refusals: 2,
				proposals: 4,
				approvals: 3,
				rejections: 1,
				tokens_in: 100,
				tokens_out: 20,
				cost: 0.25,
				median_review_seconds: 600,
			},
		},
	],
} );

describe( 'daysBetween', () => {
	it( 'lists every day, across a month end', () => {
		expect( daysBetween( '2026-11-29 00:00:00', '2026-12-01' ) ).toEqual( [
			'2026-11-29',
			'2026-11-30',
			'2026-12-01',
		] );
		expect( daysBetween( '2026-12-01', '2026-11-01' ) ).toEqual( [] );
	} );
} );

describe( 'lastDays', () => {
	it( 'ends today and includes it', () => {
		expect( lastDays( 7, new Date( '2026-11-23T06:00:00Z' ) ) ).toEqual( {
			from: '2026-11-17 00:00:00',
			to: '2026-11-23 23:59:59',
		} );
	} );
} );

describe( 'summarizeUsage', () => {
	it( 'orders agents by requests, with approval rates', () => {
		const summary = summarizeUsage( report( true ) );
		expect( summary.agents.map( ( a ) => a.agent.label ) ).toEqual( [
			'Busy',
			'Quiet',
		] );
		expect( summary.agents[ 0 ]?.approvalRate ).toBe( 75 );
		expect( summary.agents[ 1 ]?.approvalRate ).toBeNull();
		expect( summary.agents[ 0 ]?.tokens ).toBe( 120 );
	} );

	it( 'fills days without proposals', () => {
		expect( summarizeUsage( report( true ) ).proposalsByDay ).toEqual( [
			{ day: '2026-11-20', value: 3 },
			{ day: '2026-11-21', value: 1 },
			{ day: '2026-11-22', value: 1 },
		] );
	} );

	it( 'totals everything and lists rows newest first', () => {
		const summary = summarizeUsage( report( true ) );
		expect( summary.totals ).toEqual( {
			requests: 17,
			refusals: 2,
			proposals: 5,
			approvals: 3,
			rejections: 1,
			approvalRate: 75,
			tokens: 120,
			cost: 0.25,
			medianReviewSeconds: 600,
		} );
		expect( summary.rows.map( ( row ) => row.id ) ).toEqual( [
			'2-2026-11-22',
			'1-2026-11-21',
			'2-2026-11-20',
		] );
	} );

	it( 'keeps tokens null for reviewers', () => {
		const summary = summarizeUsage( report( false ) );
		expect( summary.totals.tokens ).toBeNull();
		expect( summary.totals.cost ).toBeNull();
		expect( summary.rows[ 0 ]?.tokens ).toBeNull();
		expect( summary.rows[ 0 ]?.cost ).toBeNull();
	} );
} );
