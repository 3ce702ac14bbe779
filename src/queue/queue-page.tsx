/**
 * WordPress dependencies
 */
import { Notice } from '@wordpress/components';
import { DataViews, type View } from '@wordpress/dataviews/wp';
import { useDispatch, useSelect } from '@wordpress/data';
import { useCallback, useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { toApiError, type AgentRef, type Proposal } from '../api';
import { AdminNotices } from '../components';
import { store as proposalsStore } from '../store';
import { useNow } from '../sidebar/use-now';
import { getQueueActions } from './actions';
import { getQueueFields } from './fields';
import { DEFAULT_VIEW, viewToQuery } from './view';

const getItemId = ( item: Proposal ): string => String( item.id );

/**
 * Countersign → Review queue: every proposal the reviewer may act on.
 */
export function QueuePage() {
	const now = useNow();
	const [ view, setView ] = useState< View >( DEFAULT_VIEW );
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
	const { approveProposal } = useDispatch( proposalsStore );
	const { createSuccessNotice, createErrorNotice } =
		useDispatch( noticesStore );

	const onApprove = useCallback(
		async ( item: Proposal ) => {
			try {
				await approveProposal( item.id );
				void createSuccessNotice(
					__( 'Proposal approved and applied.', 'countersign' ),
					{
						type: 'snackbar',
					}
				);
			} catch ( failure ) {
				void createErrorNotice( toApiError( failure ).message, {
					type: 'snackbar',
				} );
			}
		},
		[ approveProposal, createSuccessNotice, createErrorNotice ]
	);

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
	const fields = useMemo(
		() => getQueueFields( agentOptions, now ),
		[ agentOptions, now ]
	);
	const actions = useMemo(
		() => getQueueActions( onApprove ),
		[ onApprove ]
	);

	return (
		<div className="countersign-queue">
			<AdminNotices />
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error.message }
				</Notice>
			) }
			<DataViews< Proposal >
				view={ view }
				onChangeView={ setView }
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
				search={ false }
				empty={
					<p>
						{ __(
							'No proposals match these filters.',
							'countersign'
						) }
					</p>
				}
			/>
		</div>
	);
}
