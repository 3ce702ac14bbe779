/**
 * WordPress dependencies
 */
import { Button, Flex } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

export interface ModalActionsProps {
	/** The confirm button's text. */
	confirmLabel: string;
	/** Leaves without doing anything. */
	onCancel: () => void;
	/**
	 * Does the action. Without it the confirm button submits the form the row
	 * sits in, and the form's submit handler does the work.
	 */
	onConfirm?: () => void;
	/** Red, for what cannot be taken back (reject, revoke). */
	isDestructive?: boolean;
	/** The action is running: the confirm button spins and cannot be pressed again. */
	isBusy?: boolean;
	/** The action cannot run yet (a required field is blank, nothing changed). */
	isDisabled?: boolean;
}

/**
 * The button row at the foot of a dialog: Cancel, then the action on the
 * right, as WordPress's own dialogs have it. Cancel stays available while the
 * action runs; the action button says it is busy and stays focusable when
 * disabled, so screen reader users still find it.
 *
 * @example
 * ```tsx
 * <ModalActions
 * 	confirmLabel={ revokeLabel }
 * 	isDestructive
 * 	isBusy={ isBusy }
 * 	onConfirm={ revoke }
 * 	onCancel={ closeModal }
 * />
 * ```
 *
 * @param props               Component props.
 * @param props.confirmLabel  The confirm button's text.
 * @param props.onCancel      Called by Cancel.
 * @param props.onConfirm     Called by the confirm button; without it, it submits the form.
 * @param props.isDestructive Whether the action is destructive.
 * @param props.isBusy        Whether the action is running.
 * @param props.isDisabled    Whether the action cannot run yet.
 */
export function ModalActions( {
	confirmLabel,
	onCancel,
	onConfirm,
	isDestructive = false,
	isBusy = false,
	isDisabled = false,
}: ModalActionsProps ) {
	return (
		<Flex justify="flex-end" className="countersign-modal-actions">
			<Button
				__next40pxDefaultSize
				variant="tertiary"
				onClick={ onCancel }
			>
				{ __( 'Cancel', 'countersign' ) }
			</Button>
			<Button
				__next40pxDefaultSize
				variant="primary"
				isDestructive={ isDestructive }
				type={ onConfirm ? 'button' : 'submit' }
				onClick={ onConfirm }
				isBusy={ isBusy }
				disabled={ isBusy || isDisabled }
				accessibleWhenDisabled
			>
				{ confirmLabel }
			</Button>
		</Flex>
	);
}
