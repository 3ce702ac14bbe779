/**
 * External dependencies
 */
import { fireEvent, render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { RejectModal } from '../reject-modal';

describe( 'RejectModal', () => {
	it( 'needs a reason: Reject stays disabled until one is typed, then sends it trimmed', () => {
		const onReject = jest.fn();
		render(
			<RejectModal
				agentLabel="Style bot"
				isBusy={ false }
				onReject={ onReject }
				onClose={ jest.fn() }
			/>
		);
		const reject = screen.getByRole( 'button', { name: 'Reject' } );
		expect( reject.getAttribute( 'aria-disabled' ) ).toBe( 'true' );
		// Submitting with only spaces does nothing.
		fireEvent.change( screen.getByLabelText( 'Reason' ), {
			target: { value: '   ' },
		} );
		fireEvent.submit( reject.closest( 'form' ) as HTMLFormElement );
		expect( onReject ).not.toHaveBeenCalled();

		fireEvent.change( screen.getByLabelText( 'Reason' ), {
			target: { value: '  Off brand.  ' },
		} );
		expect( reject.getAttribute( 'aria-disabled' ) ).not.toBe( 'true' );
		// Keyboard: Enter in the form submits it.
		fireEvent.submit( reject.closest( 'form' ) as HTMLFormElement );
		expect( onReject ).toHaveBeenCalledWith( 'Off brand.' );
	} );

	it( 'tells the reviewer the agent receives the reason; Cancel closes', () => {
		const onClose = jest.fn();
		render(
			<RejectModal
				agentLabel="Style bot"
				isBusy={ false }
				onReject={ jest.fn() }
				onClose={ onClose }
			/>
		);
		expect(
			screen.getByText( /Style bot: the agent receives this reason/ )
		).toBeTruthy();
		fireEvent.click( screen.getByRole( 'button', { name: 'Cancel' } ) );
		expect( onClose ).toHaveBeenCalled();
	} );
} );
