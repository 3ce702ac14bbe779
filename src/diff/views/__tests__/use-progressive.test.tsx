/**
 * External dependencies
 */
import { act, render, screen } from '@testing-library/react';

/**
 * WordPress dependencies
 */
import { startTransition } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { useProgressive } from '../use-progressive';

// The real startTransition, watched: which renders of the list are transitions.
jest.mock( '@wordpress/element', () => {
	const actual = jest.requireActual( '@wordpress/element' );
	return {
		...actual,
		startTransition: jest.fn( actual.startTransition ),
	};
} );

function List( { items }: { items: readonly number[] } ) {
	return (
		<ul>
			{ useProgressive( items, 2, 3 ).map( ( item ) => (
				<li key={ item }>{ item }</li>
			) ) }
		</ul>
	);
}

const items = Array.from( { length: 8 }, ( _, index ) => index );

describe( 'useProgressive', () => {
	beforeEach( () => {
		jest.useFakeTimers();
		jest.mocked( startTransition ).mockClear();
	} );
	afterEach( () => jest.useRealTimers() );

	it( 'renders the first slice at once and each later one as a transition', () => {
		render( <List items={ items } /> );
		expect( screen.getAllByRole( 'listitem' ) ).toHaveLength( 2 );
		expect( startTransition ).not.toHaveBeenCalled();

		act( () => {
			jest.advanceTimersByTime( 0 );
		} );
		expect( screen.getAllByRole( 'listitem' ) ).toHaveLength( 5 );
		expect( startTransition ).toHaveBeenCalledTimes( 1 );

		act( () => {
			jest.advanceTimersByTime( 0 );
		} );
		expect( screen.getAllByRole( 'listitem' ) ).toHaveLength( 8 );
		expect( startTransition ).toHaveBeenCalledTimes( 2 );
		expect( jest.getTimerCount() ).toBe( 0 );
	} );
} );
