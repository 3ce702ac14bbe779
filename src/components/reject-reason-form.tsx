/**
 * WordPress dependencies
 */
import { TextareaControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { ModalActions } from './modal-actions';

export interface RejectReasonFormProps {
	/**
	 * Rejects with the trimmed reason. Never called with a blank reason, nor
	 * while `isBusy`; the caller owns the request and its busy state.
	 */
	onSubmit: ( reason: string ) => void | Promise< void >;
	/** Leaves without rejecting. */
	onCancel: () => void;
	/** Whether the rejection request is in flight. */
	isBusy: boolean;
	/** The reject button's text, when it says more than "Reject" ("Reject 3 proposals"). */
	submitLabel?: string | undefined;
	/** Under the field: who receives the reason, and that it is kept. */
	help?: string;
	/** The field's height, in lines. */
	rows?: number;
	/** A class for the form, for the place it is shown in. */
	className?: string;
}

/**
 * The reason a reviewer gives for rejecting proposals: a required field (a
 * blank or all-space reason cannot be sent), then Cancel and Reject. The same
 * form serves the editor sidebar's dialog, the queue's bulk dialog and the
 * queue panel.
 *
 * @example
 * ```tsx
 * <RejectReasonForm
 * 	help={ whoReadsIt }
 * 	isBusy={ isBusy }
 * 	onSubmit={ ( reason ) => reject( proposal, reason ) }
 * 	onCancel={ close }
 * />
 * ```
 *
 * @param props             Component props.
 * @param props.onSubmit    Called with the trimmed reason.
 * @param props.onCancel    Called by Cancel.
 * @param props.isBusy      Whether the rejection is in flight.
 * @param props.submitLabel The reject button's text ("Reject" by default).
 * @param props.help        Help text under the field.
 * @param props.rows        The field's height in lines (4 by default).
 * @param props.className   A class for the form.
 */
export function RejectReasonForm( {
	onSubmit,
	onCancel,
	isBusy,
	submitLabel,
	help,
	rows = 4,
	className,
}: RejectReasonFormProps ) {
	const [ reason, setReason ] = useState( '' );
	const trimmed = reason.trim();
	return (
		<form
			className={ className }
			onSubmit={ ( event ) => {
				event.preventDefault();
				if ( trimmed !== '' && ! isBusy ) {
					void onSubmit( trimmed );
				}
			} }
		>
			<TextareaControl
				__nextHasNoMarginBottom
				label={ __( 'Reason', 'countersign' ) }
				help={ help }
				value={ reason }
				onChange={ setReason }
				rows={ rows }
				required
			/>
			<ModalActions
				confirmLabel={ submitLabel ?? __( 'Reject', 'countersign' ) }
				isDestructive
				isBusy={ isBusy }
				isDisabled={ trimmed === '' }
				onCancel={ onCancel }
			/>
		</form>
	);
}
