/**
 * WordPress dependencies
 */
import type { Field } from '@wordpress/dataviews/wp';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { AgentRef, Proposal } from '../api';
import { AgentChip, RiskBadge, StatusBadge } from '../components';
import { age, utcDate } from '../utils/format';
import { fieldLabel, PROPOSAL_STATUSES, statusLabel } from '../utils/labels';

/**
 * The queue's columns. Sorting is the server's (newest first); filtering is
 * translated into the REST query by viewToQuery().
 *
 * @param agents Agents to offer in the agent filter.
 * @param now    Reference time for ages.
 */
export function getQueueFields(
	agents: AgentRef[],
	now: Date
): Field< Proposal >[] {
	return [
		{
			id: 'post',
			label: __( 'Post', 'countersign' ),
			enableHiding: false,
			enableSorting: false,
			filterBy: false,
			getValue: ( { item } ) => item.post_title,
			render: ( { item } ) => (
				<a href={ item.edit_link } className="countersign-queue__post">
					{ item.post_title || __( '(no title)', 'countersign' ) }
				</a>
			),
		},
		{
			id: 'agent',
			label: __( 'Agent', 'countersign' ),
			enableSorting: false,
			getValue: ( { item } ) => item.agent.id,
			render: ( { item } ) => <AgentChip agent={ item.agent } />,
			elements: agents.map( ( agent ) => ( {
				value: agent.id,
				label: agent.label,
			} ) ),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'risk',
			label: __( 'Risk', 'countersign' ),
			enableSorting: false,
			filterBy: false,
			getValue: ( { item } ) => item.risk,
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
			filterBy: { operators: [ 'is' ], isPrimary: true },
		},
		{
			id: 'created',
			label: __( 'Proposed', 'countersign' ),
			enableSorting: false,
			filterBy: false,
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
