/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Internal dependencies
 */
import { TableBox } from '../table-box';

describe( 'TableBox', () => {
	it( 'shows only the table while the rows load fine', () => {
		const { container } = render(
			<TableBox error={ null } onRetry={ jest.fn() }>
				<table aria-label="Rows" />
			</TableBox>
		);
		expect( screen.getByRole( 'table', { name: 'Rows' } ) ).toBeVisible();
		expect(
			screen.queryByRole( 'button', { name: 'Try again' } )
		).toBeNull();
		expect( container.firstChild ).toHaveClass( 'countersign-table' );
	} );

	it( 'shows why the rows did not load, above the table, and tries again', async () => {
		const onRetry = jest.fn();
		const { container } = render(
			<TableBox
				className="countersign-queue"
				error={ {
					code: 'rest_forbidden',
					message: 'Sorry, you are not allowed to do that.',
				} }
				onRetry={ onRetry }
			>
				<table aria-label="Rows" />
			</TableBox>
		);
		expect( container.firstChild ).toHaveClass(
			'countersign-table',
			'countersign-queue'
		);
		const retry = screen.getByRole( 'button', { name: 'Try again' } );
		// The notice, not the a11y live region that also reads it out.
		const notice = retry.closest( '.components-notice' )!;
		expect( notice ).toHaveTextContent(
			'Sorry, you are not allowed to do that. Try again'
		);
		expect( notice.nextElementSibling ).toBe(
			screen.getByRole( 'table', { name: 'Rows' } )
		);
		await userEvent.click( retry );
		expect( onRetry ).toHaveBeenCalledTimes( 1 );
	} );
} );
