/**
 * WordPress dependencies
 */
import { Modal } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { RejectReasonForm } from '../components';

interface RejectModalProps {
	agentLabel: string;
	isBusy: boolean;
	onReject: ( reason: string ) => void;
	onClose: () => void;
}

/**
 * Asks for the reason of a rejection; the agent sees it, and it goes to the audit log.
 *
 * @param props            Component props.
 * @param props.agentLabel The proposing agent, for the help text.
 * @param props.isBusy     Whether the rejection request is in flight.
 * @param props.onReject   Called with the trimmed reason.
 * @param props.onClose    Called on cancel.
 */
export function RejectModal( {
	agentLabel,
	isBusy,
	onReject,
	onClose,
}: RejectModalProps ) {
	return (
		<Modal
			title={ __( 'Reject proposal', 'countersign' ) }
			onRequestClose={ onClose }
			size="medium"
			// The reason is the one thing to do here: keyboard users type it straight away.
			focusOnMount="firstContentElement"
		>
			<RejectReasonForm
				help={ `${ agentLabel }: ${ __(
					'the agent receives this reason, and it is kept in the audit log.',
					'countersign'
				) }` }
				isBusy={ isBusy }
				onSubmit={ onReject }
				onCancel={ onClose }
			/>
		</Modal>
	);
}
