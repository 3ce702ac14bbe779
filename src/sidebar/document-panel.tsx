/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { useRegistry } from '@wordpress/data';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { openProposalsSidebar } from './open-sidebar';
import { useOpenProposalCount } from './use-open-count';

/**
 * The "Agent proposals" panel in the post settings: how many wait, and a way to them.
 */
export function DocumentPanelContent() {
	const registry = useRegistry();
	const { openCount, isResolved } = useOpenProposalCount();

	if ( ! isResolved ) {
		return null;
	}
	return (
		<div className="countersign-document-panel">
			<p>
				{ openCount === 0
					? __(
							'No agent proposals are waiting for review.',
							'countersign'
						)
					: sprintf(
							/* translators: %d: number of pending proposals. */
							_n(
								'%d agent proposal is waiting for review.',
								'%d agent proposals are waiting for review.',
								openCount,
								'countersign'
							),
							openCount
						) }
			</p>
			<Button
				__next40pxDefaultSize
				variant={ openCount > 0 ? 'secondary' : 'tertiary' }
				onClick={ () => openProposalsSidebar( registry ) }
			>
				{ openCount > 0
					? __( 'Review proposals', 'countersign' )
					: __( 'Open agent proposals', 'countersign' ) }
			</Button>
		</div>
	);
}
