/**
 * The audit log and usage endpoints: GET /audit, /audit/verify, /audit/export
 * (a download link, streamed by the server) and GET /usage.
 */

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { AgentRef } from './types';

const NAMESPACE = '/countersign/v1';

/** `agent` (an agent's own request), `user` (a person) or `system` (cron, activation, auto-pause). */
export type ActorType = 'agent' | 'user' | 'system';

/** One audit row, as GET /audit sends it. */
export interface AuditEntry {
	id: number;
	/** UTC with microseconds, without a zone: 2026-11-23 06:40:01.123456. */
	created_at: string;
	actor_type: ActorType;
	actor_id: number;
	agent_id: number;
	action: string;
	object_type: string;
	object_id: number;
	proposal_id: number;
	/** ok, refused, failed, pending... */
	outcome: string;
	ip: string;
	request_id: string;
	details: Record< string, unknown >;
	prev_hash: string;
	hash: string;
	actor: { id: number; type: ActorType; name: string };
	agent: AgentRef | null;
}

/** Filters shared by GET /audit and GET /audit/export. */
export interface AuditQuery {
	agent?: number;
	actor?: number;
	action?: string;
	outcome?: string;
	/** 'YYYY-MM-DD HH:MM:SS', UTC. */
	from?: string;
	to?: string;
	page?: number;
	per_page?: number;
}

export interface AuditPage {
	items: AuditEntry[];
	total: number;
	totalPages: number;
}

/** GET /audit/verify. */
export interface ChainStatus {
	ok: boolean;
	/** Rows whose hash matched, in order, before the first that did not. */
	verified: number;
	/** Id of the first row that does not match, or null. */
	first_bad: number | null;
	/** The first bad row is intact but chains onto an earlier row (`onto`, 0 = the start) that another row follows. */
	fork: { id: number; onto: number } | null;
	/** Whether database triggers refuse UPDATE and DELETE on the audit table. */
	hardened: boolean;
	/** The anchored head (newest row, signed, kept outside the table), or null when there is none. */
	head: { id: number; time: string; signed: boolean } | null;
	/** The log ends before its anchored head: its newest rows were deleted, or the table was wiped. */
	truncated: boolean;
	/** A head exported earlier, when one was given to check. */
	kept: { id: number; signed: boolean; found: boolean } | null;
	/**
	 * Where an incremental check started: the newest entry the last intact verification reached, and when
	 * (`verified` then counts the entries from it on); null for a check of the whole log.
	 */
	since: { id: number; time: string } | null;
}

/** One agent's counters for one UTC day (tokens only for administrators). */
export interface UsageCounters {
	requests: number;
	refusals: number;
	proposals: number;
	approvals: number;
	rejections: number;
	tokens_in?: number;
	tokens_out?: number;
	/** Tokens at the model prices in the settings, in `currency` (administrators only). */
	cost?: number;
}

export interface UsageDay extends UsageCounters {
	/** YYYY-MM-DD, UTC. */
	day: string;
	median_review_seconds: number | null;
}

export interface AgentUsage {
	agent: AgentRef;
	days: UsageDay[];
	/** Sums over the range, with the median time to review over all its decisions. */
	totals: UsageCounters & { median_review_seconds: number | null };
}

/** GET /usage. */
export interface UsageReport {
	from: string;
	to: string;
	/** Whether tokens and cost are included (administrators only). */
	tokens: boolean;
	/** The currency of `cost` (with tokens). */
	currency?: string;
	agents: AgentUsage[];
}

export interface UsageQuery {
	from?: string;
	to?: string;
	agent?: number;
}

/**
 * GET /audit with the pagination headers.
 *
 * @param query Filters and page.
 */
export async function fetchAuditEntries(
	query: AuditQuery
): Promise< AuditPage > {
	const response = await apiFetch< Response, false >( {
		path: addQueryArgs( `${ NAMESPACE }/audit`, { ...query } ),
		parse: false,
	} );
	const items = ( await response.json() ) as AuditEntry[];
	const header = ( name: string, fallback: number ) => {
		const value = Number.parseInt( response.headers.get( name ) ?? '', 10 );
		return Number.isNaN( value ) ? fallback : value;
	};
	return {
		items,
		total: header( 'X-WP-Total', items.length ),
		totalPages: header( 'X-WP-TotalPages', 1 ),
	};
}

/**
 * GET /audit/verify: walks the whole chain, or with `incremental` only the
 * entries since the last intact verification (time in proportion to them).
 *
 * @param incremental Start where the last intact verification ended.
 */
export function fetchChainStatus(
	incremental = false
): Promise< ChainStatus > {
	return apiFetch< ChainStatus >( {
		path: `${ NAMESPACE }/audit/verify${
			incremental ? '?incremental=true' : ''
		}`,
	} );
}

/**
 * GET /usage.
 *
 * @param query Range and agent.
 */
export function fetchUsage( query: UsageQuery ): Promise< UsageReport > {
	return apiFetch< UsageReport >( {
		path: addQueryArgs( `${ NAMESPACE }/usage`, { ...query } ),
	} );
}

/**
 * The address of GET /audit/export for a download link: the browser streams
 * the file to disk as the server writes it, row by row. The REST nonce goes
 * in the query because a link cannot send headers.
 *
 * @param restUrl The route's full URL (printed by the page).
 * @param nonce   The wp_rest nonce.
 * @param format  csv or json.
 * @param query   Filters (page and per_page are ignored: every matching row).
 */
export function exportUrl(
	restUrl: string,
	nonce: string,
	format: 'csv' | 'json',
	query: AuditQuery
): string {
	const { page, per_page: perPage, ...filters } = query;
	void page;
	void perPage;
	return addQueryArgs( restUrl, { ...filters, format, _wpnonce: nonce } );
}
