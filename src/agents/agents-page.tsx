/**
 * WordPress dependencies
 */
import { Button, Modal, Notice } from '@wordpress/components';
import {
	DataViews,
	filterSortAndPaginate,
	type Field,
	type View,
} from '@wordpress/dataviews/wp';
import { useSelect } from '@wordpress/data';
import { useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { Agent } from '../api';
import { AdminNotices, AgentChip } from '../components';
import { store as proposalsStore } from '../store';
import { useNow } from '../sidebar/use-now';
import { age } from '../utils/format';
import {
	agentStatusLabel,
	autonomyWord,
	presetLabel,
	PRESETS,
	roleLabel,
} from '../utils/labels';
import { AddAgentForm } from './add-agent-form';
import { useAgentActions } from './agent-actions';
import { AgentEditor } from './agent-editor';
import {
	CredentialsNotice,
	type IssuedCredentials,
} from './credentials-notice';
import { KillSwitch } from './kill-switch';
import { mcpServer } from './mcp';
import { McpHint } from './mcp-hint';

const DEFAULT_VIEW: View = {
	type: 'table',
	page: 1,
	perPage: 20,
	titleField: 'label',
	fields: [
		'preset',
		'status',
		'autonomy',
		'limits',
		'requests_today',
		'pending_proposals',
		'last_seen_at',
	],
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
			id: 'preset',
			label: __( 'Access', 'countersign' ),
			getValue: ( { item } ) => item.preset,
			render: ( { item } ) => (
				<span className="countersign-agent-access">
					<span>{ presetLabel( item.preset ) }</span>
					<span className="countersign-agent-access__role">
						{ roleLabel( item.role ) }
					</span>
				</span>
			),
			elements: PRESETS.map( ( value ) => ( {
				value,
				label: presetLabel( value ),
			} ) ),
			filterBy: { operators: [ 'is' ] },
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
					{ item.status === 'paused' && item.auto_paused_at && (
						<span className="countersign-agent-status__auto">
							{ __( 'by its limits', 'countersign' ) }
						</span>
					) }
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
			id: 'autonomy',
			label: __( 'Autonomy', 'countersign' ),
			getValue: ( { item } ) => item.autonomy,
			render: ( { item } ) => <>{ autonomyWord( item.autonomy ) }</>,
			elements: ( [ 'supervised', 'autonomous' ] as const ).map(
				( value ) => ( { value, label: autonomyWord( value ) } )
			),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'limits',
			label: __( 'Limits', 'countersign' ),
			enableSorting: false,
			filterBy: false,
			getValue: ( { item } ) => item.rate_limit,
			render: ( { item } ) => (
				<span className="countersign-agent-limits">
					{ sprintf(
						/* translators: 1: requests per rate-limit window, 2: proposals per day. */
						__( '%1$d/window · %2$d/day', 'countersign' ),
						item.rate_limit,
						item.daily_proposal_budget
					) }
				</span>
			),
		},
		{
			id: 'requests_today',
			label: __( 'Today', 'countersign' ),
			header: (
				<span title={ __( 'Requests today', 'countersign' ) }>
					{ __( 'Today', 'countersign' ) }
				</span>
			),
			type: 'integer',
			filterBy: false,
			getValue: ( { item } ) => item.requests_today ?? 0,
		},
		{
			id: 'pending_proposals',
			label: __( 'Pending', 'countersign' ),
			type: 'integer',
			filterBy: false,
			getValue: ( { item } ) => item.pending_proposals ?? 0,
			render: ( { item } ) =>
				item.pending_proposals ? (
					<a
						href={ addQueryArgs( 'admin.php', {
							page: 'countersign',
						} ) }
					>
						{ item.pending_proposals }
					</a>
				) : (
					<>0</>
				),
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
	const [ credentials, setCredentials ] =
		useState< IssuedCredentials | null >( null );
	const [ editing, setEditing ] = useState< Agent | null >( null );
	const [ isAdding, setIsAdding ] = useState( false );
	const actions = useAgentActions( setEditing, setCredentials );
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
			<KillSwitch />
			{ credentials && (
				<CredentialsNotice
					credentials={ credentials }
					onDismiss={ () => setCredentials( null ) }
				/>
			) }
			{ editing && (
				<AgentEditor
					agent={ editing }
					onClose={ () => setEditing( null ) }
					onCredentials={ setCredentials }
				/>
			) }
			<div className="countersign-agents__toolbar">
				<McpHint server={ mcpServer() } />
				<Button
					__next40pxDefaultSize
					variant="primary"
					onClick={ () => setIsAdding( true ) }
				>
					{ __( 'Add agent', 'countersign' ) }
				</Button>
			</div>
			{ isAdding && (
				<Modal
					title={ __( 'Add agent', 'countersign' ) }
					onRequestClose={ () => setIsAdding( false ) }
					size="medium"
				>
					<AddAgentForm
						onCreated={ ( agent ) => {
							setIsAdding( false );
							setCredentials( {
								agent,
								password: agent.application_password,
								reason: 'created',
							} );
						} }
					/>
				</Modal>
			) }
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
					actions={ actions }
					isLoading={ isLoading }
					paginationInfo={ paginationInfo }
					defaultLayouts={ { table: {} } }
					search
					searchLabel={ __( 'Search agents', 'countersign' ) }
					empty={
						<p>
							{ __(
								'No agents yet. Add the first one: it gets its own WordPress user and application password.',
								'countersign'
							) }
						</p>
					}
				/>
			</div>
		</div>
	);
}
