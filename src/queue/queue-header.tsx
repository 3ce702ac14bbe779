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
import { AgentChip } from '../components';
import { reviewStore } from '../store/review';
import { riskLabel } from '../utils/labels';

/**
 * "3 h", "2 d", "40 min": a duration short enough for a stat tile.
 *
 * @param seconds Duration.
 */
export function shortDuration( seconds: number ): string {
	if ( seconds < 3600 ) {
		return sprintf(
			/* translators: %d: minutes. */
			__( '%d min', 'countersign' ),
			Math.max( 1, Math.round( seconds / 60 ) )
		);
	}
	if ( seconds < 172_800 ) {
		return sprintf(
			/* translators: %d: hours. */
			__( '%d h', 'countersign' ),
			Math.round( seconds / 3600 )
		);
	}
	return sprintf(
		/* translators: %d: days. */
		__( '%d d', 'countersign' ),
		Math.round( seconds / 86_400 )
	);
}

/**
 * A bar segment whose length is a share of the chart's largest value; the
 * number beside the bar says the same in text.
 *
 * @param props       Component props.
 * @param props.value Value.
 * @param props.max   Largest value in the chart.
 * @param props.tone  Colour modifier.
 */
function Segment( {
	value,
	max,
	tone,
}: {
	value: number;
	max: number;
	tone: string;
} ) {
	// Steps of 5% keep the stylesheet to 21 widths instead of inline styles.
	const share = max === 0 ? 0 : Math.round( ( value / max ) * 20 ) * 5;
	return (
		<span
			className={ `countersign-chart__bar countersign-chart__bar--${ tone } is-share-${ share }` }
		/>
	);
}

/**
 * The queue header: pending proposals by risk, decisions per agent over 30
 * days and the median time to review. The figures come from GET /proposals
 * (see the review store), so every reviewer sees them.
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
				<span className="screen-reader-text">
					{ __( 'Loading review figures…', 'countersign' ) }
				</span>
				<div className="countersign-queue-header__tile is-placeholder" />
				<div className="countersign-queue-header__tile is-placeholder" />
				<div className="countersign-queue-header__tile is-placeholder" />
			</div>
		);
	}
	const maxRisk = Math.max( ...stats.pendingByRisk );
	const totalPending = stats.pendingByRisk.reduce( ( sum, n ) => sum + n, 0 );
	const agents = stats.decisionsByAgent.slice( 0, 5 );
	const maxDecisions = Math.max(
		0,
		...agents.map( ( a ) => a.approved + a.rejected )
	);
	return (
		<div className="countersign-queue-header">
			<figure className="countersign-queue-header__tile">
				<figcaption>
					{ sprintf(
						/* translators: %d: number of pending proposals. */
						__( 'Pending by risk (%d)', 'countersign' ),
						totalPending
					) }
				</figcaption>
				<ul className="countersign-chart">
					{ stats.pendingByRisk.map( ( count, index ) => {
						const level = ( index + 1 ) as RiskLevel;
						return (
							<li
								key={ level }
								className="countersign-chart__row"
							>
								<span className="countersign-chart__label">
									{ `${ level } · ${ riskLabel( level ) }` }
								</span>
								<span
									className="countersign-chart__track"
									aria-hidden="true"
								>
									<Segment
										value={ count }
										max={ maxRisk }
										tone={ `risk-${ level }` }
									/>
								</span>
								<span className="countersign-chart__value">
									{ count }
								</span>
							</li>
						);
					} ) }
				</ul>
			</figure>
			<figure className="countersign-queue-header__tile">
				<figcaption>
					{ sprintf(
						/* translators: %d: number of days. */
						__(
							'Decisions per agent, last %d days',
							'countersign'
						),
						stats.windowDays
					) }
				</figcaption>
				{ agents.length === 0 ? (
					<p className="countersign-queue-header__none">
						{ __( 'No decisions yet.', 'countersign' ) }
					</p>
				) : (
					<ul className="countersign-chart">
						{ agents.map( ( entry ) => (
							<li
								key={ entry.agent.id }
								className="countersign-chart__row"
							>
								<span className="countersign-chart__label">
									<AgentChip agent={ entry.agent } />
								</span>
								<span
									className="countersign-chart__track"
									aria-hidden="true"
								>
									<Segment
										value={ entry.approved }
										max={ maxDecisions }
										tone="approved"
									/>
									<Segment
										value={ entry.rejected }
										max={ maxDecisions }
										tone="rejected"
									/>
								</span>
								<span className="countersign-chart__value">
									{ sprintf(
										/* translators: 1: approvals, 2: rejections. */
										__(
											'%1$d approved, %2$d rejected',
											'countersign'
										),
										entry.approved,
										entry.rejected
									) }
								</span>
							</li>
						) ) }
					</ul>
				) }
			</figure>
			<figure className="countersign-queue-header__tile">
				<figcaption>
					{ __( 'Median time to review', 'countersign' ) }
				</figcaption>
				<p className="countersign-queue-header__big">
					{ stats.medianReviewSeconds === null
						? '—'
						: shortDuration( stats.medianReviewSeconds ) }
				</p>
				<p className="countersign-queue-header__none">
					{ sprintf(
						/* translators: %d: number of decisions. */
						__( 'over the last %d decisions', 'countersign' ),
						stats.sampleSize
					) }
				</p>
			</figure>
		</div>
	);
}
