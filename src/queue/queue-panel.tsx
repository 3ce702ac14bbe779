/**
 * WordPress dependencies
 */
import { Button, Flex } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { close } from '@wordpress/icons';
import { store as noticesStore } from '@wordpress/notices';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import { toApiError, type Proposal, type ProposalStatus } from '../api';
import {
	AgentChip,
	RejectReasonForm,
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
import { age } from '../utils/format';
import { approvalBlocker, needsDecision } from '../utils/status';
import { EDIT_ARG } from '../sidebar/constants';
import { useBatchDecide } from './use-batch';

/**
 * The panel's main decision: a conflict is resolved block by block first; a failed apply is approved again.
 *
 * @param status The proposal's status.
 */
function approveLabel( status: ProposalStatus ): string {
	if ( status === 'conflict' ) {
		return __( 'Resolve', 'countersign' );
	}
	return status === 'failed'
		? __( 'Approve again', 'countersign' )
		: __( 'Approve', 'countersign' );
}

interface QueuePanelProps {
	proposal: Proposal;
	now: Date;
	onClose: () => void;
	/** Asks once more before a high-risk approval. */
	confirm: ( proposals: Proposal[] ) => Promise< boolean >;
}

/**
 * The queue's side panel: one proposal with the same diff views as the
 * editor sidebar, and its decisions.
 *
 * @param props          Component props.
 * @param props.proposal The proposal (as listed).
 * @param props.now      Reference time.
 * @param props.onClose  Closes the panel.
 * @param props.confirm  Asks once more before a high-risk approval.
 */
export function QueuePanel( {
	proposal: listed,
	now,
	onClose,
	confirm,
}: QueuePanelProps ) {
	// The freshest copy: a decision updates the store before the list refetches.
	const proposal = useSelect(
		( select ) =>
			select( proposalsStore ).getProposalSummary( listed.id ) ?? listed,
		[ listed ]
	);
	const decide = useBatchDecide();
	const [ isRejecting, setIsRejecting ] = useState( false );
	const [ isResolving, setIsResolving ] = useState( false );
	const { approveProposal } = useDispatch( proposalsStore );
	const { createSuccessNotice, createErrorNotice } =
		useDispatch( noticesStore );
	const [ busy, setBusy ] = useState< 'approve' | 'reject' | null >( null );
	const isPending = proposal.status === 'pending';
	// A conflict or a failed apply can be rejected too, or resolved (block by block) or retried here.
	const isOpen = needsDecision( proposal );
	const blocker = approvalBlocker( proposal );
	const headingId = `countersign-queue-panel-${ proposal.id }`;

	return (
		<aside
			className="countersign-queue-panel"
			aria-labelledby={ headingId }
		>
			<div className="countersign-queue-panel__header">
				<h2 id={ headingId }>
					{ proposal.post_title || __( '(no title)', 'countersign' ) }
				</h2>
				<Button
					icon={ close }
					label={ __( 'Close panel', 'countersign' ) }
					onClick={ onClose }
					size="compact"
				/>
			</div>
			<Flex
				justify="flex-start"
				gap={ 2 }
				wrap
				className="countersign-queue-panel__meta"
			>
				<AgentChip agent={ proposal.agent } />
				<RiskBadge level={ proposal.risk } />
				<StatusBadge status={ proposal.status } />
				<span>{ age( proposal.created, now ) }</span>
			</Flex>
			<RiskReasons reasons={ proposal.risk_reasons ?? [] } />
			<CloneNote source={ proposal.clone_from } />
			<StagedUploads
				uploads={ proposal.uploads ?? [] }
				media={ proposal.changes.media ?? [] }
			/>
			{ proposal.rationale !== '' && (
				<p className="countersign-queue-panel__rationale">
					{ proposal.rationale }
				</p>
			) }
			{ proposal.status === 'conflict' && (
				<>
					<p>
						{ __(
							'The post changed after the agent read it, and some of the same blocks changed on both sides. Resolve: choose, block by block, the current version or the agent’s, then approve.',
							'countersign'
						) }
					</p>
					<ConflictVersions proposalId={ proposal.id } />
				</>
			) }
			<ProposalDiff key={ proposal.id } proposalId={ proposal.id } />
			<div className="countersign-queue-panel__actions">
				{ isPending && blocker !== null && (
					<p className="countersign-blocker" role="status">
						{ blocker }
					</p>
				) }
				{ isOpen && ! isRejecting && (
					<Flex justify="flex-start" gap={ 2 } wrap>
						<Button
							__next40pxDefaultSize
							variant="primary"
							isBusy={ busy === 'approve' }
							disabled={ busy !== null || blocker !== null }
							accessibleWhenDisabled
							onClick={ async () => {
								if ( proposal.status === 'conflict' ) {
									setIsResolving( true );
									return;
								}
								if ( ! ( await confirm( [ proposal ] ) ) ) {
									return;
								}
								setBusy( 'approve' );
								await decide( [ proposal.id ], 'approve' );
								setBusy( null );
							} }
						>
							{ approveLabel( proposal.status ) }
						</Button>
						{ isPending && proposal.edit_link !== '' && (
							<Button
								__next40pxDefaultSize
								variant="secondary"
								disabled={ busy !== null || blocker !== null }
								accessibleWhenDisabled
								href={ addQueryArgs( proposal.edit_link, {
									countersign: proposal.id,
									[ EDIT_ARG ]: 1,
								} ) }
							>
								{ __( 'Edit, then approve', 'countersign' ) }
							</Button>
						) }
						<Button
							__next40pxDefaultSize
							variant="secondary"
							isDestructive
							disabled={ busy !== null }
							accessibleWhenDisabled
							onClick={ () => setIsRejecting( true ) }
						>
							{ __( 'Reject', 'countersign' ) }
						</Button>
					</Flex>
				) }
				{ isOpen && isRejecting && (
					<RejectReasonForm
						className="countersign-queue-panel__reject"
						rows={ 3 }
						isBusy={ busy !== null }
						onSubmit={ async ( reason ) => {
							setBusy( 'reject' );
							await decide( [ proposal.id ], 'reject', reason );
							setBusy( null );
							setIsRejecting( false );
						} }
						onCancel={ () => setIsRejecting( false ) }
					/>
				) }
				{ isResolving && (
					<ConflictResolver
						proposal={ proposal }
						onClose={ () => setIsResolving( false ) }
						onApprove={ async ( edits ) => {
							setIsResolving( false );
							if ( ! ( await confirm( [ proposal ] ) ) ) {
								return;
							}
							setBusy( 'approve' );
							try {
								await approveProposal( proposal.id, { edits } );
								void createSuccessNotice(
									__(
										'Conflict resolved; the proposal is approved.',
										'countersign'
									),
									{
										type: 'snackbar',
										id: 'countersign-batch',
									}
								);
							} catch ( error ) {
								void createErrorNotice(
									toApiError( error ).message,
									{ id: 'countersign-batch-errors' }
								);
							} finally {
								setBusy( null );
							}
						} }
					/>
				) }
				{ proposal.edit_link !== '' && (
					<Button
						variant="link"
						href={ addQueryArgs( proposal.edit_link, {
							countersign: proposal.id,
						} ) }
					>
						{ proposal.status === 'conflict'
							? __( 'Resolve in the editor', 'countersign' )
							: sprintf(
									/* translators: %s: post title. */
									__(
										'Open “%s” in the editor',
										'countersign'
									),
									proposal.post_title ||
										__( '(no title)', 'countersign' )
								) }
					</Button>
				) }
			</div>
		</aside>
	);
}
