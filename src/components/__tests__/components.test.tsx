/**
 * External dependencies
 */
import { render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { AgentChip } from '../agent-chip';
import { RiskBadge } from '../risk-badge';

describe( 'AgentChip', () => {
	it( 'shows initials on the agent’s colour, and its label', () => {
		const { container } = render(
			<AgentChip
				agent={ { label: 'Claude Editorial', color: '#123456' } }
			/>
		);
		const avatar = container.querySelector(
			'.countersign-agent-chip__avatar'
		) as HTMLElement;
		expect( avatar.textContent ).toBe( 'CE' );
		expect( avatar.style.backgroundColor ).toBe( 'rgb(18, 52, 86)' );
		// A dark colour gets light text, so the initials stay readable.
		expect( avatar.style.color ).toBe( 'rgb(255, 255, 255)' );
		expect( screen.getByText( 'Claude Editorial' ) ).toBeTruthy();
	} );

	it( 'compact: the avatar alone carries the label as an image name', () => {
		render(
			<AgentChip
				compact
				agent={ { label: 'Style bot', color: 'not-a-colour' } }
			/>
		);
		const avatar = screen.getByRole( 'img', { name: 'Style bot' } );
		expect( avatar.textContent ).toBe( 'SB' );
		// An unsafe colour never reaches the style attribute.
		expect( avatar.getAttribute( 'style' ) ).not.toContain(
			'not-a-colour'
		);
	} );
} );

describe( 'RiskBadge', () => {
	it.each( [
		[ 1, 'Risk 1 · Read' ],
		[ 3, 'Risk 3 · Medium' ],
		[ 5, 'Risk 5 · Extreme' ],
	] as const )( 'level %d reads "%s"', ( level, text ) => {
		const { container } = render( <RiskBadge level={ level } /> );
		expect( screen.getByText( text ) ).toBeTruthy();
		expect(
			container.querySelector( `.countersign-risk-badge--${ level }` )
		).not.toBeNull();
	} );
} );
