/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * WordPress dependencies
 */
import apiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';
import { createRegistry, RegistryProvider } from '@wordpress/data';

/**
 * Internal dependencies
 */
import type { Proposal } from '../../api';
import { store as proposalsStore } from '../../store';
import { makeProposal } from '../../store/__tests__/fixtures';
import { reviewStore } from '../../store/review';
import { QueueHeader } from '../queue-header';

/**
 * UTC datetime, without a zone as the API sends it, `hours` before now.
 *
 * @param hours How long ago.
 */
const hoursAgo = ( hours: number ) =>
	new Date( Date.now() - hours * 3_600_000 ).toISOString().slice( 0, 19 );

function decided(
	id: number,
	action: 'approve' | 'reject',
	agent: Proposal[ 'agent' ]
): Proposal {
	return makeProposal( {
		id,
		agent,
		status: action === 'approve' ? 'applied' : 'rejected',
		created: hoursAgo( 5 ),
		decision: {
			action,
			user: 1,
			user_name: 'Ada',
			reason: '',
			time: hoursAgo( 3 ),
			edited: false,
		},
	} );
}

const CLAUDE = { id: 7, label: 'Claude on my MacBook', color: '#3858e9' };
const CI = { id: 8, label: 'ci-bot', color: '#00a32a' };

/**
 * Answers the header's requests: one-item pages whose X-WP-Total is the
 * pending count for the asked risk, and the recent decisions.
 *
 * @param pending   Pending counts for risk 1..5.
 * @param decisions Recent decided proposals.
 */
function serve( pending: number[], decisions: Proposal[] ) {
	apiFetch.setFetchHandler( async ( options: APIFetchOptions ) => {
		const url = new URL( options.path ?? '', 'http://localhost' );
		if ( url.searchParams.get( 'per_page' ) === '1' ) {
			const risk = Number( url.searchParams.get( 'risk' ) );
			const total = String( pending[ risk - 1 ] ?? 0 );
			return {
				headers: {
					get: ( name: string ) =>
						name === 'X-WP-Total' ? total : null,
				},
			};
		}
		return decisions;
	} );
}

function renderHeader() {
	const registry = createRegistry();
	registry.register( proposalsStore );
	registry.register( reviewStore );
	render(
		<RegistryProvider value={ registry }>
			<QueueHeader />
		</RegistryProvider>
	);
	return registry;
}

/**
 * The chart rows of a tile, as "label value" text.
 *
 * @param caption The tile's caption.
 */
const rows = ( caption: RegExp ) => {
	const figure = screen.getByText( caption ).closest( 'figure' )!;
	return within( figure )
		.queryAllByRole( 'listitem' )
		.map( ( row ) => row.textContent?.replace( /\s+/gu, ' ' ).trim() );
};

describe( 'QueueHeader', () => {
	it( 'charts pending proposals by risk, decisions per agent and the median time', async () => {
		serve(
			[ 0, 2, 5, 1, 0 ],
			[
				decided( 1, 'approve', CLAUDE ),
				decided( 2, 'approve', CLAUDE ),
				decided( 3, 'reject', CLAUDE ),
				decided( 4, 'reject', CI ),
			]
		);
		renderHeader();
		expect(
			await screen.findByText( 'Pending by risk (8)' )
		).toBeInTheDocument();
		expect( rows( /^Pending by risk/u ) ).toEqual( [
			'1 · Read0',
			'2 · Low2',
			'3 · Medium5',
			'4 · High1',
			'5 · Extreme0',
		] );
		expect( rows( /^Decisions per agent, last 30 days/u ) ).toEqual( [
			'CMClaude on my MacBook2 approved, 1 rejected',
			'CBci-bot0 approved, 1 rejected',
		] );
		// Every decision took two hours.
		expect( screen.getByText( '2 h' ) ).toBeInTheDocument();
		expect(
			screen.getByText( 'over the last 4 decisions' )
		).toBeInTheDocument();
	} );

	it( 'scales the bars to the largest count', async () => {
		serve( [ 0, 2, 4, 1, 0 ], [] );
		renderHeader();
		await screen.findByText( 'Pending by risk (7)' );
		const bars = Array.from(
			document.querySelectorAll( '.countersign-chart__bar' )
		).map( ( bar ) =>
			Array.from( bar.classList ).find( ( name ) =>
				name.startsWith( 'is-share-' )
			)
		);
		expect( bars ).toEqual( [
			'is-share-0',
			'is-share-50',
			'is-share-100',
			'is-share-25',
			'is-share-0',
		] );
	} );

	it( 'says when nothing has been decided yet', async () => {
		serve( [ 0, 0, 0, 0, 0 ], [] );
		renderHeader();
		expect(
			await screen.findByText( 'No decisions yet.' )
		).toBeInTheDocument();
		expect( screen.getByText( 'Pending by risk (0)' ) ).toBeInTheDocument();
		expect( screen.getByText( '—' ) ).toBeInTheDocument();
		expect(
			screen.getByText( 'over the last 0 decisions' )
		).toBeInTheDocument();
	} );

	it( 'shows a loading state until the figures arrive', () => {
		apiFetch.setFetchHandler( () => new Promise( () => undefined ) );
		const { container } = render(
			<RegistryProvider
				value={ ( () => {
					const registry = createRegistry();
					registry.register( proposalsStore );
					registry.register( reviewStore );
					return registry;
				} )() }
			>
				<QueueHeader />
			</RegistryProvider>
		);
		expect(
			screen.getByText( 'Loading review figures…' )
		).toBeInTheDocument();
		expect(
			container.querySelector( '[aria-busy="true"]' )
		).not.toBeNull();
	} );

	it( 'says when the figures failed and tries again on request', async () => {
		let fail = true;
		const pending = [ 1, 0, 0, 0, 0 ];
		apiFetch.setFetchHandler( async ( options: APIFetchOptions ) => {
			if ( fail ) {
				throw {
					code: 'rest_forbidden',
					message: 'Nope',
					data: { status: 403 },
				};
			}
			const url = new URL( options.path ?? '', 'http://localhost' );
			if ( url.searchParams.get( 'per_page' ) === '1' ) {
				const total = String(
					pending[ Number( url.searchParams.get( 'risk' ) ) - 1 ] ?? 0
				);
				return { headers: { get: () => total } };
			}
			return [];
		} );
		renderHeader();
		const status = await screen.findByRole( 'status' );
		expect( status ).toHaveTextContent(
			'The review figures could not be loaded.'
		);
		fail = false;
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Try again' } )
		);
		expect(
			await screen.findByText( 'Pending by risk (1)' )
		).toBeInTheDocument();
	} );
} );
