/**
 * WordPress dependencies
 */
import { Button, Flex, TextareaControl } from '@wordpress/components';
import type { Action } from '@wordpress/dataviews/wp';
import { useDispatch } from '@wordpress/data';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import { toApiError, type Proposal } from '../api';
import { MarkupDiff } from '../diff/markup-diff';
import { store as proposalsStore } from '../store';

const isPending = ( item: Proposal ): boolean => item.status === 'pending';

/**
 * The reject form inside the DataViews action modal.
 *
 * @param props            Modal props from DataViews.
 * @param props.items      The proposals being rejected (one).
 * @param props.closeModal Closes the modal.
 */
function RejectForm( {
	items,
	closeModal,
}: {
	items: Proposal[];
	closeModal?: () => void;
} ) {
	const [ reason, setReason ] = useState( '' );
	const [ isBusy, setIsBusy ] = useState( false );
	const { rejectProposal } = useDispatch( proposalsStore );
	const { createSuccessNotice, createErrorNotice } =
		useDispatch( noticesStore );
	const trimmed = reason.trim();
	return (
		<form
			onSubmit={ async ( event ) => {
				event.preventDefault();
				if ( trimmed === '' ) {
					return;
				}
				setIsBusy( true );
				try {
					for ( const item of items ) {
						await rejectProposal( item.id, trimmed );
					}
					void createSuccessNotice(
						__( 'Proposal rejected.', 'countersign' ),
						{
							type: 'snackbar',
						}
					);
					closeModal?.();
				} catch ( error ) {
					void createErrorNotice( toApiError( error ).message, {
						type: 'snackbar',
					} );
					setIsBusy( false );
				}
			} }
		>
			<TextareaControl
				__nextHasNoMarginBottom
				label={ __( 'Reason', 'countersign' ) }
				help={ __(
					'The agent receives this reason, and it is kept in the audit log.',
					'countersign'
				) }
				value={ reason }
				onChange={ setReason }
				rows={ 4 }
				required
			/>
			<Flex justify="flex-end" className="countersign-modal-actions">
				<Button
					__next40pxDefaultSize
					variant="tertiary"
					onClick={ () => closeModal?.() }
				>
					{ __( 'Cancel', 'countersign' ) }
				</Button>
				<Button
					__next40pxDefaultSize
					variant="primary"
					isDestructive
					type="submit"
					isBusy={ isBusy }
					disabled={ trimmed === '' || isBusy }
					accessibleWhenDisabled
				>
					{ __( 'Reject', 'countersign' ) }
				</Button>
			</Flex>
		</form>
	);
}

/**
 * The markup diff inside the DataViews action modal.
 *
 * @param props       Modal props from DataViews.
 * @param props.items The proposal to show (one).
 */
function DiffModal( { items }: { items: Proposal[] } ) {
	const item = items[ 0 ];
	return item ? <MarkupDiff proposalId={ item.id } /> : <></>;
}

/**
 * The queue's row actions.
 *
 * @param onApprove Approves one proposal (with notices).
 */
export function getQueueActions(
	onApprove: ( item: Proposal ) => Promise< void >
): Action< Proposal >[] {
	return [
		{
			id: 'approve',
			label: __( 'Approve', 'countersign' ),
			isPrimary: true,
			isEligible: isPending,
			callback: ( items ) => {
				for ( const item of items ) {
					void onApprove( item );
				}
			},
		},
		{
			id: 'reject',
			label: __( 'Reject', 'countersign' ),
			isEligible: isPending,
			modalHeader: __( 'Reject proposal', 'countersign' ),
			RenderModal: RejectForm,
		},
		{
			id: 'view-changes',
			label: __( 'View changes', 'countersign' ),
			modalHeader: __( 'Changes', 'countersign' ),
			modalSize: 'large',
			RenderModal: DiffModal,
		},
		{
			id: 'open-in-editor',
			label: __( 'Open in editor', 'countersign' ),
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
