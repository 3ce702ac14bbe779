/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type {
	AgentAutonomy,
	AgentRole,
	AgentStatus,
	Preset,
	ProposalDecision,
	ProposalStatus,
	RiskLevel,
} from '../api';

/**
 * The word shown beside a risk level, so the badge never relies on colour alone.
 *
 * @param level Risk level 1..5.
 */
export function riskLabel( level: RiskLevel ): string {
	switch ( level ) {
		case 1:
			return __( 'Read', 'countersign' );
		case 2:
			return __( 'Low', 'countersign' );
		case 3:
			return __( 'Medium', 'countersign' );
		case 4:
			return __( 'High', 'countersign' );
		case 5:
			return __( 'Extreme', 'countersign' );
	}
}

/**
 * Clamps whatever the server sent into a known risk level, so an unexpected
 * value still renders as the most cautious badge instead of breaking the UI.
 *
 * @param value Raw risk value.
 */
export function toRiskLevel( value: unknown ): RiskLevel {
	const n = typeof value === 'number' ? Math.round( value ) : Number.NaN;
	if ( n === 1 || n === 2 || n === 3 || n === 4 || n === 5 ) {
		return n;
	}
	return 5;
}

export const PROPOSAL_STATUSES: readonly ProposalStatus[] = [
	'pending',
	'applied',
	'rejected',
	'withdrawn',
	'conflict',
	'failed',
	'expired',
	'reverted',
];

/**
 * Human label of a proposal state.
 *
 * @param status Proposal status.
 */
export function statusLabel( status: ProposalStatus ): string {
	switch ( status ) {
		case 'pending':
			return __( 'Pending', 'countersign' );
		case 'applied':
			return __( 'Applied', 'countersign' );
		case 'rejected':
			return __( 'Rejected', 'countersign' );
		case 'withdrawn':
			return __( 'Withdrawn', 'countersign' );
		case 'conflict':
			return __( 'Conflict', 'countersign' );
		case 'failed':
			return __( 'Failed', 'countersign' );
		case 'expired':
			return __( 'Expired', 'countersign' );
		case 'reverted':
			return __( 'Reverted', 'countersign' );
	}
}

/**
 * Human label of a change-set field. Unknown keys are shown as sent.
 *
 * @param field Change-set key (title, content, excerpt, slug...).
 */
export function fieldLabel( field: string ): string {
	const labels: Record< string, string > = {
		title: __( 'Title', 'countersign' ),
		content: __( 'Content', 'countersign' ),
		excerpt: __( 'Excerpt', 'countersign' ),
		slug: __( 'Slug', 'countersign' ),
		status: __( 'Status', 'countersign' ),
		date: __( 'Date', 'countersign' ),
		author: __( 'Author', 'countersign' ),
		featured_media: __( 'Featured image', 'countersign' ),
		terms: __( 'Categories and tags', 'countersign' ),
		meta: __( 'Custom fields', 'countersign' ),
		site_settings: __( 'Site settings', 'countersign' ),
		media: __( 'New media', 'countersign' ),
		attachments: __( 'Media descriptions', 'countersign' ),
	};
	return labels[ field ] ?? field;
}

export const PRESETS: readonly Preset[] = [
	'read_only',
	'seo_specialist',
	'media_manager',
	'draft_only',
	'content_manager',
	'standard',
	'full_access',
	'custom',
];

/**
 * Human label of a capability preset.
 *
 * @param preset Preset slug.
 */
export function presetLabel( preset: Preset ): string {
	switch ( preset ) {
		case 'read_only':
			return __( 'Read only', 'countersign' );
		case 'seo_specialist':
			return __( 'SEO specialist', 'countersign' );
		case 'media_manager':
			return __( 'Media manager', 'countersign' );
		case 'draft_only':
			return __( 'Drafts only', 'countersign' );
		case 'content_manager':
			return __( 'Content manager', 'countersign' );
		case 'standard':
			return __( 'Standard', 'countersign' );
		case 'full_access':
			return __( 'Full access', 'countersign' );
		case 'custom':
			return __( 'Custom', 'countersign' );
	}
}

export const ROLES: readonly AgentRole[] = [
	'contributor',
	'author',
	'editor',
];

/**
 * Human label of the WordPress role an agent acts with.
 *
 * @param role Role slug.
 */
export function roleLabel( role: AgentRole ): string {
	switch ( role ) {
		case 'contributor':
			return __( 'Contributor', 'countersign' );
		case 'author':
			return __( 'Author', 'countersign' );
		case 'editor':
			return __( 'Editor', 'countersign' );
	}
}

/**
 * Human label of an agent's autonomy.
 *
 * @param autonomy Autonomy slug.
 */
export function autonomyLabel( autonomy: AgentAutonomy ): string {
	return autonomy === 'autonomous'
		? __( 'Autonomous (low-risk changes apply at once)', 'countersign' )
		: __( 'Supervised (every change needs approval)', 'countersign' );
}

/**
 * One word for an agent's autonomy, for tables.
 *
 * @param autonomy Autonomy.
 */
export function autonomyWord( autonomy: AgentAutonomy ): string {
	return autonomy === 'autonomous'
		? __( 'Autonomous', 'countersign' )
		: __( 'Supervised', 'countersign' );
}

/**
 * Human label of an agent's status.
 *
 * @param status Agent status.
 */
export function agentStatusLabel( status: AgentStatus ): string {
	switch ( status ) {
		case 'active':
			return __( 'Active', 'countersign' );
		case 'paused':
			return __( 'Paused', 'countersign' );
		case 'revoked':
			return __( 'Revoked', 'countersign' );
	}
}

/**
 * One line saying who decided a proposal and how: approved (by a reviewer, or applied at once for an autonomous
 * agent), rejected, withdrawn or replaced by its agent, approved but not applied because the apply failed, or
 * expired undecided.
 *
 * @param decision The proposal's last decision.
 */
export function decisionLabel( decision: ProposalDecision ): string {
	const who = decision.user_name;
	const reason = decision.reason;
	switch ( decision.action ) {
		case 'approve':
			if ( decision.auto ) {
				return sprintf(
					/* translators: %s: agent name. */
					__( 'Applied at once for %s (autonomous)', 'countersign' ),
					who
				);
			}
			if ( reason !== '' ) {
				return sprintf(
					/* translators: 1: reviewer name, 2: the reviewer's note. */
					__( 'Approved by %1$s: %2$s', 'countersign' ),
					who,
					reason
				);
			}
			return sprintf(
				/* translators: %s: reviewer name. */
				__( 'Approved by %s', 'countersign' ),
				who
			);
		case 'reject':
			if ( reason !== '' ) {
				return sprintf(
					/* translators: 1: reviewer name, 2: the reason given. */
					__( 'Rejected by %1$s: %2$s', 'countersign' ),
					who,
					reason
				);
			}
			return sprintf(
				/* translators: %s: reviewer name. */
				__( 'Rejected by %s', 'countersign' ),
				who
			);
		case 'withdraw':
			if ( decision.superseded_by ) {
				return sprintf(
					/* translators: 1: agent name, 2: id of the newer proposal. */
					__( 'Replaced by %1$s with proposal #%2$d', 'countersign' ),
					who,
					decision.superseded_by
				);
			}
			return sprintf(
				/* translators: %s: agent name. */
				__( 'Withdrawn by %s', 'countersign' ),
				who
			);
		case 'expire':
			return sprintf(
				/* translators: %s: why, e.g. "No decision within 30 days." */
				__( 'Expired. %s', 'countersign' ),
				reason
			);
		case 'failed':
			return sprintf(
				/* translators: 1: reviewer name, 2: the error. */
				__(
					'Approved by %1$s, but it could not be applied: %2$s',
					'countersign'
				),
				who,
				reason
			);
	}
}
