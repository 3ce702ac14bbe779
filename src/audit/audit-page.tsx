/**
 * WordPress dependencies
 */
import { DataViews, type Action, type View } from '@wordpress/dataviews/wp';
import { useDispatch, useSelect } from '@wordpress/data';
import { useEffect, useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { AgentRef, AuditEntry } from '../api';
import { TableBox } from '../components';
import { store as proposalsStore } from '../store';
import { auditStore } from '../store/audit';
import { ChainStatusBadge } from './chain-status';
import { EntryDetail } from './entry-detail';
import { ExportButtons } from './export-buttons';
import { getAuditFields } from './fields';
import { viewToAuditQuery } from './query';

export const DEFAULT_AUDIT_VIEW: View = {
	type: 'table',
	page: 1,
	perPage: 50,
	titleField: 'id',
	fields: [ 'created_at', 'agent', 'actor', 'action', 'outcome', 'summary' ],
	filters: [],
	layout: {
		density: 'compact',
		// The entry column (the title) takes what is left; sized so the
		// whole table fits a 1280px screen.
		styles: {
			created_at: { width: 140 },
			agent: { width: 160 },
			actor: { width: 130 },
			action: { width: 170 },
			outcome: { width: 80 },
			summary: { width: 190 },
		},
	},
};

const getItemId = ( item: AuditEntry ): string => String( item.id );

/**
 * Countersign → Audit log: the chain's status, the entries newest first with
 * server-side filters and pages, each entry's detail, and streamed exports.
 */
export function AuditPage() {
	const [ view, setView ] = useState< View >( DEFAULT_AUDIT_VIEW );
	const [ open, setOpen ] = useState< AuditEntry | null >( null );
	const query = useMemo( () => viewToAuditQuery( view ), [ view ] );
	const { page, error, isLoading, agents } = useSelect(
		( select ) => ( {
			page: select( auditStore ).getAuditPage( query ),
			error: select( auditStore ).getAuditError( query ),
			isLoading: ! select( auditStore ).hasFinishedResolution(
				'getAuditPage',
				[ query ]
			),
			agents: select( proposalsStore ).getAgents(),
		} ),
		[ query ]
	);
	const { invalidateResolution } = useDispatch( auditStore );

	// People and agents met on any page so far, so the filters can offer them.
	const [ seen, setSeen ] = useState< {
		agents: Map< number, AgentRef >;
		actors: Map< number, string >;
	} >( () => ( { agents: new Map(), actors: new Map() } ) );
	useEffect( () => {
		if ( ! page ) {
			return;
		}
		setSeen( ( previous ) => {
			const next = {
				agents: new Map( previous.agents ),
				actors: new Map( previous.actors ),
			};
			for ( const entry of page.items ) {
				if ( entry.agent ) {
					next.agents.set( entry.agent.id, entry.agent );
				}
				if ( entry.actor_id > 0 ) {
					next.actors.set( entry.actor_id, entry.actor.name );
				}
			}
			return next;
		} );
	}, [ page ] );
	const fields = useMemo( () => {
		const agentOptions = new Map< number, AgentRef >( seen.agents );
		for ( const agent of agents ) {
			agentOptions.set( agent.id, agent );
		}
		const actors = new Map( seen.actors );
		for ( const agent of agents ) {
			actors.set( agent.id, agent.label );
		}
		return getAuditFields(
			[ ...agentOptions.values() ],
			[ ...actors ].map( ( [ id, name ] ) => ( { id, name } ) )
		);
	}, [ agents, seen ] );
	const actions = useMemo< Action< AuditEntry >[] >(
		() => [
			{
				id: 'view',
				label: __( 'View details', 'countersign' ),
				callback: ( items ) => setOpen( items[ 0 ] ?? null ),
			},
		],
		[]
	);

	return (
		<div className="countersign-audit">
			<div className="countersign-audit__top">
				<ChainStatusBadge />
				<ExportButtons query={ query } />
			</div>
			<TableBox
				className="countersign-sized-columns"
				error={ error }
				onRetry={ () =>
					void invalidateResolution( 'getAuditPage', [ query ] )
				}
			>
				<DataViews< AuditEntry >
					view={ view }
					onChangeView={ setView }
					fields={ fields }
					actions={ actions }
					data={ page?.items ?? [] }
					getItemId={ getItemId }
					isLoading={ isLoading && ! page }
					paginationInfo={ {
						totalItems: page?.total ?? 0,
						totalPages: page?.totalPages ?? 1,
					} }
					defaultLayouts={ { table: {} } }
					search={ false }
					onClickItem={ setOpen }
					isItemClickable={ () => true }
					empty={
						error ? (
							<span />
						) : (
							<p className="countersign-table__empty">
								{ __(
									'No audit entries match these filters.',
									'countersign'
								) }
							</p>
						)
					}
				/>
			</TableBox>
			{ open && (
				<EntryDetail entry={ open } onClose={ () => setOpen( null ) } />
			) }
		</div>
	);
}
