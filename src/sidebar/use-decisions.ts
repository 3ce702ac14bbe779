/**
 * WordPress dependencies
 */
import { useDispatch, useRegistry } from '@wordpress/data';
import { useCallback } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { toApiError, type ChangeSet, type Proposal } from '../api';
import { store as proposalsStore } from '../store';
import { syncEditorWithServer } from './editor-sync';

/**
 * What a reviewer is told when their approval does not apply yet: the site needs two reviewers for this risk.
 */
export const awaitingSecondReviewer = (): string =>
	__(
		'Your approval is recorded. This change needs a second reviewer before it applies.',
		'countersign'
	);

interface Decisions {
	approve: (
		proposal: Proposal,
		edits?: Partial< ChangeSet >
	) => Promise< void >;
	reject: ( proposal: Proposal, reason: string ) => Promise< boolean >;
	restore: ( backupId: number ) => Promise< void >;
}

/**
 * The editor's decision handlers: store thunks, plus the notices and the
 * editor refresh that only make sense inside the block editor.
 *
 * @param currentPostId The post open in the editor.
 */
export function useDecisions( currentPostId: number | null ): Decisions {
	const registry = useRegistry();
	const { approveProposal, rejectProposal, restoreBackup } =
		useDispatch( proposalsStore );
	const { createSuccessNotice, createErrorNotice, createWarningNotice } =
		useDispatch( noticesStore );

	const refreshEditor = useCallback(
		async ( postId: number ) => {
			if ( postId !== currentPostId ) {
				return;
			}
			try {
				await syncEditorWithServer( registry );
			} catch {
				void createWarningNotice(
					__(
						'The change was saved, but the editor could not load it. Reload the page to see it.',
						'countersign'
					),
					{ id: 'countersign-sync' }
				);
			}
		},
		[ registry, currentPostId, createWarningNotice ]
	);

	const restore = useCallback(
		async ( backupId: number ) => {
			try {
				const result = await restoreBackup( backupId );
				await refreshEditor( result.post );
				void createSuccessNotice(
					__( 'Backup restored.', 'countersign' ),
					{
						type: 'snackbar',
						id: 'countersign-decision',
						actions: [
							{
								label: __( 'Undo', 'countersign' ),
								onClick: () => void restore( result.backup_id ),
							},
						],
					}
				);
			} catch ( error ) {
				void createErrorNotice( toApiError( error ).message, {
					id: 'countersign-decision-error',
				} );
			}
		},
		[ restoreBackup, refreshEditor, createSuccessNotice, createErrorNotice ]
	);

	const approve = useCallback(
		async ( proposal: Proposal, edits?: Partial< ChangeSet > ) => {
			try {
				const applied = await approveProposal(
					proposal.id,
					edits ? { edits } : {}
				);
				if ( applied.status === 'pending' ) {
					void createSuccessNotice( awaitingSecondReviewer(), {
						type: 'snackbar',
						id: 'countersign-decision',
					} );
					return;
				}
				await refreshEditor( applied.post );
				const backupId = applied.backup_id;
				void createSuccessNotice(
					__( 'Proposal approved and applied.', 'countersign' ),
					{
						type: 'snackbar',
						id: 'countersign-decision',
						actions:
							backupId === null
								? []
								: [
										{
											label: __( 'Undo', 'countersign' ),
											onClick: () =>
												void restore( backupId ),
										},
									],
					}
				);
			} catch ( error ) {
				void createErrorNotice( toApiError( error ).message, {
					id: 'countersign-decision-error',
				} );
			}
		},
		[
			approveProposal,
			refreshEditor,
			restore,
			createSuccessNotice,
			createErrorNotice,
		]
	);

	const reject = useCallback(
		async ( proposal: Proposal, reason: string ) => {
			try {
				await rejectProposal( proposal.id, reason );
				void createSuccessNotice(
					__( 'Proposal rejected.', 'countersign' ),
					{
						type: 'snackbar',
						id: 'countersign-decision',
					}
				);
				return true;
			} catch ( error ) {
				void createErrorNotice( toApiError( error ).message, {
					id: 'countersign-decision-error',
				} );
				return false;
			}
		},
		[ rejectProposal, createSuccessNotice, createErrorNotice ]
	);

	return { approve, reject, restore };
}
