/**
 * WordPress dependencies
 */
import { Icon } from '@wordpress/components';
import { useDispatch, useRegistry } from '@wordpress/data';
import { useEffect } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { shield } from '@wordpress/icons';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { openProposalsSidebar } from './open-sidebar';
import { useOpenProposalCount } from './use-open-count';

const NOTICE_ID = 'countersign-waiting';

/**
 * An editor notice while the post has proposals waiting ("2 agent proposals wait for review", with a button that
 * opens them). It follows the count: it updates when a proposal arrives or is decided, and goes when none waits.
 */
export function WaitingNotice() {
	const registry = useRegistry();
	const { openCount, isResolved } = useOpenProposalCount();
	const { createNotice, removeNotice } = useDispatch( noticesStore );

	useEffect( () => {
		if ( ! isResolved ) {
			return;
		}
		if ( openCount === 0 ) {
			removeNotice( NOTICE_ID );
			return;
		}
		createNotice(
			'info',
			sprintf(
				/* translators: %d: number of proposals. */
				_n(
					'%d agent proposal waits for review.',
					'%d agent proposals wait for review.',
					openCount,
					'countersign'
				),
				openCount
			),
			{
				id: NOTICE_ID,
				isDismissible: true,
				actions: [
					{
						label: __( 'Review proposals', 'countersign' ),
						onClick: () => openProposalsSidebar( registry ),
					},
				],
			}
		);
	}, [ openCount, isResolved, createNotice, removeNotice, registry ] );

	return null;
}

/**
 * The sidebar's pinned icon with the number of proposals waiting on it (the button's name stays "Agent proposals";
 * the notice and the document panel say the number in words).
 */
export function PinnedIcon() {
	const { openCount } = useOpenProposalCount();
	return (
		<span className="countersign-pinned-icon">
			<Icon icon={ shield } />
			{ openCount > 0 && (
				<span
					className="countersign-pinned-icon__count"
					aria-hidden="true"
				>
					{ openCount > 9 ? '9+' : openCount }
				</span>
			) }
		</span>
	);
}
