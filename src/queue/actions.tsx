/**
 * WordPress dependencies
 */
import type { Action } from '@wordpress/dataviews/wp';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { seen } from '@wordpress/icons';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { Proposal } from '../api';
import { RejectReasonForm } from '../components';
import { approvalBlocker, needsDecision } from '../utils/status';
import { useBatchDecide } from './use-batch';

const isPending = ( item: Proposal ): boolean => item.status === 'pending';

/**
 * Approve is offered only where it can apply: not for a paused or revoked agent's proposal (the panel says why).
 * @param item
 */
const isApprovable = ( item: Proposal ): boolean =>
	isPending( item ) && approvalBlocker( item ) === null;

/**
 * The reject form inside the DataViews action modal, for one proposal or many.
 *
 * @param props            Modal props from DataViews.
 * @param props.items      The proposals being rejected.
 * @param props.closeModal Closes the modal.
 */
function RejectForm( {
	items,
	closeModal,
}: {
	items: Proposal[];
	closeModal?: () => void;
} ) {
	const [ isBusy, setIsBusy ] = useState( false );
	const decide = useBatchDecide();
	return (
		<RejectReasonForm
			help={ __(
				'The agents receive this reason, and it is kept in the audit log.',
				'countersign'
			) }
			submitLabel={
				items.length > 1
					? sprintf(
							/* translators: %d: number of proposals. */
							_n(
								'Reject %d proposal',
								'Reject %d proposals',
								items.length,
								'countersign'
							),
							items.length
						)
					: undefined
			}
			isBusy={ isBusy }
			onSubmit={ async ( reason ) => {
				setIsBusy( true );
				await decide(
					items.map( ( item ) => item.id ),
					'reject',
					reason
				);
				setIsBusy( false );
				closeModal?.();
			} }
			onCancel={ () => closeModal?.() }
		/>
	);
}

/**
 * The queue's actions: approve and reject (one or many, through POST
 * /proposals/batch), show the changes in the side panel, open in the editor.
 *
 * @param decide  Runs a batch decision with notices.
 * @param onOpen  Shows a proposal in the side panel.
 * @param confirm Asks once more before several or high-risk approvals.
 * @param compact Beside the side panel: every action in the row's menu, so
 *                inline buttons never cover the columns that are left.
 */
export function getQueueActions(
	decide: ReturnType< typeof useBatchDecide >,
	onOpen: ( item: Proposal ) => void,
	confirm: ( items: Proposal[] ) => Promise< boolean >,
	compact = false
): Action< Proposal >[] {
	return [
		{
			id: 'approve',
			label: __( 'Approve', 'countersign' ),
			isPrimary: ! compact,
			supportsBulk: true,
			isEligible: isApprovable,
			callback: async ( items ) => {
				if ( await confirm( items ) ) {
					await decide(
						items.map( ( item ) => item.id ),
						'approve'
					);
				}
			},
		},
		{
			id: 'reject',
			label: __( 'Reject', 'countersign' ),
			supportsBulk: true,
			// A conflict or a failed apply can be rejected as well as resolved or retried.
			isEligible: needsDecision,
			modalHeader: __( 'Reject proposals', 'countersign' ),
			RenderModal: RejectForm,
		},
		{
			id: 'view-changes',
			label: __( 'View changes', 'countersign' ),
			icon: seen,
			isPrimary: ! compact,
			callback: ( items ) => {
				const item = items[ 0 ];
				if ( item ) {
					onOpen( item );
				}
			},
		},
		{
			id: 'open-in-editor',
			label: __( 'Open in editor', 'countersign' ),
			isEligible: ( item ) => item.edit_link !== '',
			callback: ( items ) => {
				const item = items[ 0 ];
				if ( item ) {
					window.location.assign(
						addQueryArgs( item.edit_link, { countersign: item.id } )
					);
				}
			},
		},
	];
}
