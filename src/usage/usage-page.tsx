/**
 * WordPress dependencies
 */
import { Button, Notice, SelectControl } from '@wordpress/components';
import {
	DataViews,
	filterSortAndPaginate,
	type Field,
	type View,
} from '@wordpress/dataviews/wp';
import { useDispatch, useSelect } from '@wordpress/data';
import { useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { AgentRef } from '../api';
import {
	BarChart,
	ChartPlaceholders,
	ChartTile,
	ColumnChart,
	shortDuration,
	StatTile,
} from '../charts';
import { AgentChip } from '../components';
import { auditStore } from '../store/audit';
import {
	lastDays,
	summarizeUsage,
	type AgentSummary,
	type UsageRow,
} from './aggregate';

const RANGES = [ 7, 30, 90 ] as const;

const DEFAULT_VIEW: View = {
	type: 'table',
	page: 1,
	perPage: 20,
	sort: { field: 'day', direction: 'desc' },
	fields: [
		'agent',
		'requests',
		'refusals',
		'proposals',
		'approvals',
		'rejections',
		'median',
		'tokens',
		'cost',
	],
	titleField: 'day',
	layout: {
		density: 'compact',
		// Nine columns fit a 1280px screen only with narrow number columns.
		styles: {
			requests: { width: 84, align: 'end' },
			refusals: { width: 84, align: 'end' },
			proposals: { width: 84, align: 'end' },
			approvals: { width: 84, align: 'end' },
			rejections: { width: 84, align: 'end' },
			median: { width: 96, align: 'end' },
			tokens: { width: 96, align: 'end' },
			cost: { width: 96, align: 'end' },
		},
	},
};

const formatNumber = ( value: number ): string =>
	new Intl.NumberFormat().format( value );

/**
 * An amount of money, with up to four decimals (token prices make fractions of a cent).
 *
 * @param value    Amount.
 * @param currency ISO 4217 code.
 */
const formatMoney = ( value: number, currency: string ): string => {
	try {
		return new Intl.NumberFormat( undefined, {
			style: 'currency',
			currency,
			maximumFractionDigits: 4,
		} ).format( value );
	} catch {
		return `${ value.toFixed( 4 ) } ${ currency }`;
	}
};

declare global {
	interface Window {
		/** Printed by the Usage page (includes/Admin/Menu.php). */
		countersignUsage?: { exportUrl: string; nonce: string };
	}
}

const shortDay = ( day: string ): string =>
	new Date( `${ day }T00:00:00Z` ).toLocaleDateString( undefined, {
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC',
	} );

/**
 * The table's columns.
 *
 * @param agents     Agents in the report (for the agent filter).
 * @param showTokens Whether the viewer may see tokens and cost.
 * @param currency   The currency of cost.
 */
function usageFields(
	agents: AgentRef[],
	showTokens: boolean,
	currency: string
): Field< UsageRow >[] {
	const count = (
		id: keyof Pick<
			UsageRow,
			'requests' | 'refusals' | 'proposals' | 'approvals' | 'rejections'
		>,
		label: string
	): Field< UsageRow > => ( {
		id,
		label,
		type: 'integer',
		filterBy: false,
		getValue: ( { item } ) => item[ id ],
	} );
	const fields: Field< UsageRow >[] = [
		{
			id: 'day',
			label: __( 'Day', 'countersign' ),
			type: 'text',
			enableHiding: false,
			filterBy: false,
			getValue: ( { item } ) => item.day,
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
		count( 'requests', __( 'Requests', 'countersign' ) ),
		count( 'refusals', __( 'Refusals', 'countersign' ) ),
		count( 'proposals', __( 'Proposals', 'countersign' ) ),
		count( 'approvals', __( 'Approvals', 'countersign' ) ),
		count( 'rejections', __( 'Rejections', 'countersign' ) ),
		{
			id: 'median',
			label: __( 'Median review', 'countersign' ),
			type: 'integer',
			filterBy: false,
			getValue: ( { item } ) => item.medianReviewSeconds ?? -1,
			render: ( { item } ) =>
				item.medianReviewSeconds === null
					? '—'
					: shortDuration( item.medianReviewSeconds ),
		},
	];
	if ( showTokens ) {
		fields.push( {
			id: 'tokens',
			label: __( 'Tokens', 'countersign' ),
			type: 'integer',
			filterBy: false,
			getValue: ( { item } ) => item.tokens ?? 0,
			render: ( { item } ) => formatNumber( item.tokens ?? 0 ),
		} );
		fields.push( {
			id: 'cost',
			label: __( 'Cost', 'countersign' ),
			type: 'number',
			filterBy: false,
			getValue: ( { item } ) => item.cost ?? 0,
			render: ( { item } ) => formatMoney( item.cost ?? 0, currency ),
		} );
	}
	return fields;
}

/**
 * The three charts: requests by agent, proposals over time, approval rate.
 *
 * @param props        Component props.
 * @param props.agents Per agent totals.
 * @param props.days   Proposals per day.
 */
function UsageCharts( {
	agents,
	days,
}: {
	agents: AgentSummary[];
	days: Array< { day: string; value: number } >;
} ) {
	const top = agents.slice( 0, 8 );
	const decided = agents.filter( ( agent ) => agent.approvalRate !== null );
	return (
		<div className="countersign-usage__charts">
			<ChartTile
				title={ __( 'Requests by agent', 'countersign' ) }
				table={ {
					caption: __( 'Requests by agent', 'countersign' ),
					columns: [
						__( 'Agent', 'countersign' ),
						__( 'Requests', 'countersign' ),
						__( 'Refusals', 'countersign' ),
					],
					rows: agents.map( ( agent ) => [
						agent.agent.label,
						agent.requests,
						agent.refusals,
					] ),
				} }
			>
				{ top.length === 0 ? (
					<p className="countersign-chart-tile__note">
						{ __( 'No requests in this range.', 'countersign' ) }
					</p>
				) : (
					<BarChart
						label={ __( 'Requests by agent', 'countersign' ) }
						rows={ top.map( ( agent ) => ( {
							key: agent.agent.id,
							label: <AgentChip agent={ agent.agent } />,
							segments: [
								{
									value: agent.requests - agent.refusals,
									tone: 'requests',
								},
								{ value: agent.refusals, tone: 'refused' },
							],
							valueText: sprintf(
								/* translators: 1: requests, 2: refusals. */
								__( '%1$s (%2$s refused)', 'countersign' ),
								formatNumber( agent.requests ),
								formatNumber( agent.refusals )
							),
						} ) ) }
					/>
				) }
			</ChartTile>
			<ChartTile
				className="is-wide"
				title={ __( 'Proposals over time', 'countersign' ) }
				table={ {
					caption: __( 'Proposals per day', 'countersign' ),
					columns: [
						__( 'Day (UTC)', 'countersign' ),
						__( 'Proposals', 'countersign' ),
					],
					rows: days.map( ( day ) => [ day.day, day.value ] ),
				} }
			>
				<ColumnChart
					unit={ __( 'proposals', 'countersign' ) }
					points={ days.map( ( day ) => ( {
						label: shortDay( day.day ),
						value: day.value,
					} ) ) }
				/>
			</ChartTile>
			<ChartTile
				title={ __( 'Approval rate', 'countersign' ) }
				table={ {
					caption: __( 'Approval rate by agent', 'countersign' ),
					columns: [
						__( 'Agent', 'countersign' ),
						__( 'Approvals', 'countersign' ),
						__( 'Rejections', 'countersign' ),
						__( 'Approval rate', 'countersign' ),
					],
					rows: agents.map( ( agent ) => [
						agent.agent.label,
						agent.approvals,
						agent.rejections,
						agent.approvalRate === null
							? '—'
							: `${ agent.approvalRate }%`,
					] ),
				} }
			>
				{ decided.length === 0 ? (
					<p className="countersign-chart-tile__note">
						{ __( 'No decisions in this range.', 'countersign' ) }
					</p>
				) : (
					<BarChart
						label={ __( 'Approval rate by agent', 'countersign' ) }
						max={ 100 }
						rows={ decided.slice( 0, 8 ).map( ( agent ) => ( {
							key: agent.agent.id,
							label: <AgentChip agent={ agent.agent } />,
							segments: [
								{
									value: agent.approvalRate ?? 0,
									tone: 'rate',
								},
							],
							valueText: sprintf(
								/* translators: 1: rate in percent, 2: approvals, 3: decisions. */
								__( '%1$d%% (%2$d of %3$d)', 'countersign' ),
								agent.approvalRate ?? 0,
								agent.approvals,
								agent.approvals + agent.rejections
							),
						} ) ) }
					/>
				) }
			</ChartTile>
		</div>
	);
}

/**
 * Countersign → Usage: per agent requests, refusals, proposals, decisions,
 * time to review and (for administrators) tokens, over 7, 30 or 90 days.
 */
export function UsagePage() {
	const [ range, setRange ] = useState< ( typeof RANGES )[ number ] >( 30 );
	// The range is fixed when chosen, so the query (and its cache key) is stable.
	const query = useMemo( () => lastDays( range, new Date() ), [ range ] );
	const [ view, setView ] = useState< View >( DEFAULT_VIEW );
	const { report, error } = useSelect(
		( select ) => ( {
			report: select( auditStore ).getUsage( query ),
			error: select( auditStore ).getUsageError( query ),
		} ),
		[ query ]
	);
	const { invalidateResolution } = useDispatch( auditStore );
	const summary = useMemo(
		() => ( report ? summarizeUsage( report ) : null ),
		[ report ]
	);
	const fields = useMemo(
		() =>
			usageFields(
				summary?.agents.map( ( agent ) => agent.agent ) ?? [],
				report?.tokens ?? false,
				report?.currency ?? 'USD'
			),
		[ summary, report ]
	);
	const { data, paginationInfo } = useMemo(
		() => filterSortAndPaginate( summary?.rows ?? [], view, fields ),
		[ summary, view, fields ]
	);

	return (
		<div className="countersign-usage">
			<div className="countersign-usage__toolbar">
				<SelectControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Range', 'countersign' ) }
					value={ String( range ) }
					options={ RANGES.map( ( days ) => ( {
						value: String( days ),
						label: sprintf(
							/* translators: %d: number of days. */
							__( 'Last %d days', 'countersign' ),
							days
						),
					} ) ) }
					onChange={ ( value ) =>
						setRange(
							RANGES.find(
								( days ) => String( days ) === value
							) ?? 30
						)
					}
				/>
				{ window.countersignUsage && (
					<Button
						variant="secondary"
						__next40pxDefaultSize
						href={ addQueryArgs(
							window.countersignUsage.exportUrl,
							{
								...query,
								_wpnonce: window.countersignUsage.nonce,
							}
						) }
						download
					>
						{ __( 'Export CSV', 'countersign' ) }
					</Button>
				) }
			</div>
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error.message }{ ' ' }
					<Button
						variant="link"
						onClick={ () =>
							void invalidateResolution( 'getUsage', [ query ] )
						}
					>
						{ __( 'Try again', 'countersign' ) }
					</Button>
				</Notice>
			) }
			{ ! summary && ! error && (
				<div className="countersign-usage__stats" aria-busy="true">
					<ChartPlaceholders
						count={ 4 }
						label={ __( 'Loading usage…', 'countersign' ) }
					/>
				</div>
			) }
			{ summary && (
				<>
					<div className="countersign-usage__stats">
						<StatTile
							title={ __( 'Requests', 'countersign' ) }
							value={ formatNumber( summary.totals.requests ) }
							note={ sprintf(
								/* translators: %s: number of refused requests. */
								__( '%s refused', 'countersign' ),
								formatNumber( summary.totals.refusals )
							) }
						/>
						<StatTile
							title={ __( 'Proposals', 'countersign' ) }
							value={ formatNumber( summary.totals.proposals ) }
							note={ sprintf(
								/* translators: 1: approvals, 2: rejections. */
								__(
									'%1$s approved, %2$s rejected',
									'countersign'
								),
								formatNumber( summary.totals.approvals ),
								formatNumber( summary.totals.rejections )
							) }
						/>
						<StatTile
							title={ __( 'Approval rate', 'countersign' ) }
							value={
								summary.totals.approvalRate === null
									? '—'
									: `${ summary.totals.approvalRate }%`
							}
							note={ __( 'of decided proposals', 'countersign' ) }
						/>
						<StatTile
							title={ __(
								'Median time to review',
								'countersign'
							) }
							value={
								summary.totals.medianReviewSeconds === null
									? '—'
									: shortDuration(
											summary.totals.medianReviewSeconds
										)
							}
							note={ __( 'median across agents', 'countersign' ) }
						/>
						{ summary.totals.cost !== null && (
							<StatTile
								title={ __( 'Cost', 'countersign' ) }
								value={ formatMoney(
									summary.totals.cost,
									report?.currency ?? 'USD'
								) }
								note={ __(
									'at the model prices in Settings',
									'countersign'
								) }
							/>
						) }
						{ summary.totals.tokens !== null && (
							<StatTile
								title={ __( 'Tokens', 'countersign' ) }
								value={ formatNumber( summary.totals.tokens ) }
								note={ __(
									'reported by agents',
									'countersign'
								) }
							/>
						) }
					</div>
					<UsageCharts
						agents={ summary.agents }
						days={ summary.proposalsByDay }
					/>
					<section
						className="countersign-usage__table countersign-sized-columns"
						aria-labelledby="countersign-usage-table-title"
					>
						<h2 id="countersign-usage-table-title">
							{ __( 'Per agent, per day', 'countersign' ) }
						</h2>
						<DataViews< UsageRow >
							view={ view }
							onChangeView={ setView }
							fields={ fields }
							data={ data }
							getItemId={ ( item ) => item.id }
							paginationInfo={ paginationInfo }
							defaultLayouts={ { table: {} } }
							search={ false }
							empty={
								<p className="countersign-usage__empty">
									{ __(
										'No agent activity in this range.',
										'countersign'
									) }
								</p>
							}
						/>
					</section>
				</>
			) }
		</div>
	);
}
