/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { RiskLevel } from '../api';
import {
	BarChart,
	ChartPlaceholders,
	ChartTile,
	shortDuration,
	StatTile,
} from '../charts';
import { AgentChip } from '../components';
import { reviewStore } from '../store/review';
import { riskLabel } from '../utils/labels';

export { shortDuration } from '../charts';

/**
 * The queue header: pending proposals by risk, decisions per agent over 30
 * days and the median time to review, drawn with the same chart components
 * as the usage dashboard. The figures come from GET /proposals (see the
 * review store), so every reviewer sees them.
 */
export function QueueHeader() {
	const { stats, error } = useSelect( ( select ) => {
		const store = select( reviewStore );
		return {
			stats: store.getQueueStats(),
			error: store.getQueueStatsError(),
		};
	}, [] );
	const { invalidateResolution } = useDispatch( reviewStore );

	if ( error && ! stats ) {
		return (
			<div className="countersign-queue-header is-error" role="status">
				<p>
					{ __(
						'The review figures could not be loaded.',
						'countersign'
					) }
				</p>
				<Button
					variant="link"
					onClick={ () =>
						void invalidateResolution( 'getQueueStats', [] )
					}
				>
					{ __( 'Try again', 'countersign' ) }
				</Button>
			</div>
		);
	}
	if ( ! stats ) {
		return (
			<div
				className="countersign-queue-header is-loading"
				aria-busy="true"
			>
				<ChartPlaceholders
					count={ 3 }
					label={ __( 'Loading review figures…', 'countersign' ) }
				/>
			</div>
		);
	}
	const totalPending = stats.pendingByRisk.reduce( ( sum, n ) => sum + n, 0 );
	const agents = stats.decisionsByAgent.slice( 0, 5 );
	return (
		<div className="countersign-queue-header">
			<ChartTile
				title={ sprintf(
					/* translators: %d: number of pending proposals. */
					__( 'Pending by risk (%d)', 'countersign' ),
					totalPending
				) }
			>
				<BarChart
					label={ __( 'Pending proposals by risk', 'countersign' ) }
					rows={ stats.pendingByRisk.map( ( count, index ) => {
						const level = ( index + 1 ) as RiskLevel;
						return {
							key: level,
							label: `${ level } · ${ riskLabel( level ) }`,
							segments: [
								{ value: count, tone: `risk-${ level }` },
							],
							valueText: String( count ),
						};
					} ) }
				/>
			</ChartTile>
			<ChartTile
				title={ sprintf(
					/* translators: %d: number of days. */
					__( 'Decisions per agent, last %d days', 'countersign' ),
					stats.windowDays
				) }
			>
				{ agents.length === 0 ? (
					<p className="countersign-chart-tile__note">
						{ __( 'No decisions yet.', 'countersign' ) }
					</p>
				) : (
					<BarChart
						label={ __( 'Decisions per agent', 'countersign' ) }
						rows={ agents.map( ( entry ) => ( {
							key: entry.agent.id,
							label: <AgentChip agent={ entry.agent } />,
							segments: [
								{ value: entry.approved, tone: 'approved' },
								{ value: entry.rejected, tone: 'rejected' },
							],
							valueText: sprintf(
								/* translators: 1: approvals, 2: rejections. */
								__(
									'%1$d approved, %2$d rejected',
									'countersign'
								),
								entry.approved,
								entry.rejected
							),
						} ) ) }
					/>
				) }
			</ChartTile>
			<StatTile
				title={ __( 'Median time to review', 'countersign' ) }
				value={
					stats.medianReviewSeconds === null
						? '—'
						: shortDuration( stats.medianReviewSeconds )
				}
				note={ sprintf(
					/* translators: %d: number of decisions. */
					__( 'over the last %d decisions', 'countersign' ),
					stats.sampleSize
				) }
			/>
		</div>
	);
}
