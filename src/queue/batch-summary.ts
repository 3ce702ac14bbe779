/**
 * WordPress dependencies
 */
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { BatchAction, BatchResult } from '../api';

/**
 * The notice text of a batch answer: how many succeeded, and each failure with its reason. An approval that
 * still waits for a second reviewer (a quorum of two) is said as such, not counted as approved.
 *
 * @example
 * ```ts
 * batchSummary( 'approve', [ { id: 1, ok: true, proposal } ] ); // { ok: 1, text: '1 proposal approved.', failures: [] }
 * ```
 *
 * @param action  What was asked.
 * @param results Per-item results.
 */
export function batchSummary(
	action: BatchAction,
	results: BatchResult[]
): { ok: number; text: string; failures: string[] } {
	const ok = results.filter( ( result ) => result.ok ).length;
	const failures = results.flatMap( ( result ) =>
		result.ok
			? []
			: [
					sprintf(
						/* translators: 1: proposal id, 2: error message. */
						__( '#%1$d: %2$s', 'countersign' ),
						result.id,
						result.message
					),
				]
	);
	if ( action === 'approve' ) {
		const waiting = results.filter(
			( result ) => result.ok && result.proposal.status === 'pending'
		).length;
		const applied = ok - waiting;
		const parts = [];
		if ( applied > 0 || waiting === 0 ) {
			parts.push(
				sprintf(
					/* translators: %d: number of proposals. */
					_n(
						'%d proposal approved.',
						'%d proposals approved.',
						applied,
						'countersign'
					),
					applied
				)
			);
		}
		if ( waiting > 0 ) {
			parts.push(
				sprintf(
					/* translators: %d: number of proposals. */
					_n(
						'Your approval of %d proposal is recorded; it needs a second reviewer before it applies.',
						'Your approvals of %d proposals are recorded; they need a second reviewer before they apply.',
						waiting,
						'countersign'
					),
					waiting
				)
			);
		}
		return { ok, text: parts.join( ' ' ), failures };
	}
	const text = sprintf(
		/* translators: %d: number of proposals. */
		_n(
			'%d proposal rejected.',
			'%d proposals rejected.',
			ok,
			'countersign'
		),
		ok
	);
	return { ok, text, failures };
}
