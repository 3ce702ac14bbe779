/**
 * WordPress dependencies
 */
import { Notice, PanelBody, Spinner } from '@wordpress/components';
import { store as coreStore } from '@wordpress/core-data';
import { useSelect } from '@wordpress/data';
import { store as editorStore } from '@wordpress/editor';
import { useEffect, useMemo, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Proposal } from '../api';
import { useApprovalConfirmation } from '../components';
import { POST_QUERY_PER_PAGE, store as proposalsStore } from '../store';
import { BackupsList } from './backups-list';
import { ProposalCard } from './proposal-card';
import { useReviewSession } from './review-session';
import { useDecisions } from './use-decisions';
import { useNow } from './use-now';
import { needsDecision } from '../utils/status';

interface ProposalsSidebarProps {
	/** A deep-linked proposal to expand and scroll to on first render. */
	initialExpandedId: number | null;
}

/**
 * The body of the "Agent proposals" sidebar for the post being edited.
 *
 * @param props                   Component props.
 * @param props.initialExpandedId Deep-linked proposal id.
 */
export function ProposalsSidebar( {
	initialExpandedId,
}: ProposalsSidebarProps ) {
	const now = useNow();
	const [ expandedId, setExpandedId ] = useState< number | null >(
		initialExpandedId
	);
	const { postId, isDirty, isSaving, currentUserId } = useSelect(
		( select ) => {
			const editor = select( editorStore );
			const id = editor.getCurrentPostId();
			return {
				postId: typeof id === 'number' ? id : Number( id ) || null,
				isDirty: editor.isEditedPostDirty(),
				isSaving: editor.isSavingPost() || editor.isAutosavingPost(),
				currentUserId: select( coreStore ).getCurrentUser()?.id ?? null,
			};
		},
		[]
	);
	const query = useMemo(
		() => ( { post: postId ?? 0, per_page: POST_QUERY_PER_PAGE } ),
		[ postId ]
	);
	const { proposals, error, isResolved } = useSelect(
		( select ) => {
			const store = select( proposalsStore );
			return {
				proposals: store.getProposals( query ),
				error: store.getProposalsError( query ),
				isResolved: store.hasFinishedResolution( 'getProposals', [
					query,
				] ),
			};
		},
		[ query ]
	);
	const { approve, reject, restore } = useDecisions( postId );
	const { confirm, dialog } = useApprovalConfirmation();
	// A review session edits the post on purpose; its own banner explains what to do.
	const { session } = useReviewSession();

	const pending = useMemo(
		() => proposals.filter( needsDecision ),
		[ proposals ]
	);
	const decided = useMemo(
		() => proposals.filter( ( proposal ) => ! needsDecision( proposal ) ),
		[ proposals ]
	);

	// Bring a deep-linked proposal into view once it has loaded.
	useEffect( () => {
		if ( initialExpandedId === null || ! isResolved ) {
			return;
		}
		document
			.getElementById( `countersign-proposal-${ initialExpandedId }` )
			?.scrollIntoView( { block: 'start' } );
	}, [ initialExpandedId, isResolved ] );

	if ( postId === null ) {
		return null;
	}

	const canDecide = ! isDirty && ! isSaving;
	const renderCard = ( proposal: Proposal ) => (
		<ProposalCard
			key={ proposal.id }
			proposal={ proposal }
			now={ now }
			isExpanded={ expandedId === proposal.id }
			onToggle={ () =>
				setExpandedId( ( current ) =>
					current === proposal.id ? null : proposal.id
				)
			}
			canApprove={ canDecide }
			currentUserId={ currentUserId }
			onApprove={ async ( item, edits ) => {
				if ( await confirm( [ item ] ) ) {
					await approve( item, edits );
				}
			} }
			onReject={ reject }
		/>
	);

	return (
		<>
			{ dialog }
			<PanelBody
				title={ sprintf(
					/* translators: %d: number of pending proposals. */
					__( 'Pending (%d)', 'countersign' ),
					pending.length
				) }
			>
				{ error && (
					<Notice status="error" isDismissible={ false }>
						{ error.message }
					</Notice>
				) }
				{ isDirty && ! session && pending.length > 0 && (
					<Notice
						status="warning"
						isDismissible={ false }
						className="countersign-sidebar__notice"
					>
						{ __(
							'Save your changes before approving: approving changes the post on the server, and saving afterwards would overwrite it.',
							'countersign'
						) }
					</Notice>
				) }
				{ ! isResolved && proposals.length === 0 && ! error && (
					<Spinner />
				) }
				{ isResolved && pending.length === 0 && ! error && (
					<p className="countersign-sidebar__empty">
						{ __(
							'No proposals are waiting for review on this post.',
							'countersign'
						) }
					</p>
				) }
				<div className="countersign-sidebar__list" aria-live="polite">
					{ pending.map( renderCard ) }
				</div>
			</PanelBody>
			{ decided.length > 0 && (
				<PanelBody
					title={ sprintf(
						/* translators: %d: number of decided proposals. */
						_n(
							'History (%d)',
							'History (%d)',
							decided.length,
							'countersign'
						),
						decided.length
					) }
					initialOpen={
						initialExpandedId !== null &&
						decided.some( ( p ) => p.id === initialExpandedId )
					}
				>
					<div className="countersign-sidebar__list">
						{ decided.map( renderCard ) }
					</div>
				</PanelBody>
			) }
			<PanelBody
				title={ __( 'Backups', 'countersign' ) }
				initialOpen={ false }
			>
				<BackupsList
					postId={ postId }
					now={ now }
					canRestore={ canDecide }
					onRestore={ restore }
				/>
			</PanelBody>
		</>
	);
}
