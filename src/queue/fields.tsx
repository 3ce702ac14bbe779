/**
 * WordPress dependencies
 */
import type { Field } from '@wordpress/dataviews/wp';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { AgentRef, Proposal, RiskLevel } from '../api';
import { AgentChip, RiskBadge, StatusBadge } from '../components';
import { age, utcDate } from '../utils/format';
import {
	agentStatusLabel,
	fieldLabel,
	PROPOSAL_STATUSES,
	riskLabel,
	statusLabel,
} from '../utils/labels';

const RISKS: RiskLevel[] = [ 1, 2, 3, 4, 5 ];

/**
 * The queue's columns. Sorting is the server's (newest first); filtering is
 * translated into the REST query by viewToQuery().
 *
 * @param agents    Agents to offer in the agent filter.
 * @param now       Reference time for ages.
 * @param postTypes Post types to offer in the post type filter.
 */
export function getQueueFields(
	agents: AgentRef[],
	now: Date,
	postTypes: string[] = [ 'post', 'page' ]
): Field< Proposal >[] {
	return [
		{
			id: 'post',
			label: __( 'Post', 'countersign' ),
			enableHiding: false,
			enableSorting: false,
			filterBy: false,
			getValue: ( { item } ) => item.post_title,
			// The title opens the post in the editor on this proposal (DataViews makes it the link); the eye
			// action beside each row shows the changes in the side panel.
			render: ( { item } ) => (
				<span className="countersign-queue__post">
					{ item.post_title || __( '(no title)', 'countersign' ) }
				</span>
			),
		},
		{
			id: 'agent',
			label: __( 'Agent', 'countersign' ),
			enableSorting: false,
			getValue: ( { item } ) => item.agent.id,
			render: ( { item } ) => (
				<>
					<AgentChip agent={ item.agent } />
					{ item.agent.status !== undefined &&
						item.agent.status !== 'active' && (
							<span className="countersign-agent-state">
								{ agentStatusLabel( item.agent.status ) }
							</span>
						) }
				</>
			),
			elements: agents.map( ( agent ) => ( {
				value: agent.id,
				label: agent.label,
			} ) ),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'risk',
			label: __( 'Risk', 'countersign' ),
			type: 'integer',
			// The server sorts by risk (highest first) when asked.
			enableSorting: true,
			getValue: ( { item } ) => item.risk,
			elements: RISKS.map( ( level ) => ( {
				value: level,
				label: `${ level } · ${ riskLabel( level ) }`,
			} ) ),
			filterBy: { operators: [ 'is' ] },
			render: ( { item } ) => <RiskBadge level={ item.risk } />,
		},
		{
			id: 'status',
			label: __( 'Status', 'countersign' ),
			enableSorting: false,
			getValue: ( { item } ) => item.status,
			render: ( { item } ) => <StatusBadge status={ item.status } />,
			elements: PROPOSAL_STATUSES.map( ( status ) => ( {
				value: status,
				label: statusLabel( status ),
			} ) ),
			filterBy: { operators: [ 'isAny' ], isPrimary: true },
		},
		{
			id: 'post_type',
			label: __( 'Post type', 'countersign' ),
			enableSorting: false,
			getValue: ( { item } ) => item.post_type,
			elements: postTypes.map( ( type ) => ( {
				value: type,
				label: type,
			} ) ),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'created',
			label: __( 'Proposed', 'countersign' ),
			type: 'datetime',
			enableSorting: true,
			filterBy: { operators: [ 'before', 'after' ] },
			getValue: ( { item } ) => item.created,
			render: ( { item } ) => (
				<time dateTime={ utcDate( item.created ).toISOString() }>
					{ age( item.created, now ) }
				</time>
			),
		},
		{
			id: 'changes',
			label: __( 'Changes', 'countersign' ),
			enableSorting: false,
			filterBy: false,
			getValue: ( { item } ) => Object.keys( item.changes ).join( ', ' ),
			render: ( { item } ) => (
				<ul className="countersign-field-list">
					{ Object.keys( item.changes ).map( ( field ) => (
						<li key={ field }>{ fieldLabel( field ) }</li>
					) ) }
				</ul>
			),
		},
	];
}
