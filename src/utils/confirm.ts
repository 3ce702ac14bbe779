/**
 * WordPress dependencies
 */
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Proposal } from '../api';
import { fieldLabel } from './labels';

/** What a reviewer is asked before approving: a title, one line per proposal, and how many more there are. */
export interface ApprovalQuestion {
	title: string;
	lines: string[];
	more: number;
	confirm: string;
}

/** The most proposals named one by one; the rest are counted. */
const MAX_LINES = 5;

/**
 * A proposed status as a reviewer says it.
 *
 * @param status Post status.
 */
function statusWords( status: unknown ): string {
	switch ( status ) {
		case 'publish':
			return __( 'Published', 'countersign' );
		case 'future':
			return __( 'Scheduled', 'countersign' );
		case 'private':
			return __( 'Private', 'countersign' );
		case 'trash':
			return __( 'Trash', 'countersign' );
		case 'draft':
			return __( 'Draft', 'countersign' );
		case 'pending':
			return __( 'Pending review', 'countersign' );
		default:
			return String( status );
	}
}

/**
 * One proposal in a line: its post and what it changes, the status with its new value.
 * "“Membership fees” by Claude: Status → Published, Slug".
 *
 * @param proposal The proposal.
 */
export function changeLine( proposal: Proposal ): string {
	const changes = Object.keys( proposal.changes ).map( ( field ) =>
		field === 'status'
			? `${ fieldLabel( field ) } → ${ statusWords(
					proposal.changes.status
				) }`
			: fieldLabel( field )
	);
	return sprintf(
		/* translators: 1: post title, 2: agent, 3: the fields it changes. */
		__( '“%1$s” by %2$s: %3$s', 'countersign' ),
		proposal.post_title || __( '(no title)', 'countersign' ),
		proposal.agent.label,
		changes.join( ', ' )
	);
}

/**
 * What to ask before approving, or null when one low-risk proposal needs no
 * second click. Several at once say how many and what; a high-risk one (4 and
 * up: publishing, trashing, a new author, a new address) names the change.
 *
 * @example
 * ```ts
 * approvalQuestion( [ lowRisk ] ); // null
 * approvalQuestion( [ publishFees ] ); // { title: 'Approve a high-risk change?', lines: [ '“Fees” by Claude: Status → Published' ], … }
 * ```
 *
 * @param proposals The proposals about to be approved.
 */
export function approvalQuestion(
	proposals: Proposal[]
): ApprovalQuestion | null {
	const risky = proposals.filter( ( proposal ) => proposal.risk >= 4 );
	if (
		proposals.length === 0 ||
		( proposals.length === 1 && ! risky[ 0 ] )
	) {
		return null;
	}
	const listed =
		proposals.length === 1
			? proposals
			: [ ...risky, ...proposals.filter( ( p ) => p.risk < 4 ) ];
	const lines = listed.slice( 0, MAX_LINES ).map( changeLine );
	if ( proposals.length === 1 ) {
		return {
			title: __( 'Approve a high-risk change?', 'countersign' ),
			lines,
			more: 0,
			confirm: __( 'Approve and apply', 'countersign' ),
		};
	}
	const title =
		risky.length > 0
			? sprintf(
					/* translators: 1: number of proposals, 2: how many of them are high risk. */
					_n(
						'Approve %1$d proposals? %2$d of them is high risk.',
						'Approve %1$d proposals? %2$d of them are high risk.',
						risky.length,
						'countersign'
					),
					proposals.length,
					risky.length
				)
			: sprintf(
					/* translators: %d: number of proposals. */
					__( 'Approve %d proposals?', 'countersign' ),
					proposals.length
				);
	return {
		title,
		lines,
		more: proposals.length - lines.length,
		confirm: sprintf(
			/* translators: %d: number of proposals. */
			__( 'Approve %d', 'countersign' ),
			proposals.length
		),
	};
}
