/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { AgentChip } from '../agent-chip';
import { RiskBadge } from '../risk-badge';
import { StatusBadge } from '../status-badge';
import { RiskReasons } from '../risk-reasons';

describe( 'AgentChip', () => {
	it( 'shows the initials on the agent colour and the label beside them', () => {
		const { container } = render(
			<AgentChip
				agent={ { label: 'Claude on my MacBook', color: '#3858e9' } }
			/>
		);
		const avatar = container.querySelector< HTMLElement >(
			'.countersign-agent-chip__avatar'
		);
		expect( avatar ).toHaveTextContent( 'CM' );
		expect( avatar ).toHaveStyle( {
			backgroundColor: '#3858e9',
			color: '#fff',
		} );
		// The label is the accessible text; the initials are decoration.
		expect( avatar ).toHaveAttribute( 'aria-hidden', 'true' );
		expect( screen.getByText( 'Claude on my MacBook' ) ).toBeVisible();
	} );

	it( 'uses dark initials on a light colour', () => {
		const { container } = render(
			<AgentChip agent={ { label: 'ci-bot', color: '#ffe066' } } />
		);
		const avatar = container.querySelector(
			'.countersign-agent-chip__avatar'
		);
		expect( avatar ).toHaveTextContent( 'CB' );
		expect( avatar ).toHaveStyle( { color: '#000' } );
	} );

	it( 'refuses a colour that is not a hex value', () => {
		const { container } = render(
			<AgentChip
				agent={ {
					label: 'Evil',
					color: 'red;background:url(https://x.test)',
				} }
			/>
		);
		expect(
			container.querySelector( '.countersign-agent-chip__avatar' )
		).toHaveStyle( { backgroundColor: '#757575' } );
	} );

	it( 'in compact form, is an image named by the label', () => {
		render(
			<AgentChip
				agent={ { label: 'Claude on my MacBook', color: '#3858e9' } }
				compact
			/>
		);
		expect(
			screen.getByRole( 'img', { name: 'Claude on my MacBook' } )
		).toHaveTextContent( 'CM' );
		expect(
			screen.queryByText( 'Claude on my MacBook' )
		).not.toBeInTheDocument();
	} );
} );

describe( 'RiskBadge', () => {
	it.each( [
		[ 1, 'Risk 1 · Read' ],
		[ 2, 'Risk 2 · Low' ],
		[ 3, 'Risk 3 · Medium' ],
		[ 4, 'Risk 4 · High' ],
		[ 5, 'Risk 5 · Extreme' ],
	] as const )( 'says level %d in words', ( level, text ) => {
		const { container } = render( <RiskBadge level={ level } /> );
		expect( screen.getByText( text ) ).toHaveClass(
			`countersign-risk-badge--${ level }`
		);
		expect( container ).toHaveTextContent( text );
	} );
} );

describe( 'StatusBadge', () => {
	it.each( [
		[ 'pending', 'Pending' ],
		[ 'conflict', 'Conflict' ],
		[ 'applied', 'Applied' ],
		[ 'rejected', 'Rejected' ],
		[ 'reverted', 'Reverted' ],
	] as const )( 'labels %s', ( status, text ) => {
		render( <StatusBadge status={ status } /> );
		expect( screen.getByText( text ) ).toHaveClass(
			`countersign-status-badge--${ status }`
		);
	} );
} );

describe( 'RiskReasons', () => {
	it( 'says nothing below level 5', () => {
		const { container } = render( <RiskReasons reasons={ [] } /> );
		expect( container ).toBeEmptyDOMElement();
	} );

	it( 'lists what kses would remove, by field label', () => {
		render(
			<RiskReasons
				reasons={ [
					{
						field: 'content',
						kind: 'attribute',
						element: 'img',
						attribute: 'onerror',
						message: 'the onerror attribute on <img>',
					},
					{
						field: 'title',
						kind: 'url',
						element: 'a',
						attribute: 'href',
						message:
							'a URL kses does not allow (such as javascript:) in href on <a>',
					},
				] }
			/>
		);
		const note = screen.getByRole( 'note' );
		expect( note ).toHaveTextContent(
			'Risk 5 because kses would remove markup the agent may not post:'
		);
		expect(
			screen.getByText( 'Content: the onerror attribute on <img>' )
		).toBeVisible();
		expect( screen.getByText( /^Title: a URL kses/ ) ).toBeVisible();
	} );
} );
