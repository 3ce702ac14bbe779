/**
 * Internal dependencies
 */
import type { AgentRef, UsageReport } from '../api';
import { percent } from '../charts/scale';
import { median } from '../store/review-stats';

/** One agent's row on the dashboard. */
export interface AgentSummary {
	agent: AgentRef;
	requests: number;
	refusals: number;
	proposals: number;
	approvals: number;
	rejections: number;
	/** Approvals out of decisions, in %, or null without decisions. */
	approvalRate: number | null;
	medianReviewSeconds: number | null;
	tokens: number | null;
}

/** One row of the per agent per day table. */
export interface UsageRow {
	id: string;
	day: string;
	agent: AgentRef;
	requests: number;
	refusals: number;
	proposals: number;
	approvals: number;
	rejections: number;
	medianReviewSeconds: number | null;
	tokens: number | null;
	/** At the model prices, in the report's currency; null without tokens. */
	cost: number | null;
}

export interface UsageSummary {
	agents: AgentSummary[];
	/** Proposals per day over the whole range, days without any included. */
	proposalsByDay: Array< { day: string; value: number } >;
	rows: UsageRow[];
	totals: {
		requests: number;
		refusals: number;
		proposals: number;
		approvals: number;
		rejections: number;
		approvalRate: number | null;
		tokens: number | null;
		cost: number | null;
		/** The median of the agents' medians (null without decisions). */
		medianReviewSeconds: number | null;
	};
}

/**
 * Every UTC day from one date to another, inclusive.
 *
 * @example
 * ```ts
 * daysBetween( '2026-11-29', '2026-12-01' ); // [ '2026-11-29', '2026-11-30', '2026-12-01' ]
 * ```
 *
 * @param from First day (YYYY-MM-DD, or a datetime whose date is used).
 * @param to   Last day.
 */
export function daysBetween( from: string, to: string ): string[] {
	const start = Date.parse( `${ from.slice( 0, 10 ) }T00:00:00Z` );
	const end = Date.parse( `${ to.slice( 0, 10 ) }T00:00:00Z` );
	if ( Number.isNaN( start ) || Number.isNaN( end ) || end < start ) {
		return [];
	}
	const days: string[] = [];
	for (
		let time = start;
		time <= end && days.length < 366;
		time += 86_400_000
	) {
		days.push( new Date( time ).toISOString().slice( 0, 10 ) );
	}
	return days;
}

/**
 * The range of the last `days` UTC days ending today, as GET /usage takes it.
 *
 * @param days Days, today included.
 * @param now  Reference time.
 */
export function lastDays(
	days: number,
	now: Date
): { from: string; to: string } {
	const today = now.toISOString().slice( 0, 10 );
	const first = new Date(
		Date.parse( `${ today }T00:00:00Z` ) - ( days - 1 ) * 86_400_000
	)
		.toISOString()
		.slice( 0, 10 );
	return { from: `${ first } 00:00:00`, to: `${ today } 23:59:59` };
}

/**
 * Everything the dashboard draws, from one GET /usage answer: per agent
 * totals and approval rate (most requests first), proposals per day with
 * empty days filled in, the per agent per day rows (newest day first) and
 * the grand totals. Tokens stay null when the report has none (reviewers).
 *
 * @param report GET /usage.
 */
export function summarizeUsage( report: UsageReport ): UsageSummary {
	const byDay = new Map< string, number >();
	const rows: UsageRow[] = [];
	const agents: AgentSummary[] = report.agents.map( ( entry ) => {
		for ( const day of entry.days ) {
			// Days with only administrative entries (the agent was created or edited) count nothing.
			if (
				day.requests +
					day.proposals +
					day.approvals +
					day.rejections ===
				0
			) {
				continue;
			}
			byDay.set( day.day, ( byDay.get( day.day ) ?? 0 ) + day.proposals );
			rows.push( {
				id: `${ entry.agent.id }-${ day.day }`,
				day: day.day,
				agent: entry.agent,
				requests: day.requests,
				refusals: day.refusals,
				proposals: day.proposals,
				approvals: day.approvals,
				rejections: day.rejections,
				medianReviewSeconds: day.median_review_seconds,
				tokens: report.tokens
					? ( day.tokens_in ?? 0 ) + ( day.tokens_out ?? 0 )
					: null,
				cost: report.tokens ? ( day.cost ?? 0 ) : null,
			} );
		}
		const totals = entry.totals;
		return {
			agent: entry.agent,
			requests: totals.requests ?? 0,
			refusals: totals.refusals ?? 0,
			proposals: totals.proposals ?? 0,
			approvals: totals.approvals ?? 0,
			rejections: totals.rejections ?? 0,
			approvalRate: percent(
				totals.approvals ?? 0,
				( totals.approvals ?? 0 ) + ( totals.rejections ?? 0 )
			),
			medianReviewSeconds: totals.median_review_seconds ?? null,
			tokens: report.tokens
				? ( totals.tokens_in ?? 0 ) + ( totals.tokens_out ?? 0 )
				: null,
		};
	} );
	agents.sort( ( a, b ) => b.requests - a.requests );
	rows.sort( ( a, b ) => {
		if ( a.day === b.day ) {
			return a.agent.label.localeCompare( b.agent.label );
		}
		return a.day < b.day ? 1 : -1;
	} );
	const sum = (
		key: 'requests' | 'refusals' | 'proposals' | 'approvals' | 'rejections'
	) => agents.reduce( ( total, agent ) => total + agent[ key ], 0 );
	const approvals = sum( 'approvals' );
	const rejections = sum( 'rejections' );
	return {
		agents,
		proposalsByDay: daysBetween( report.from, report.to ).map(
			( day ) => ( {
				day,
				value: byDay.get( day ) ?? 0,
			} )
		),
		rows,
		totals: {
			requests: sum( 'requests' ),
			refusals: sum( 'refusals' ),
			proposals: sum( 'proposals' ),
			approvals,
			rejections,
			approvalRate: percent( approvals, approvals + rejections ),
			tokens: report.tokens
				? agents.reduce(
						( total, agent ) => total + ( agent.tokens ?? 0 ),
						0
					)
				: null,
			cost: report.tokens
				? report.agents.reduce(
						( total, agent ) => total + ( agent.totals.cost ?? 0 ),
						0
					)
				: null,
			medianReviewSeconds: median(
				agents
					.map( ( agent ) => agent.medianReviewSeconds )
					.filter( ( value ): value is number => value !== null )
			),
		},
	};
}
