/**
 * Internal dependencies
 */
import type { Agent, Proposal, ProposalDetail } from '../../api';

/**
 * A proposal as the REST API sends it, with overrides.
 *
 * @param overrides Fields to replace.
 */
export function makeProposal( overrides: Partial< Proposal > = {} ): Proposal {
	return {
		id: 1,
		agent: { id: 7, label: 'Claude on my MacBook', color: '#3858e9' },
		post: 12,
		post_type: 'post',
		post_title: 'Hello world',
		edit_link:
			'http://localhost:8888/wp-admin/post.php?post=12&action=edit',
		status: 'pending',
		risk: 3,
		changes: {
			title: 'Hello, world',
			content: '<!-- wp:paragraph --><p>New</p><!-- /wp:paragraph -->',
		},
		rationale: 'Fix the comma.',
		source: { model: 'test' },
		created: '2026-11-23T01:02:03',
		modified: '2026-11-23T01:02:03',
		base: {
			revision_id: 3,
			modified_gmt: '2026-11-22T00:00:00',
			hashes: {},
		},
		decision: null,
		backup_id: null,
		...overrides,
	};
}

/**
 * A proposal detail with a title comparison.
 *
 * @param overrides Fields to replace.
 */
export function makeDetail(
	overrides: Partial< ProposalDetail > = {}
): ProposalDetail {
	return {
		...makeProposal(),
		fields: {
			title: {
				base: 'Hello world',
				current: 'Hello world',
				proposed: 'Hello, world',
			},
		},
		...overrides,
	};
}

/**
 * An agent as GET /agents sends it.
 *
 * @param overrides Fields to replace.
 */
export function makeAgent( overrides: Partial< Agent > = {} ): Agent {
	return {
		id: 7,
		user_login: 'agent-claude',
		label: 'Claude on my MacBook',
		description: '',
		color: '#3858e9',
		preset: 'draft_only',
		groups: [ 'read', 'create_edit' ],
		role: 'author',
		autonomy: 'supervised',
		status: 'active',
		rate_limit: 60,
		daily_proposal_budget: 100,
		monthly_proposal_budget: 0,
		monthly_token_budget: 0,
		monthly_spend_budget: 0,
		auto_paused_at: null,
		created_by: 1,
		created_at: '2026-11-20T10:00:00',
		last_seen_at: null,
		...overrides,
	};
}

/**
 * A fetch Response stand-in for apiFetch( { parse: false } ).
 *
 * @param body    JSON body.
 * @param headers Response headers.
 */
export function jsonResponse(
	body: unknown,
	headers: Record< string, string > = {}
): Response {
	const lower = Object.fromEntries(
		Object.entries( headers ).map( ( [ key, value ] ) => [
			key.toLowerCase(),
			value,
		] )
	);
	return {
		json: async () => body,
		headers: {
			get: ( name: string ) => lower[ name.toLowerCase() ] ?? null,
		},
	} as unknown as Response;
}
