/**
 * WordPress dependencies
 */
import { Button, Flex, Modal, TextareaControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

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
	const [ reason, setReason ] = useState( '' );
	const trimmed = reason.trim();
	return (
		<Modal
			title={ __( 'Reject proposal', 'countersign' ) }
			onRequestClose={ onClose }
			size="medium"
			// The reason is the one thing to do here: keyboard users type it straight away.
			focusOnMount="firstContentElement"
		>
			<form
				onSubmit={ ( event ) => {
					event.preventDefault();
					if ( trimmed !== '' && ! isBusy ) {
						onReject( trimmed );
					}
				} }
			>
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Reason', 'countersign' ) }
					help={ `${ agentLabel }: ${ __(
						'the agent receives this reason, and it is kept in the audit log.',
						'countersign'
					) }` }
					value={ reason }
					onChange={ setReason }
					rows={ 4 }
					required
				/>
				<Flex justify="flex-end" className="countersign-modal-actions">
					<Button
						__next40pxDefaultSize
						variant="tertiary"
						onClick={ onClose }
					>
						{ __( 'Cancel', 'countersign' ) }
					</Button>
					<Button
						__next40pxDefaultSize
						variant="primary"
						isDestructive
						type="submit"
						isBusy={ isBusy }
						accessibleWhenDisabled
						disabled={ trimmed === '' || isBusy }
					>
						{ __( 'Reject', 'countersign' ) }
					</Button>
				</Flex>
			</form>
		</Modal>
	);
}
