/**
 * WordPress dependencies
 */
import {
	Button,
	Card,
	CardBody,
	CardFooter,
	CardHeader,
	Flex,
} from '@wordpress/components';
import { useSelect } from '@wordpress/data';
import { dateI18n, getSettings as getDateSettings } from '@wordpress/date';
import { useDeferredValue, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ChangeSet, Proposal } from '../api';
import {
	AgentChip,
	RiskBadge,
	CloneNote,
	RiskReasons,
	StagedUploads,
	StatusBadge,
} from '../components';
import {
	ConflictResolver,
	ConflictVersions,
	ProposalDiff,
} from '../diff/proposal-diff';
import { store as proposalsStore } from '../store';
import { age, utcDate } from '../utils/format';
import { decisionLabel, fieldLabel } from '../utils/labels';
import { approvalBlocker, needsDecision } from '../utils/status';
import { RejectModal } from './reject-modal';
import { useReviewSession } from './review-session';

interface ProposalCardProps {
	proposal: Proposal;
	now: Date;
	isExpanded: boolean;
	onToggle: () => void;
	/** Unsaved edits in the editor block approving (they would be overwritten on save). */
	canApprove: boolean;
	/** The reviewer looking at the card: one who already approved cannot approve again. */
	currentUserId?: number | null;
	/** Approves, with the reviewer's edits when a conflict was resolved. */
	onApprove: (
		proposal: Proposal,
		edits?: Partial< ChangeSet >
	) => Promise< void >;
	onReject: ( proposal: Proposal, reason: string ) => Promise< boolean >;
}

/**
 * One proposal in the editor sidebar: who, how risky, when, why, what changes,
 * and, while pending, the decision buttons.
 *
 * @param props               Component props.
 * @param props.proposal      The proposal.
 * @param props.now           Reference time for the age.
 * @param props.isExpanded    Whether the diff is shown.
 * @param props.onToggle      Shows or hides the diff.
 * @param props.canApprove    Whether approving is allowed right now.
 * @param props.currentUserId The reviewer looking at the card.
 * @param props.onApprove     Approves (with the edits a resolved conflict gives).
 * @param props.onReject      Rejects with a reason; resolves to whether it worked.
 */
export function ProposalCard( {
	proposal,
	now,
	isExpanded,
	onToggle,
	canApprove,
	currentUserId = null,
	onApprove,
	onReject,
}: ProposalCardProps ) {
	const [ isRejecting, setIsRejecting ] = useState( false );
	const [ isResolving, setIsResolving ] = useState( false );
	const busyAction = useSelect(
		( select ) =>
			select( proposalsStore ).getProposalBusyAction( proposal.id ),
		[ proposal.id ]
	);
	const review = useReviewSession();
	// The button answers the click at once; the diff renders in a background pass React can interrupt.
	const isDiffShown = useDeferredValue( isExpanded );
	const isConflict = proposal.status === 'conflict';
	// Failed applies changed nothing; approving again retries them.
	const isFailed = proposal.status === 'failed';
	const isPending = needsDecision( proposal );
	const blocker = approvalBlocker( proposal );
	const isInSession = review.session?.proposal.id === proposal.id;
	const sessionBusy = review.session !== null;
	const approvals = proposal.approvals ?? [];
	// With a quorum of two, the same reviewer cannot approve twice.
	const approvedByMe = approvals.some(
		( approval ) => approval.user === currentUserId
	);
	const fields = Object.keys( proposal.changes );
	const diffId = `countersign-proposal-${ proposal.id }-diff`;
	const created = utcDate( proposal.created );

	return (
		<Card
			size="small"
			className="countersign-proposal-card"
			id={ `countersign-proposal-${ proposal.id }` }
			aria-labelledby={ `countersign-proposal-${ proposal.id }-title` }
			role="article"
		>
			<CardHeader className="countersign-proposal-card__header">
				<h3
					className="countersign-proposal-card__title"
					id={ `countersign-proposal-${ proposal.id }-title` }
				>
					<span className="screen-reader-text">
						{ sprintf(
							/* translators: %d: proposal id. */
							__( 'Proposal %d by', 'countersign' ),
							proposal.id
						) }{ ' ' }
					</span>
					<AgentChip agent={ proposal.agent } />
				</h3>
				<RiskBadge level={ proposal.risk } />
			</CardHeader>
			<CardBody className="countersign-proposal-card__body">
				<Flex
					className="countersign-proposal-card__meta"
					justify="flex-start"
					gap={ 2 }
					wrap
				>
					<StatusBadge status={ proposal.status } />
					<time
						dateTime={ created.toISOString() }
						title={ dateI18n(
							getDateSettings().formats.datetime,
							created,
							undefined
						) }
					>
						{ age( proposal.created, now ) }
					</time>
				</Flex>
				<RiskReasons reasons={ proposal.risk_reasons ?? [] } />
				<CloneNote source={ proposal.clone_from } />
				<StagedUploads
					uploads={ proposal.uploads ?? [] }
					media={ proposal.changes.media ?? [] }
				/>
				{ proposal.rationale !== '' && (
					<p className="countersign-proposal-card__rationale">
						{ proposal.rationale }
					</p>
				) }
				{ fields.length > 0 && (
					<div className="countersign-proposal-card__fields">
						<span className="countersign-proposal-card__fields-label">
							{ __( 'Changes', 'countersign' ) }
						</span>
						<ul className="countersign-field-list">
							{ fields.map( ( field ) => (
								<li key={ field }>{ fieldLabel( field ) }</li>
							) ) }
						</ul>
					</div>
				) }
				{ isConflict && (
					<div className="countersign-proposal-card__conflict">
						<p>
							{ __(
								'The post changed after the agent read it, and some of the same blocks changed on both sides. Resolve: choose, block by block, the current version or the agent’s, then approve or edit further.',
								'countersign'
							) }
						</p>
						<ConflictVersions proposalId={ proposal.id } />
					</div>
				) }
				{ approvals.length > 0 && proposal.status === 'pending' && (
					<p className="countersign-proposal-card__decision">
						{ approvedByMe
							? __(
									'You approved this change; another reviewer must approve it before it applies.',
									'countersign'
								)
							: sprintf(
									/* translators: %s: reviewer names. */
									__(
										'Approved by %s; waiting for a second reviewer.',
										'countersign'
									),
									approvals
										.map(
											( approval ) => approval.user_name
										)
										.join( ', ' )
								) }
					</p>
				) }
				{ proposal.decision && (
					<p className="countersign-proposal-card__decision">
						{ decisionLabel( proposal.decision ) }
					</p>
				) }
				<Button
					variant="link"
					className="countersign-proposal-card__toggle"
					aria-expanded={ isExpanded }
					aria-controls={ diffId }
					onClick={ onToggle }
				>
					{ isExpanded
						? __( 'Hide changes', 'countersign' )
						: __( 'View changes', 'countersign' ) }
				</Button>
				{ isExpanded && isDiffShown && (
					<div
						id={ diffId }
						className="countersign-proposal-card__diff"
					>
						<ProposalDiff proposalId={ proposal.id } compact />
					</div>
				) }
			</CardBody>
			{ isInSession && (
				<CardBody className="countersign-proposal-card__session">
					<p>
						{ __(
							'This proposal is open in the editor. Edit it there, then approve with your edits or cancel.',
							'countersign'
						) }
					</p>
					<Flex justify="flex-start" gap={ 2 } wrap>
						<Button
							__next40pxDefaultSize
							variant="primary"
							isBusy={ review.isApproving }
							disabled={ review.isApproving }
							accessibleWhenDisabled
							onClick={ () => void review.approve() }
						>
							{ __( 'Approve with my edits', 'countersign' ) }
						</Button>
						<Button
							__next40pxDefaultSize
							variant="tertiary"
							onClick={ review.cancel }
						>
							{ __( 'Cancel review', 'countersign' ) }
						</Button>
					</Flex>
				</CardBody>
			) }
			{ isPending && ! isInSession && blocker !== null && (
				<CardBody>
					<p className="countersign-blocker" role="status">
						{ blocker }
					</p>
				</CardBody>
			) }
			{ isPending && ! isInSession && (
				<CardFooter className="countersign-proposal-card__actions">
					{ isConflict ? (
						<Button
							__next40pxDefaultSize
							variant="primary"
							disabled={
								! canApprove || sessionBusy || blocker !== null
							}
							accessibleWhenDisabled
							onClick={ () => setIsResolving( true ) }
						>
							{ __( 'Resolve', 'countersign' ) }
						</Button>
					) : (
						<>
							<Button
								__next40pxDefaultSize
								variant="primary"
								isBusy={ busyAction === 'approve' }
								disabled={
									busyAction !== null ||
									! canApprove ||
									sessionBusy ||
									approvedByMe ||
									blocker !== null
								}
								accessibleWhenDisabled
								onClick={ () => void onApprove( proposal ) }
							>
								{ isFailed
									? __( 'Approve again', 'countersign' )
									: __( 'Approve', 'countersign' ) }
							</Button>
							<Button
								__next40pxDefaultSize
								variant="secondary"
								disabled={
									busyAction !== null ||
									! canApprove ||
									sessionBusy ||
									approvedByMe ||
									blocker !== null
								}
								accessibleWhenDisabled
								onClick={ () =>
									void review.start( proposal, 'proposed' )
								}
							>
								{ __( 'Edit, then approve', 'countersign' ) }
							</Button>
						</>
					) }
					<Button
						__next40pxDefaultSize
						variant="secondary"
						isDestructive
						isBusy={ busyAction === 'reject' }
						disabled={ busyAction !== null }
						accessibleWhenDisabled
						onClick={ () => setIsRejecting( true ) }
					>
						{ __( 'Reject', 'countersign' ) }
					</Button>
				</CardFooter>
			) }
			{ isResolving && (
				<ConflictResolver
					proposal={ proposal }
					onClose={ () => setIsResolving( false ) }
					onApprove={ async ( edits ) => {
						setIsResolving( false );
						await onApprove( proposal, edits );
					} }
					onEdit={ ( edits ) => {
						setIsResolving( false );
						void review.start( proposal, 'resolved', edits );
					} }
				/>
			) }
			{ isRejecting && (
				<RejectModal
					agentLabel={ proposal.agent.label }
					isBusy={ busyAction === 'reject' }
					onClose={ () => setIsRejecting( false ) }
					onReject={ async ( reason ) => {
						if ( await onReject( proposal, reason ) ) {
							setIsRejecting( false );
						}
					} }
				/>
			) }
		</Card>
	);
}
