/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { useRegistry, useSelect } from '@wordpress/data';
import { PluginPrePublishPanel, store as editorStore } from '@wordpress/editor';
import { __, _n, sprintf } from '@wordpress/i18n';
import { shield } from '@wordpress/icons';

/**
 * Internal dependencies
 */
import { POST_QUERY_PER_PAGE, store as proposalsStore } from '../store';
import { needsDecision } from '../utils/status';
import { openProposalsSidebar } from './open-sidebar';

/**
 * A pre-publish check: publishing with proposals still open means they will be
 * decided against a post that readers already see.
 */
export function PrePublishWarning() {
	const registry = useRegistry();
	const openCount = useSelect( ( select ) => {
		const id = select( editorStore ).getCurrentPostId();
		return select( proposalsStore )
			.getProposals( {
				post: Number( id ) || 0,
				per_page: POST_QUERY_PER_PAGE,
			} )
			.filter( needsDecision ).length;
	}, [] );

	if ( openCount === 0 ) {
		return null;
	}
	return (
		<PluginPrePublishPanel
			className="countersign-pre-publish"
			title={ __( 'Agent proposals', 'countersign' ) }
			icon={ shield }
			initialOpen
		>
			<p>
				{ sprintf(
					/* translators: %d: number of open proposals. */
					_n(
						'%d agent proposal for this post is still waiting for review. Review it before publishing, or it will be decided against the published post.',
						'%d agent proposals for this post are still waiting for review. Review them before publishing, or they will be decided against the published post.',
						openCount,
						'countersign'
					),
					openCount
				) }
			</p>
			<Button
				variant="secondary"
				onClick={ () => openProposalsSidebar( registry ) }
			>
				{ __( 'Review proposals', 'countersign' ) }
			</Button>
		</PluginPrePublishPanel>
	);
}
