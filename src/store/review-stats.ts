/**
 * Internal dependencies
 */
import type { AgentRef, Proposal } from '../api';
import { utcDate } from '../utils/format';

/** One agent's decisions in the window. */
export interface AgentDecisions {
	agent: AgentRef;
	approved: number;
	rejected: number;
}

/** The queue header's numbers. */
export interface QueueStats {
	/** Pending proposals for risk 1..5 (index 0 is risk 1). */
	pendingByRisk: [ number, number, number, number, number ];
	/** Decisions per agent over the window, most decisions first. */
	decisionsByAgent: AgentDecisions[];
	/** Median seconds from proposal to decision, null when nothing was decided. */
	medianReviewSeconds: number | null;
	/** How many decisions the figures are based on. */
	sampleSize: number;
	windowDays: number;
}

/**
 * Median of a list of numbers (null when empty).
 *
 * @param values Numbers.
 */
export function median( values: number[] ): number | null {
	if ( values.length === 0 ) {
		return null;
	}
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const middle = Math.floor( sorted.length / 2 );
	return sorted.length % 2 === 1
		? sorted[ middle ]!
		: ( sorted[ middle - 1 ]! + sorted[ middle ]! ) / 2;
}

/**
 * Decisions per agent and the median time to review, from decided proposals.
 *
 * Built from GET /proposals (the newest 100 decided proposals, kept when
 * decided within the window), which reviewers may read like GET /usage.
 *
 * @example
 * ```ts
 * decisionStats( proposals, new Date(), 30 ).decisionsByAgent[ 0 ]; // { agent, approved: 4, rejected: 1 }
 * ```
 *
 * @param decided    Decided proposals.
 * @param now        Reference time.
 * @param windowDays Window length.
 */
export function decisionStats(
	decided: Proposal[],
	now: Date,
	windowDays = 30
): Pick<
	QueueStats,
	'decisionsByAgent' | 'medianReviewSeconds' | 'sampleSize' | 'windowDays'
> {
	const since = now.getTime() - windowDays * 86_400_000;
	const byAgent = new Map< number, AgentDecisions >();
	const seconds: number[] = [];
	for ( const proposal of decided ) {
		const decision = proposal.decision;
		if ( ! decision ) {
			continue;
		}
		const decidedAt = utcDate( decision.time ).getTime();
		if ( Number.isNaN( decidedAt ) || decidedAt < since ) {
			continue;
		}
		const entry = byAgent.get( proposal.agent.id ) ?? {
			agent: proposal.agent,
			approved: 0,
			rejected: 0,
		};
		// Reviewers' decisions only: auto-applies, withdrawals and failed applies were nobody's review (the
		// server's usage figures count the same way).
		if ( decision.action === 'approve' && ! decision.auto ) {
			entry.approved++;
		} else if ( decision.action === 'reject' ) {
			entry.rejected++;
		} else {
			continue;
		}
		byAgent.set( proposal.agent.id, entry );
		const waited =
			( decidedAt - utcDate( proposal.created ).getTime() ) / 1000;
		if ( waited >= 0 ) {
			seconds.push( waited );
		}
	}
	return {
		decisionsByAgent: [ ...byAgent.values() ].sort(
			( a, b ) => b.approved + b.rejected - ( a.approved + a.rejected )
		),
		medianReviewSeconds: median( seconds ),
		sampleSize: seconds.length,
		windowDays,
	};
}
