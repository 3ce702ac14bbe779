/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import {
	RejectReasonForm,
	type RejectReasonFormProps,
} from '../reject-reason-form';

function renderForm( props: Partial< RejectReasonFormProps > = {} ) {
	const onSubmit = jest.fn();
	const onCancel = jest.fn();
	const utils = render(
		<RejectReasonForm
			isBusy={ false }
			onSubmit={ onSubmit }
			onCancel={ onCancel }
			{ ...props }
		/>
	);
	return {
		...utils,
		onSubmit,
		onCancel,
		field: screen.getByRole( 'textbox', { name: 'Reason' } ),
		reject: () =>
			screen.getByRole( 'button', {
				name: props.submitLabel ?? 'Reject',
			} ),
	};
}

describe( 'RejectReasonForm', () => {
	it( 'asks for a reason: Reject stays disabled while it is blank', async () => {
		const { field, reject, onSubmit } = renderForm();
		expect( field ).toBeRequired();
		expect( reject() ).toHaveAttribute( 'aria-disabled', 'true' );
		await userEvent.click( reject() );
		await userEvent.type( field, '  \t ' );
		expect( reject() ).toHaveAttribute( 'aria-disabled', 'true' );
		await userEvent.click( reject() );
		// Submitting the form another way does not get past the check either.
		fireEvent.submit( field.closest( 'form' )! );
		expect( onSubmit ).not.toHaveBeenCalled();

		await userEvent.type( field, 'x' );
		expect( reject() ).not.toHaveAttribute( 'aria-disabled' );
	} );

	it( 'sends the reason trimmed, once', async () => {
		const { field, reject, onSubmit } = renderForm();
		await userEvent.type( field, '  Off-brand tone.  ' );
		await userEvent.click( reject() );
		expect( onSubmit ).toHaveBeenCalledTimes( 1 );
		expect( onSubmit ).toHaveBeenCalledWith( 'Off-brand tone.' );
	} );

	it( 'lets Enter start a new line in the reason instead of rejecting', async () => {
		const { field, reject, onSubmit } = renderForm();
		await userEvent.type( field, 'Too long.{Enter}Shorten it.' );
		expect( onSubmit ).not.toHaveBeenCalled();
		await userEvent.click( reject() );
		expect( onSubmit ).toHaveBeenCalledWith( 'Too long.\nShorten it.' );
	} );

	it( 'cancels without rejecting', async () => {
		const { field, onSubmit, onCancel } = renderForm();
		await userEvent.type( field, 'Never mind' );
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Cancel' } )
		);
		expect( onCancel ).toHaveBeenCalledTimes( 1 );
		expect( onSubmit ).not.toHaveBeenCalled();
	} );

	it( 'does not reject again while busy, and still lets the reviewer cancel', async () => {
		const { field, reject, onSubmit, onCancel, rerender } = renderForm();
		await userEvent.type( field, 'Off-brand.' );
		rerender(
			<RejectReasonForm
				isBusy
				onSubmit={ onSubmit }
				onCancel={ onCancel }
			/>
		);
		expect( reject() ).toHaveAttribute( 'aria-disabled', 'true' );
		expect( reject() ).toHaveClass( 'is-busy' );
		await userEvent.click( reject() );
		fireEvent.submit( field.closest( 'form' )! );
		expect( onSubmit ).not.toHaveBeenCalled();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Cancel' } )
		);
		expect( onCancel ).toHaveBeenCalledTimes( 1 );
	} );

	it( 'shows the label and help it is given, Cancel first and Reject last', async () => {
		const { field, onSubmit } = renderForm( {
			submitLabel: 'Reject 3 proposals',
			help: 'The agents receive this reason.',
		} );
		expect( field ).toHaveAccessibleDescription(
			'The agents receive this reason.'
		);
		expect(
			screen
				.getAllByRole( 'button' )
				.map( ( button ) => button.textContent )
		).toEqual( [ 'Cancel', 'Reject 3 proposals' ] );
		await userEvent.type( field, 'Duplicates.' );
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Reject 3 proposals' } )
		);
		expect( onSubmit ).toHaveBeenCalledWith( 'Duplicates.' );
	} );
} );
