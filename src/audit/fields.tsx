/**
 * WordPress dependencies
 */
import type { Field } from '@wordpress/dataviews/wp';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { AgentRef, AuditEntry } from '../api';
import { AgentChip } from '../components';
import { summarizeEntry } from './describe';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from './query';

/**
 * The audit table's columns. Filtering and paging are the server's
 * (viewToAuditQuery); the table never sorts (newest first, always).
 *
 * @param agents Agents to offer in the agent filter.
 * @param actors People and agents to offer in the actor filter.
 */
export function getAuditFields(
	agents: AgentRef[],
	actors: Array< { id: number; name: string } >
): Field< AuditEntry >[] {
	return [
		{
			id: 'id',
			label: __( 'Entry', 'countersign' ),
			type: 'integer',
			enableSorting: false,
			enableHiding: false,
			filterBy: false,
			getValue: ( { item } ) => item.id,
			render: ( { item } ) => (
				<span className="countersign-audit__id">{ `#${ item.id }` }</span>
			),
		},
		{
			id: 'created_at',
			label: __( 'When (UTC)', 'countersign' ),
			type: 'date',
			enableSorting: false,
			filterBy: { operators: [ 'on', 'after', 'before', 'between' ] },
			getValue: ( { item } ) => item.created_at.slice( 0, 10 ),
			render: ( { item } ) => (
				<time dateTime={ `${ item.created_at.replace( ' ', 'T' ) }Z` }>
					{ item.created_at.slice( 0, 19 ) }
				</time>
			),
		},
		{
			id: 'agent',
			label: __( 'Agent', 'countersign' ),
			enableSorting: false,
			getValue: ( { item } ) => item.agent_id,
			render: ( { item } ) =>
				item.agent ? <AgentChip agent={ item.agent } /> : '—',
			elements: agents.map( ( agent ) => ( {
				value: agent.id,
				label: agent.label,
			} ) ),
			filterBy: { operators: [ 'is' ], isPrimary: true },
		},
		{
			id: 'actor',
			label: __( 'Actor', 'countersign' ),
			enableSorting: false,
			getValue: ( { item } ) => item.actor_id,
			render: ( { item } ) => item.actor.name,
			elements: actors.map( ( actor ) => ( {
				value: actor.id,
				label: actor.name,
			} ) ),
			filterBy: { operators: [ 'is' ] },
		},
		{
			id: 'action',
			label: __( 'Action', 'countersign' ),
			enableSorting: false,
			getValue: ( { item } ) => item.action,
			render: ( { item } ) => (
				<code className="countersign-audit__action">
					{ item.action }
				</code>
			),
			elements: AUDIT_ACTIONS.map( ( action ) => ( {
				value: action,
				label: action,
			} ) ),
			filterBy: { operators: [ 'is' ], isPrimary: true },
		},
		{
			id: 'outcome',
			label: __( 'Outcome', 'countersign' ),
			enableSorting: false,
			getValue: ( { item } ) => item.outcome,
			render: ( { item } ) => (
				<span
					className={ `countersign-audit__outcome is-${ item.outcome }` }
				>
					{ item.outcome }
				</span>
			),
			elements: AUDIT_OUTCOMES.map( ( outcome ) => ( {
				value: outcome,
				label: outcome,
			} ) ),
			filterBy: { operators: [ 'is' ], isPrimary: true },
		},
		{
			id: 'summary',
			label: __( 'Summary', 'countersign' ),
			enableSorting: false,
			filterBy: false,
			getValue: ( { item } ) => summarizeEntry( item ),
			render: ( { item } ) => (
				<span className="countersign-audit__summary">
					{ summarizeEntry( item ) }
				</span>
			),
		},
	];
}
