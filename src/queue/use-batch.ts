/**
 * WordPress dependencies
 */
import { useDispatch } from '@wordpress/data';
import { useCallback } from '@wordpress/element';
import { _n, sprintf } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { toApiError, type BatchAction } from '../api';
import { batchSummary } from './batch-summary';
import { reviewStore } from '../store/review';

/**
 * Runs a batch decision and reports it: a snackbar for the successes, and an
 * error notice listing every item that failed, with its reason.
 *
 * @return Runs the batch; resolves to whether every item succeeded.
 */
export function useBatchDecide(): (
	ids: number[],
	action: BatchAction,
	reason?: string
) => Promise< boolean > {
	const { batchDecide } = useDispatch( reviewStore );
	const { createSuccessNotice, createErrorNotice } =
		useDispatch( noticesStore );
	return useCallback(
		async ( ids: number[], action: BatchAction, reason?: string ) => {
			try {
				const results = await batchDecide( ids, action, reason );
				const summary = batchSummary( action, results );
				if ( summary.ok > 0 ) {
					void createSuccessNotice( summary.text, {
						type: 'snackbar',
						id: 'countersign-batch',
					} );
				}
				if ( summary.failures.length > 0 ) {
					void createErrorNotice(
						sprintf(
							/* translators: %s: list of failures. */
							_n(
								'One proposal could not be decided: %s',
								'Some proposals could not be decided: %s',
								summary.failures.length,
								'countersign'
							),
							summary.failures.join( '; ' )
						),
						{ id: 'countersign-batch-errors' }
					);
				}
				return summary.failures.length === 0;
			} catch ( error ) {
				void createErrorNotice( toApiError( error ).message, {
					id: 'countersign-batch-errors',
				} );
				return false;
			}
		},
		[ batchDecide, createSuccessNotice, createErrorNotice ]
	);
}
