/**
 * WordPress dependencies
 */
import { Notice } from '@wordpress/components';
import {
	DataViews,
	filterSortAndPaginate,
	type Field,
	type View,
} from '@wordpress/dataviews/wp';
import { useSelect } from '@wordpress/data';
import { useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Agent, CreatedAgent } from '../api';
import { AdminNotices, AgentChip } from '../components';
import { store as proposalsStore } from '../store';
import { useNow } from '../sidebar/use-now';
import { age, safeColor } from '../utils/format';
import { agentStatusLabel, presetLabel, roleLabel } from '../utils/labels';
import { AddAgentForm } from './add-agent-form';
import { CreatedAgentNotice } from './created-agent-notice';

const DEFAULT_VIEW: View = {
	type: 'table',
	page: 1,
	perPage: 20,
	titleField: 'label',
	fields: [ 'color', 'role', 'preset', 'status', 'last_seen_at' ],
	layout: { density: 'compact' },
};

const getItemId = ( agent: Agent ): string => String( agent.id );

/**
 * The agents table's columns.
 *
 * @param now Reference time for "last seen".
 */
function getFields( now: Date ): Field< Agent >[] {
	return [
		{
			id: 'label',
			label: __( 'Agent', 'countersign' ),
			enableHiding: false,
			getValue: ( { item } ) => item.label,
			render: ( { item } ) => <AgentChip agent={ item } />,
		},
		{
			id: 'color',
			label: __( 'Colour', 'countersign' ),
			enableSorting: false,
			filterBy: false,
			getValue: ( { item } ) => item.color,
			render: ( { item } ) => (
				<span className="countersign-color">
					<span
						className="countersign-color__swatch"
						style={ { backgroundColor: safeColor( item.color ) } }
						aria-hidden
					/>
					<code>{ item.color }</code>
				</span>
			),
		},
		{
			id: 'role',
			label: __( 'Role', 'countersign' ),
			getValue: ( { item } ) => item.role,
			render: ( { item } ) => <>{ roleLabel( item.role ) }</>,
			elements: ( [ 'contributor', 'author', 'editor' ] as const ).map(
				( value ) => ( {
					value,
					label: roleLabel( value ),
				} )
			),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'preset',
			label: __( 'Preset', 'countersign' ),
			getValue: ( { item } ) => item.preset,
			render: ( { item } ) => <>{ presetLabel( item.preset ) }</>,
			filterBy: false,
		},
		{
			id: 'status',
			label: __( 'Status', 'countersign' ),
			getValue: ( { item } ) => item.status,
			render: ( { item } ) => (
				<span
					className={ `countersign-agent-status countersign-agent-status--${ item.status }` }
				>
					{ agentStatusLabel( item.status ) }
				</span>
			),
			elements: ( [ 'active', 'paused', 'revoked' ] as const ).map(
				( value ) => ( {
					value,
					label: agentStatusLabel( value ),
				} )
			),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'last_seen_at',
			label: __( 'Last seen', 'countersign' ),
			filterBy: false,
			getValue: ( { item } ) => item.last_seen_at ?? '',
			render: ( { item } ) => (
				<>
					{ item.last_seen_at
						? age( item.last_seen_at, now )
						: __( 'Never', 'countersign' ) }
				</>
			),
		},
	];
}

/**
 * Countersign → Agents: the agents and the form that creates them.
 */
export function AgentsPage() {
	const now = useNow();
	const [ view, setView ] = useState< View >( DEFAULT_VIEW );
	const [ created, setCreated ] = useState< CreatedAgent | null >( null );
	const { agents, error, isLoading } = useSelect( ( select ) => {
		const store = select( proposalsStore );
		return {
			agents: store.getAgents(),
			error: store.getAgentsError(),
			isLoading: ! store.hasFinishedResolution( 'getAgents', [] ),
		};
	}, [] );
	const fields = useMemo( () => getFields( now ), [ now ] );
	// The list is small (one row per agent), so DataViews filters and pages it in the browser.
	const { data, paginationInfo } = useMemo(
		() => filterSortAndPaginate( agents, view, fields ),
		[ agents, view, fields ]
	);

	return (
		<div className="countersign-agents">
			<AdminNotices />
			{ created && (
				<CreatedAgentNotice
					agent={ created }
					onDismiss={ () => setCreated( null ) }
				/>
			) }
			<div className="countersign-agents__layout">
				<div className="countersign-agents__list">
					{ error && (
						<Notice status="error" isDismissible={ false }>
							{ error.message }
						</Notice>
					) }
					<DataViews< Agent >
						view={ view }
						onChangeView={ setView }
						fields={ fields }
						data={ data }
						getItemId={ getItemId }
						isLoading={ isLoading }
						paginationInfo={ paginationInfo }
						defaultLayouts={ { table: {} } }
						search
						searchLabel={ __( 'Search agents', 'countersign' ) }
						empty={
							<p>
								{ __(
									'No agents yet. Add the first one.',
									'countersign'
								) }
							</p>
						}
					/>
				</div>
				<AddAgentForm onCreated={ setCreated } />
			</div>
		</div>
	);
}
