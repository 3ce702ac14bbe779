/**
 * WordPress dependencies
 */
import { useDispatch } from '@wordpress/data';
import type { Action } from '@wordpress/dataviews/wp';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { toApiError, type Agent } from '../api';
import { ModalActions } from '../components';
import { store as proposalsStore } from '../store';
import type { IssuedCredentials } from './credentials-notice';

/**
 * A confirmation inside the DataViews action modal: what will happen, then
 * Cancel or the action.
 *
 * @param props            Component props.
 * @param props.message    What the action does.
 * @param props.confirm    The confirm button's text.
 * @param props.run        Does it; resolves when done.
 * @param props.closeModal Closes the modal.
 */
function Confirm( {
	message,
	confirm,
	run,
	closeModal,
}: {
	message: string;
	confirm: string;
	run: () => Promise< void >;
	closeModal?: ( () => void ) | undefined;
} ) {
	const [ isBusy, setIsBusy ] = useState( false );
	return (
		<>
			<p className="countersign-confirm__message">{ message }</p>
			<ModalActions
				confirmLabel={ confirm }
				isDestructive
				isBusy={ isBusy }
				onConfirm={ async () => {
					setIsBusy( true );
					await run();
					setIsBusy( false );
					closeModal?.();
				} }
				onCancel={ () => closeModal?.() }
			/>
		</>
	);
}

/**
 * The Agents table's actions: edit, pause, resume, rotate credentials, revoke.
 *
 * @param onEdit        Opens the edit panel.
 * @param onCredentials Shows a password the server issued, once.
 */
export function useAgentActions(
	onEdit: ( agent: Agent ) => void,
	onCredentials: ( credentials: IssuedCredentials ) => void
): Action< Agent >[] {
	const { changeAgentStatus, rotateAgentCredentials } =
		useDispatch( proposalsStore );
	const { createErrorNotice, createSuccessNotice } =
		useDispatch( noticesStore );
	const run = async (
		work: () => Promise< unknown >,
		done: string
	): Promise< void > => {
		try {
			await work();
			void createSuccessNotice( done, { type: 'snackbar' } );
		} catch ( error ) {
			void createErrorNotice( toApiError( error ).message );
		}
	};
	const notRevoked = ( agent: Agent ) => agent.status !== 'revoked';

	return [
		{
			id: 'edit',
			label: __( 'Edit', 'countersign' ),
			isPrimary: true,
			isEligible: notRevoked,
			callback: ( [ agent ] ) => agent && onEdit( agent ),
		},
		{
			id: 'pause',
			label: __( 'Pause', 'countersign' ),
			isEligible: ( agent ) => agent.status === 'active',
			callback: ( [ agent ] ) =>
				agent &&
				void run(
					() => changeAgentStatus( agent.id, 'pause' ),
					sprintf(
						/* translators: %s: agent label. */
						__( '%s is paused.', 'countersign' ),
						agent.label
					)
				),
		},
		{
			id: 'resume',
			label: __( 'Resume', 'countersign' ),
			isEligible: ( agent ) => agent.status === 'paused',
			callback: ( [ agent ] ) =>
				agent &&
				void run(
					() => changeAgentStatus( agent.id, 'resume' ),
					sprintf(
						/* translators: %s: agent label. */
						__( '%s may work again.', 'countersign' ),
						agent.label
					)
				),
		},
		{
			id: 'rotate',
			label: __( 'Rotate credentials', 'countersign' ),
			isEligible: notRevoked,
			modalHeader: __( 'Rotate credentials?', 'countersign' ),
			RenderModal: ( { items: [ agent ], closeModal } ) =>
				agent ? (
					<Confirm
						message={ sprintf(
							/* translators: %s: agent label. */
							__(
								'%s’s application passwords stop working at once; a new one is shown once, for you to give to the agent.',
								'countersign'
							),
							agent.label
						) }
						confirm={ __( 'Rotate', 'countersign' ) }
						closeModal={ closeModal }
						run={ () =>
							run(
								async () => {
									const updated =
										await rotateAgentCredentials(
											agent.id
										);
									if ( updated.application_password ) {
										onCredentials( {
											agent: updated,
											password:
												updated.application_password,
											reason: 'rotated',
										} );
									}
								},
								__( 'Credentials rotated.', 'countersign' )
							)
						}
					/>
				) : (
					<></>
				),
		},
		{
			id: 'revoke',
			label: __( 'Revoke', 'countersign' ),
			isEligible: notRevoked,
			modalHeader: __( 'Revoke this agent?', 'countersign' ),
			RenderModal: ( { items: [ agent ], closeModal } ) =>
				agent ? (
					<Confirm
						message={ sprintf(
							/* translators: %s: agent label. */
							__(
								'%s loses its application passwords and every later request is refused. Its pending proposals are withdrawn. This cannot be undone; its history stays in the audit log.',
								'countersign'
							),
							agent.label
						) }
						confirm={ __( 'Revoke', 'countersign' ) }
						closeModal={ closeModal }
						run={ () =>
							run(
								() => changeAgentStatus( agent.id, 'revoke' ),
								sprintf(
									/* translators: %s: agent label. */
									__( '%s is revoked.', 'countersign' ),
									agent.label
								)
							)
						}
					/>
				) : (
					<></>
				),
		},
	];
}
