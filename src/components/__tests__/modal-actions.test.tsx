/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import { ModalActions } from '../modal-actions';

describe( 'ModalActions', () => {
	it( 'puts Cancel first and the action last, and runs each on click', async () => {
		const onConfirm = jest.fn();
		const onCancel = jest.fn();
		render(
			<ModalActions
				confirmLabel="Revoke"
				isDestructive
				onConfirm={ onConfirm }
				onCancel={ onCancel }
			/>
		);
		const buttons = screen.getAllByRole( 'button' );
		expect( buttons.map( ( button ) => button.textContent ) ).toEqual( [
			'Cancel',
			'Revoke',
		] );
		const revoke = screen.getByRole( 'button', { name: 'Revoke' } );
		expect( revoke ).toHaveAttribute( 'type', 'button' );
		expect( revoke ).toHaveClass( 'is-primary', 'is-destructive' );

		await userEvent.click( revoke );
		expect( onConfirm ).toHaveBeenCalledTimes( 1 );
		expect( onCancel ).not.toHaveBeenCalled();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Cancel' } )
		);
		expect( onCancel ).toHaveBeenCalledTimes( 1 );
		expect( onConfirm ).toHaveBeenCalledTimes( 1 );
	} );

	it( 'submits the form it sits in when it has no click handler', async () => {
		const onSubmit = jest.fn( ( event: { preventDefault: () => void } ) =>
			event.preventDefault()
		);
		render(
			<form onSubmit={ onSubmit }>
				<ModalActions confirmLabel="Save" onCancel={ jest.fn() } />
			</form>
		);
		const save = screen.getByRole( 'button', { name: 'Save' } );
		expect( save ).toHaveAttribute( 'type', 'submit' );
		expect( save ).not.toHaveClass( 'is-destructive' );
		await userEvent.click( save );
		expect( onSubmit ).toHaveBeenCalledTimes( 1 );
		// Cancel is never a submit button.
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Cancel' } )
		);
		expect( onSubmit ).toHaveBeenCalledTimes( 1 );
	} );

	it.each( [
		[ 'busy', { isBusy: true } ],
		[ 'disabled', { isDisabled: true } ],
	] )(
		'keeps the action from running while %s, and keeps it focusable',
		async ( _state, flags ) => {
			const onConfirm = jest.fn();
			const onSubmit = jest.fn();
			const onCancel = jest.fn();
			render(
				<>
					<ModalActions
						confirmLabel="Rotate"
						onConfirm={ onConfirm }
						onCancel={ onCancel }
						{ ...flags }
					/>
					<form onSubmit={ onSubmit }>
						<ModalActions
							confirmLabel="Save"
							onCancel={ onCancel }
							{ ...flags }
						/>
					</form>
				</>
			);
			for ( const name of [ 'Rotate', 'Save' ] ) {
				const button = screen.getByRole( 'button', { name } );
				expect( button ).toHaveAttribute( 'aria-disabled', 'true' );
				expect( button ).not.toBeDisabled();
				await userEvent.click( button );
			}
			expect( onConfirm ).not.toHaveBeenCalled();
			expect( onSubmit ).not.toHaveBeenCalled();
			const [ cancel ] = screen.getAllByRole( 'button', {
				name: 'Cancel',
			} );
			await userEvent.click( cancel! );
			expect( onCancel ).toHaveBeenCalledTimes( 1 );
		}
	);

	it( 'says when the action is running', () => {
		render(
			<ModalActions
				confirmLabel="Revoke"
				isBusy
				onConfirm={ jest.fn() }
				onCancel={ jest.fn() }
			/>
		);
		expect( screen.getByRole( 'button', { name: 'Revoke' } ) ).toHaveClass(
			'is-busy'
		);
		expect(
			screen.getByRole( 'button', { name: 'Cancel' } )
		).not.toHaveAttribute( 'aria-disabled' );
	} );
} );
