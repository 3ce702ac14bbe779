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
