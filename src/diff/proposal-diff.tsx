/**
 * WordPress dependencies
 */
import {
	Button,
	Notice,
	Spinner,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the segmented control of the design system; only its name is experimental.
	__experimentalToggleGroupControl as ToggleGroupControl,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the segmented control of the design system; only its name is experimental.
	__experimentalToggleGroupControlOption as ToggleGroupControlOption,
} from '@wordpress/components';
import { useSelect } from '@wordpress/data';
import { lazy, Suspense, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { fullscreen } from '@wordpress/icons';

/**
 * Internal dependencies
 */
import { store as proposalsStore } from '../store';
import type { ConflictResolverProps } from './conflict-resolver';
import { MarkupDiff } from './markup-diff';
import './diff.scss';

/*
 * Everything heavy (the block parser, jsdiff, the views) is in this chunk;
 * the editor downloads it only when a reviewer opens a diff.
 */
const ContentViews = lazy(
	() =>
		import( /* webpackChunkName: "review-diff" */ './views/content-views' )
);

export type DiffMode = 'visual' | 'blocks' | 'markup';

interface ProposalDiffProps {
	proposalId: number;
	/** Narrow layout for the editor sidebar: offers the full-width review. */
	compact?: boolean;
	initialMode?: DiffMode;
	/** Told when the reviewer switches views. */
	onModeChange?: ( mode: DiffMode ) => void;
}

const FullReview = lazy( () =>
	import( /* webpackChunkName: "review-diff" */ './full-review' ).then(
		( module ) => ( { default: module.FullReview } )
	)
);

const LazyConflictResolver = lazy( () =>
	import( /* webpackChunkName: "review-diff" */ './conflict-resolver' ).then(
		( module ) => ( { default: module.ConflictResolver } )
	)
);

/**
 * The Resolve dialog, loaded with the diff chunk when a reviewer opens it: it
 * parses blocks and diffs words, which the editor need not download up front.
 *
 * @param props The dialog's props.
 */
export function ConflictResolver( props: ConflictResolverProps ) {
	return (
		<Suspense fallback={ <Spinner /> }>
			<LazyConflictResolver { ...props } />
		</Suspense>
	);
}

/**
 * A proposal's changes in three views — Visual (rendered, inline), Blocks (per
 * block) and Markup (text diff) — behind a mode switch. Reads the proposal
 * detail from the store, which fetches it on first use.
 *
 * @param props              Component props.
 * @param props.proposalId   Proposal id.
 * @param props.compact      Narrow layout.
 * @param props.initialMode  View shown first.
 * @param props.onModeChange Told when the view changes.
 */
export function ProposalDiff( {
	proposalId,
	compact = false,
	initialMode = 'visual',
	onModeChange,
}: ProposalDiffProps ) {
	const [ mode, setModeState ] = useState< DiffMode >( initialMode );
	const [ isFull, setIsFull ] = useState( false );
	const setMode = ( next: DiffMode ) => {
		setModeState( next );
		onModeChange?.( next );
	};
	const { detail, error } = useSelect(
		( select ) => {
			const proposals = select( proposalsStore );
			return {
				detail: proposals.getProposal( proposalId ),
				error: proposals.getProposalError( proposalId ),
			};
		},
		[ proposalId ]
	);

	if ( error ) {
		return (
			<Notice status="error" isDismissible={ false }>
				{ error.message }
			</Notice>
		);
	}
	return (
		<div className="countersign-proposal-diff">
			<ToggleGroupControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				isBlock
				label={ __( 'Show changes as', 'countersign' ) }
				hideLabelFromVision
				value={ mode }
				onChange={ ( value ) =>
					setMode( ( value as DiffMode ) ?? 'visual' )
				}
			>
				<ToggleGroupControlOption
					value="visual"
					label={ __( 'Visual', 'countersign' ) }
				/>
				<ToggleGroupControlOption
					value="blocks"
					label={ __( 'Blocks', 'countersign' ) }
				/>
				<ToggleGroupControlOption
					value="markup"
					label={ __( 'Markup', 'countersign' ) }
				/>
			</ToggleGroupControl>
			{ compact && (
				<Button
					variant="secondary"
					size="compact"
					icon={ fullscreen }
					className="countersign-proposal-diff__full"
					onClick={ () => setIsFull( true ) }
				>
					{ __( 'Review full width', 'countersign' ) }
				</Button>
			) }
			{ isFull && (
				<Suspense fallback={ <Spinner /> }>
					<FullReview
						proposalId={ proposalId }
						title={
							detail
								? sprintf(
										/* translators: 1: agent, 2: post title. */
										__(
											'%1$s’s changes to “%2$s”',
											'countersign'
										),
										detail.agent.label,
										detail.post_title ||
											__( '(no title)', 'countersign' )
									)
								: __( 'Proposed changes', 'countersign' )
						}
						initialMode={ mode }
						onClose={ () => setIsFull( false ) }
					/>
				</Suspense>
			) }
			<div className="countersign-proposal-diff__body">
				{ mode === 'markup' && (
					<MarkupDiff proposalId={ proposalId } compact={ compact } />
				) }
				{ mode !== 'markup' &&
					( detail ? (
						<Suspense fallback={ <Spinner /> }>
							<ContentViews
								detail={ detail }
								mode={ mode }
								onShowMarkup={ () => setMode( 'markup' ) }
							/>
						</Suspense>
					) : (
						<Spinner />
					) ) }
			</div>
		</div>
	);
}

/**
 * A conflict's three versions (what the agent read, the post now, the proposal).
 *
 * @param props            Component props.
 * @param props.proposalId Proposal id.
 */
export function ConflictVersions( { proposalId }: { proposalId: number } ) {
	const detail = useSelect(
		( select ) => select( proposalsStore ).getProposal( proposalId ),
		[ proposalId ]
	);
	if ( ! detail ) {
		return <Spinner />;
	}
	return (
		<Suspense fallback={ <Spinner /> }>
			<ContentViews
				detail={ detail }
				mode="conflict"
				onShowMarkup={ () => undefined }
			/>
		</Suspense>
	);
}
