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
import { ReviewSessionBanner } from './review-session';
import { PinnedIcon, WaitingNotice } from './waiting-notice';

interface CountersignPluginProps {
	/** Proposal id from the `countersign` query argument, read once at load. */
	deepLinkedId: number | null;
}

/**
 * Everything Countersign adds to the block editor.
 *
 * @param props              Component props.
 * @param props.deepLinkedId Deep-linked proposal id.
 */
export function CountersignPlugin( { deepLinkedId }: CountersignPluginProps ) {
	const registry = useRegistry();
	const postId = useSelect(
		( select ) => Number( select( editorStore ).getCurrentPostId() ) || 0,
		[]
	);
	useLiveProposals( postId );

	useEffect( () => {
		if ( deepLinkedId === null ) {
			return undefined;
		}
		return openProposalsSidebarWhenReady( registry );
	}, [ deepLinkedId, registry ] );

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
