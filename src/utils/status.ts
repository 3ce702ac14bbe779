/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Proposal, ProposalStatus } from '../api';

/**
 * The states in which a proposal still needs a reviewer: waiting, in conflict (resolve, then approve) or failed
 * (approve again to retry). The server lets a reviewer decide exactly these.
 */
export const OPEN_STATUSES: ProposalStatus[] = [
	'pending',
	'conflict',
	'failed',
];

/**
 * Whether a proposal still needs a reviewer.
 *
 * @param proposal The proposal.
 */
export const needsDecision = ( proposal: Proposal ): boolean =>
	OPEN_STATUSES.includes( proposal.status );

/**
 * Why a proposal cannot be approved right now, said before the click: its agent is paused (resume it first) or
 * revoked. Null when nothing stands in the way. Rejecting stays possible either way.
 *
 * @param proposal The proposal.
 */
export function approvalBlocker( proposal: Proposal ): string | null {
	switch ( proposal.agent.status ) {
		case 'paused':
			return sprintf(
				/* translators: %s: agent name. */
				__(
					'%s is paused: resume it on the Agents screen to apply its proposals, or reject them.',
					'countersign'
				),
				proposal.agent.label
			);
		case 'revoked':
			return sprintf(
				/* translators: %s: agent name. */
				__(
					'%s has been revoked: its proposals can only be rejected.',
					'countersign'
				),
				proposal.agent.label
			);
		default:
			return null;
	}
}
