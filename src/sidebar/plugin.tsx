/**
 * WordPress dependencies
 */
import { useRegistry, useSelect } from '@wordpress/data';
import {
	store as editorStore,
	PluginDocumentSettingPanel,
	PluginMoreMenuItem,
	PluginSidebar,
	PluginSidebarMoreMenuItem,
} from '@wordpress/editor';
import { useEffect } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { external, shield } from '@wordpress/icons';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import { SIDEBAR_NAME } from './constants';
import { useLiveProposals } from '../components';
import { DocumentPanelContent } from './document-panel';
import { openProposalsSidebarWhenReady } from './open-sidebar';
import { PrePublishWarning } from './pre-publish-panel';
import { ProposalsSidebar } from './proposals-sidebar';
import { ReviewSessionBanner, startReview } from './review-session';
import { store as proposalsStore } from '../store';
import { usePrefetchDiffs } from './use-prefetch-diffs';
import { PinnedIcon, WaitingNotice } from './waiting-notice';

interface CountersignPluginProps {
	/** Proposal id from the `countersign` query argument, read once at load. */
	deepLinkedId: number | null;
	/** Start "Edit, then approve" on it (the queue's button). */
	editDeepLinked?: boolean;
}

/**
 * Everything Countersign adds to the block editor.
 *
 * @param props                Component props.
 * @param props.deepLinkedId   Deep-linked proposal id.
 * @param props.editDeepLinked Start editing it, then approve.
 */
export function CountersignPlugin( {
	deepLinkedId,
	editDeepLinked = false,
}: CountersignPluginProps ) {
	const registry = useRegistry();
	const postId = useSelect(
		( select ) => Number( select( editorStore ).getCurrentPostId() ) || 0,
		[]
	);
	useLiveProposals( postId );
	usePrefetchDiffs( postId );

	useEffect( () => {
		if ( deepLinkedId === null ) {
			return undefined;
		}
		return openProposalsSidebarWhenReady( registry, async () => {
			if ( ! editDeepLinked ) {
				return;
			}
			const detail = await registry
				.resolveSelect( proposalsStore )
				.getProposal( deepLinkedId );
			if ( detail && detail.status === 'pending' ) {
				await startReview( registry, detail, 'proposed' );
			}
		} );
	}, [ deepLinkedId, editDeepLinked, registry ] );

	return (
		<>
			<ReviewSessionBanner />
			<WaitingNotice />
			<PluginSidebarMoreMenuItem target={ SIDEBAR_NAME } icon={ shield }>
				{ __( 'Agent proposals', 'countersign' ) }
			</PluginSidebarMoreMenuItem>
			<PluginSidebar
				name={ SIDEBAR_NAME }
				title={ __( 'Agent proposals', 'countersign' ) }
				icon={ <PinnedIcon /> }
				className="countersign-sidebar"
			>
				<ProposalsSidebar initialExpandedId={ deepLinkedId } />
			</PluginSidebar>
			<PluginDocumentSettingPanel
				name="countersign-document-panel"
				title={ __( 'Agent proposals', 'countersign' ) }
				className="countersign-document-panel-wrapper"
			>
				<DocumentPanelContent />
			</PluginDocumentSettingPanel>
			<PrePublishWarning />
			<PluginMoreMenuItem
				icon={ external }
				href={ addQueryArgs( 'admin.php', { page: 'countersign' } ) }
			>
				{ __( 'Countersign review queue', 'countersign' ) }
			</PluginMoreMenuItem>
		</>
	);
}
