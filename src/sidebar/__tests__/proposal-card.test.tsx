/**
 * External dependencies
 */
import '@testing-library/jest-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import apiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';
import { createRegistry, RegistryProvider } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import type { Proposal } from '../../api';
import { store as proposalsStore } from '../../store';
import { makeProposal } from '../../store/__tests__/fixtures';
import { ProposalCard } from '../proposal-card';
import { useDecisions } from '../use-decisions';

// The card only needs the editor store's name (for review sessions, not started
// here); loading all of @wordpress/editor under jsdom takes a minute.
jest.mock( '@wordpress/editor', () => ( {
	store: { name: 'core/editor' },
} ) );

const NOW = new Date( '2026-11-23T01:12:03Z' );

/** A registry of its own per test, with the real stores. */
function makeRegistry() {
	const registry = createRegistry();
	registry.register( proposalsStore );
	registry.register( noticesStore );
	return registry;
}

type Registry = ReturnType< typeof makeRegistry >;

function withRegistry( registry: Registry, children: ReactNode ) {
	return <RegistryProvider value={ registry }>{ children }</RegistryProvider>;
}

interface CardOptions {
	proposal?: Proposal;
	onApprove?: ( proposal: Proposal ) => Promise< void >;
	onReject?: ( proposal: Proposal, reason: string ) => Promise< boolean >;
	canApprove?: boolean;
	currentUserId?: number;
}

function renderCard( options: CardOptions = {} ) {
	const registry = makeRegistry();
	const proposal = options.proposal ?? makeProposal();
	const onApprove =
		options.onApprove ??
		jest.fn< Promise< void >, [ Proposal ] >( async () => undefined );
	const onReject =
		options.onReject ??
		jest.fn< Promise< boolean >, [ Proposal, string ] >( async () => true );
	const utils = render(
		withRegistry(
			registry,
			<ProposalCard
				proposal={ proposal }
				now={ NOW }
				isExpanded={ false }
				onToggle={ jest.fn() }
				canApprove={ options.canApprove ?? true }
				currentUserId={ options.currentUserId ?? 1 }
				onApprove={ onApprove }
				onReject={ onReject }
			/>
		)
	);
	return { ...utils, registry, proposal, onApprove, onReject };
}

describe( 'ProposalCard', () => {
	it( 'shows who proposed it, how risky it is, why and what it changes', () => {
		renderCard( {
			proposal: makeProposal( {
				id: 4,
				risk: 4,
				rationale: 'Tighten the intro.',
				changes: {
					title: 'New title',
					excerpt: 'Short',
					status: 'publish',
				},
			} ),
		} );
		const card = screen.getByRole( 'article', {
			name: /Proposal 4 by.*Claude on my MacBook/u,
		} );
		expect( within( card ).getByText( 'Risk 4 · High' ) ).toBeVisible();
		expect( within( card ).getByText( 'Pending' ) ).toBeVisible();
		expect( within( card ).getByText( '10 minutes ago' ) ).toBeVisible();
		expect(
			within( card ).getByText( 'Tighten the intro.' )
		).toBeVisible();
		const fields = within( card ).getByRole( 'list' );
		expect(
			within( fields )
				.getAllByRole( 'listitem' )
				.map( ( item ) => item.textContent )
		).toEqual( [ 'Title', 'Excerpt', 'Status' ] );
	} );

	it( 'calls the approve decision with the proposal', async () => {
		const { proposal, onApprove } = renderCard();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Approve' } )
		);
		expect( onApprove ).toHaveBeenCalledWith( proposal );
	} );

	it( 'with a quorum of two, tells a reviewer who already approved that someone else must, and does not let them approve again', async () => {
		const proposal = makeProposal( {
			risk: 4,
			approvals: [
				{ user: 7, user_name: 'Dana', time: '2026-11-23T01:00:00' },
			],
		} );
		const mine = renderCard( { proposal, currentUserId: 7 } );
		expect(
			screen.getByText(
				'You approved this change; another reviewer must approve it before it applies.'
			)
		).toBeVisible();
		const approve = screen.getByRole( 'button', { name: 'Approve' } );
		expect( approve ).toHaveAttribute( 'aria-disabled', 'true' );
		expect(
			screen.getByRole( 'button', { name: 'Edit, then approve' } )
		).toHaveAttribute( 'aria-disabled', 'true' );
		await userEvent.click( approve );
		expect( mine.onApprove ).not.toHaveBeenCalled();
		mine.unmount();

		const other = renderCard( { proposal, currentUserId: 8 } );
		expect(
			screen.getByText(
				'Approved by Dana; waiting for a second reviewer.'
			)
		).toBeVisible();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Approve' } )
		);
		expect( other.onApprove ).toHaveBeenCalledWith( proposal );
	} );

	it( 'offers to approve a failed proposal again, and says why it failed', async () => {
		const proposal = makeProposal( {
			status: 'failed',
			decision: {
				user: 3,
				user_name: 'Dana',
				time: '2026-11-23T01:00:00',
				action: 'failed',
				reason: 'The database went away.',
				edited: false,
			},
		} );
		const { onApprove } = renderCard( { proposal } );
		expect(
			screen.getByText(
				'Approved by Dana, but it could not be applied: The database went away.'
			)
		).toBeVisible();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Approve again' } )
		);
		expect( onApprove ).toHaveBeenCalledWith( proposal );
	} );

	it( 'does not approve while the editor has unsaved edits', async () => {
		const { onApprove } = renderCard( { canApprove: false } );
		const approve = screen.getByRole( 'button', { name: 'Approve' } );
		expect( approve ).toHaveAttribute( 'aria-disabled', 'true' );
		await userEvent.click( approve );
		expect( onApprove ).not.toHaveBeenCalled();
	} );

	it( 'asks for a reason before rejecting, and sends it trimmed', async () => {
		const { proposal, onReject } = renderCard();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Reject' } )
		);
		const dialog = screen.getByRole( 'dialog', {
			name: 'Reject proposal',
		} );
		const submit = within( dialog ).getByRole( 'button', {
			name: 'Reject',
		} );
		// No reason, no rejection.
		expect( submit ).toHaveAttribute( 'aria-disabled', 'true' );
		await userEvent.click( submit );
		await userEvent.type(
			within( dialog ).getByRole( 'textbox', { name: 'Reason' } ),
			'   '
		);
		await userEvent.click( submit );
		expect( onReject ).not.toHaveBeenCalled();
		await userEvent.type(
			within( dialog ).getByRole( 'textbox', { name: 'Reason' } ),
			'Off-brand tone.  '
		);
		await userEvent.click( submit );
		expect( onReject ).toHaveBeenCalledWith( proposal, 'Off-brand tone.' );
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument()
		);
	} );

	it( 'keeps the reason modal open when the rejection fails', async () => {
		const onReject = jest.fn< Promise< boolean >, [ Proposal, string ] >(
			async () => false
		);
		renderCard( { onReject } );
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Reject' } )
		);
		await userEvent.type(
			screen.getByRole( 'textbox', { name: 'Reason' } ),
			'No.{Enter}'
		);
		await userEvent.click(
			within( screen.getByRole( 'dialog' ) ).getByRole( 'button', {
				name: 'Reject',
			} )
		);
		await waitFor( () => expect( onReject ).toHaveBeenCalled() );
		expect( screen.getByRole( 'dialog' ) ).toBeInTheDocument();
	} );

	it( 'cancels the reason modal without rejecting', async () => {
		const { onReject } = renderCard();
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Reject' } )
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Cancel' } )
		);
		expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument();
		expect( onReject ).not.toHaveBeenCalled();
	} );

	it( 'shows no decision buttons once the proposal is decided', () => {
		renderCard( {
			proposal: makeProposal( {
				status: 'rejected',
				decision: {
					action: 'reject',
					user: 2,
					user_name: 'Ada',
					reason: 'Off-brand',
					time: '2026-11-23T01:10:00',
					edited: false,
				},
			} ),
		} );
		expect(
			screen.getByText( 'Rejected by Ada: Off-brand' )
		).toBeVisible();
		expect(
			screen.queryByRole( 'button', { name: 'Approve' } )
		).toBeNull();
		expect( screen.queryByRole( 'button', { name: 'Reject' } ) ).toBeNull();
	} );

	describe( 'with the keyboard', () => {
		// jsdom lays nothing out, so @wordpress/dom finds no tabbable element
		// and the modal cannot move focus; give every element a box.
		const original = Element.prototype.getClientRects;
		beforeAll( () => {
			Element.prototype.getClientRects = function () {
				return [
					new DOMRect( 0, 0, 10, 10 ),
				] as unknown as DOMRectList;
			};
		} );
		afterAll( () => {
			Element.prototype.getClientRects = original;
		} );

		it( 'reaches the buttons in order with Tab and approves with Enter', async () => {
			const { onApprove } = renderCard();
			const user = userEvent.setup();
			await user.tab();
			expect(
				screen.getByRole( 'button', { name: 'View changes' } )
			).toHaveFocus();
			await user.tab();
			expect(
				screen.getByRole( 'button', { name: 'Approve' } )
			).toHaveFocus();
			await user.tab();
			expect(
				screen.getByRole( 'button', { name: 'Edit, then approve' } )
			).toHaveFocus();
			await user.tab();
			expect(
				screen.getByRole( 'button', { name: 'Reject' } )
			).toHaveFocus();
			await user.tab( { shift: true } );
			await user.tab( { shift: true } );
			await user.keyboard( '{Enter}' );
			expect( onApprove ).toHaveBeenCalledTimes( 1 );
		} );

		it( 'rejects with a reason without the mouse, and Escape closes the modal', async () => {
			const { onReject, proposal } = renderCard();
			const user = userEvent.setup();
			screen.getByRole( 'button', { name: 'Reject' } ).focus();
			await user.keyboard( '{Enter}' );
			const reason = screen.getByRole( 'textbox', { name: 'Reason' } );
			await waitFor( () => expect( reason ).toHaveFocus() );
			await user.keyboard( '{Escape}' );
			await waitFor( () =>
				expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument()
			);

			screen.getByRole( 'button', { name: 'Reject' } ).focus();
			await user.keyboard( '{Enter}' );
			await waitFor( () =>
				expect(
					screen.getByRole( 'textbox', { name: 'Reason' } )
				).toHaveFocus()
			);
			await user.keyboard( 'Duplicate of #3' );
			await user.tab();
			expect(
				screen.getByRole( 'button', { name: 'Cancel' } )
			).toHaveFocus();
			await user.tab();
			const submit = within( screen.getByRole( 'dialog' ) ).getByRole(
				'button',
				{ name: 'Reject' }
			);
			expect( submit ).toHaveFocus();
			await user.keyboard( '{Enter}' );
			expect( onReject ).toHaveBeenCalledWith(
				proposal,
				'Duplicate of #3'
			);
		} );
	} );
} );

describe( 'ProposalCard wired to the decisions', () => {
	const requests: APIFetchOptions[] = [];

	beforeEach( () => {
		requests.length = 0;
		apiFetch.setFetchHandler( async ( options ) => {
			requests.push( options );
			const path = options.path ?? '';
			if ( path.endsWith( '/approve' ) ) {
				return makeProposal( { status: 'applied', backup_id: 9 } );
			}
			if ( path.endsWith( '/reject' ) ) {
				return makeProposal( { status: 'rejected' } );
			}
			// Refetches after a decision: nothing to show.
			return [];
		} );
	} );

	function Connected( { proposal }: { proposal: Proposal } ) {
		const decisions = useDecisions( null );
		return (
			<ProposalCard
				proposal={ proposal }
				now={ NOW }
				isExpanded={ false }
				onToggle={ () => undefined }
				canApprove
				onApprove={ decisions.approve }
				onReject={ decisions.reject }
			/>
		);
	}

	it( 'approving posts to the approve route and confirms with Undo', async () => {
		const registry = makeRegistry();
		render(
			withRegistry( registry, <Connected proposal={ makeProposal() } /> )
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Approve' } )
		);
		await waitFor( () =>
			expect(
				registry.select( noticesStore ).getNotices()[ 0 ]?.content
			).toBe( 'Proposal approved and applied.' )
		);
		expect( requests[ 0 ] ).toMatchObject( {
			path: expect.stringMatching(
				/^\/countersign\/v1\/proposals\/1\/approve(?:\?|$)/u
			),
			method: 'POST',
		} );
		const notice = registry.select( noticesStore ).getNotices()[ 0 ];
		expect( notice?.actions.map( ( action ) => action.label ) ).toEqual( [
			'Undo',
		] );
	} );

	it( 'rejecting sends the reason and closes the modal', async () => {
		const registry = makeRegistry();
		render(
			withRegistry( registry, <Connected proposal={ makeProposal() } /> )
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Reject' } )
		);
		await userEvent.type(
			screen.getByRole( 'textbox', { name: 'Reason' } ),
			'Wrong facts'
		);
		await userEvent.click(
			within( screen.getByRole( 'dialog' ) ).getByRole( 'button', {
				name: 'Reject',
			} )
		);
		await waitFor( () =>
			expect( screen.queryByRole( 'dialog' ) ).not.toBeInTheDocument()
		);
		expect( requests[ 0 ] ).toMatchObject( {
			path: expect.stringMatching(
				/^\/countersign\/v1\/proposals\/1\/reject(?:\?|$)/u
			),
			method: 'POST',
			data: { reason: 'Wrong facts' },
		} );
	} );

	it( 'keeps the modal open and shows the error when rejecting fails', async () => {
		apiFetch.setFetchHandler( async () => {
			throw {
				code: 'countersign_invalid_state',
				message: 'Another reviewer decided first.',
				data: { status: 409 },
			};
		} );
		const registry = makeRegistry();
		render(
			withRegistry( registry, <Connected proposal={ makeProposal() } /> )
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Reject' } )
		);
		await userEvent.type(
			screen.getByRole( 'textbox', { name: 'Reason' } ),
			'Nope'
		);
		await userEvent.click(
			within( screen.getByRole( 'dialog' ) ).getByRole( 'button', {
				name: 'Reject',
			} )
		);
		await waitFor( () =>
			expect(
				registry.select( noticesStore ).getNotices()[ 0 ]?.content
			).toBe( 'Another reviewer decided first.' )
		);
		expect( screen.getByRole( 'dialog' ) ).toBeInTheDocument();
	} );
} );
