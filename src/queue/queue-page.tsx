/**
 * WordPress dependencies
 */
import { DataViews, type View } from '@wordpress/dataviews/wp';
import { useDispatch, useSelect } from '@wordpress/data';
import { useCallback, useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { AgentRef, Proposal } from '../api';
import {
	AdminNotices,
	TableBox,
	useApprovalConfirmation,
	useLiveProposals,
} from '../components';
import { store as proposalsStore } from '../store';
import '../store/review';
import { useNow } from '../sidebar/use-now';
import { getQueueActions } from './actions';
import { getQueueFields } from './fields';
import { QueueHeader } from './queue-header';
import { QueuePanel } from './queue-panel';
import { useBatchDecide } from './use-batch';
import {
	DEFAULT_VIEW,
	isDefaultView,
	nextView,
	PANEL_FIELDS,
	viewToQuery,
} from './view';

const getItemId = ( item: Proposal ): string => String( item.id );

/**
 * What the table shows when nothing matches: different words for an empty
 * queue (good news) and for filters that match nothing.
 *
 * @param props            Component props.
 * @param props.isFiltered Whether filters other than the default are on.
 */
function EmptyState( { isFiltered }: { isFiltered: boolean } ) {
	return (
		<div className="countersign-table__empty countersign-queue__empty">
			<p className="countersign-queue__empty-title">
				{ isFiltered
					? __( 'No proposals match these filters.', 'countersign' )
					: __( 'Nothing is waiting for review.', 'countersign' ) }
			</p>
			<p>
				{ isFiltered
					? __(
							'Clear a filter or search for something else.',
							'countersign'
						)
					: __(
							'When an agent proposes a change, it appears here and in the editor of the post it changes.',
							'countersign'
						) }
			</p>
		</div>
	);
}

/**
 * Countersign → Review queue: every proposal the reviewer may act on, with
 * bulk decisions and a side panel showing the diff of the selected proposal.
 */
export function QueuePage() {
	const now = useNow();
	const [ view, setView ] = useState< View >( DEFAULT_VIEW );
	const [ openId, setOpenId ] = useState< number | null >( null );
	const query = useMemo( () => viewToQuery( view ), [ view ] );
	const { proposals, total, totalPages, error, isLoading, agents } =
		useSelect(
			( select ) => {
				const store = select( proposalsStore );
				return {
					proposals: store.getProposals( query ),
					total: store.getProposalsTotal( query ),
					totalPages: store.getProposalsTotalPages( query ),
					error: store.getProposalsError( query ),
					isLoading: ! store.hasFinishedResolution( 'getProposals', [
						query,
					] ),
					agents: store.getAgents(),
				};
			},
			[ query ]
		);
	const { invalidateResolution } = useDispatch( proposalsStore );
	const decide = useBatchDecide();
	const { confirm, dialog } = useApprovalConfirmation();
	useLiveProposals( 0 );
	const openProposal =
		proposals.find( ( item ) => item.id === openId ) ?? null;
	const hasPanel = openProposal !== null;

	// Reviewers who cannot manage agents get no agents list; the agents seen in
	// proposals still make the agent filter useful.
	const agentOptions = useMemo( () => {
		const byId = new Map< number, AgentRef >();
		for ( const agent of agents ) {
			byId.set( agent.id, agent );
		}
		for ( const proposal of proposals ) {
			if ( ! byId.has( proposal.agent.id ) ) {
				byId.set( proposal.agent.id, proposal.agent );
			}
		}
		return [ ...byId.values() ];
	}, [ agents, proposals ] );
	const postTypes = useMemo(
		() => [
			...new Set( [
				'post',
				'page',
				...proposals.map( ( item ) => item.post_type ),
			] ),
		],
		[ proposals ]
	);
	const fields = useMemo(
		() => getQueueFields( agentOptions, now, postTypes ),
		[ agentOptions, now, postTypes ]
	);
	const onOpen = useCallback(
		( item: Proposal ) => setOpenId( item.id ),
		[]
	);
	const actions = useMemo(
		() => getQueueActions( decide, onOpen, confirm, hasPanel ),
		[ decide, onOpen, confirm, hasPanel ]
	);
	// Beside the panel the table keeps the columns that fit, so none is cut off; the reviewer's own choice of
	// columns comes back when the panel closes.
	const shownView = useMemo(
		() =>
			openProposal
				? {
						...view,
						fields: ( view.fields ?? [] ).filter( ( field ) =>
							PANEL_FIELDS.includes( field )
						),
					}
				: view,
		[ view, openProposal ]
	);
	const onChangeView = useCallback(
		( changed: View ) =>
			setView( ( previous ) => {
				const next = nextView( previous, changed );
				return openProposal
					? { ...next, fields: previous.fields ?? [] }
					: next;
			} ),
		[ openProposal ]
	);
	const isFiltered =
		( view.search ?? '' ) !== '' ||
		JSON.stringify( view.filters ) !==
			JSON.stringify( DEFAULT_VIEW.filters );

	return (
		<div className="countersign-queue-screen">
			<AdminNotices />
			<QueueHeader />
			<div
				className={ `countersign-queue__layout${ openProposal ? ' has-panel' : '' }` }
			>
				<TableBox
					className="countersign-queue"
					error={ error }
					onRetry={ () =>
						void invalidateResolution( 'getProposals', [ query ] )
					}
				>
					<DataViews< Proposal >
						view={ shownView }
						onChangeView={ onChangeView }
						onReset={
							isDefaultView( view )
								? false
								: () => setView( DEFAULT_VIEW )
						}
						fields={ fields }
						actions={ actions }
						data={ proposals }
						getItemId={ getItemId }
						isLoading={ isLoading && proposals.length === 0 }
						paginationInfo={ {
							totalItems: total ?? proposals.length,
							totalPages: totalPages ?? 1,
						} }
						defaultLayouts={ { table: {}, list: {} } }
						searchLabel={ __( 'Search proposals', 'countersign' ) }
						renderItemLink={ ( { item, children, ...props } ) => (
							<a
								{ ...props }
								href={ addQueryArgs( item.edit_link, {
									countersign: item.id,
								} ) }
							>
								{ children }
							</a>
						) }
						isItemClickable={ ( item ) => item.edit_link !== '' }
						empty={
							error ? (
								<span />
							) : (
								<EmptyState isFiltered={ isFiltered } />
							)
						}
					/>
				</TableBox>
				{ openProposal && (
					<QueuePanel
						proposal={ openProposal }
						now={ now }
						onClose={ () => setOpenId( null ) }
						confirm={ confirm }
					/>
				) }
			</div>
			{ dialog }
		</div>
	);
}
