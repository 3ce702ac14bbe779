/**
 * Internal dependencies
 */
import type { ProposalStatus } from '../api';
import { statusLabel } from '../utils/labels';

/**
 * A proposal's state as a small labelled pill.
 *
 * @param props        Component props.
 * @param props.status Proposal status.
 */
export function StatusBadge( { status }: { status: ProposalStatus } ) {
	return (
		<span
			className={ `countersign-status-badge countersign-status-badge--${ status }` }
		>
			{ statusLabel( status ) }
		</span>
	);
}
