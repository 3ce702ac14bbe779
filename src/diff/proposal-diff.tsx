/**
 * WordPress dependencies
 */
import {
	Notice,
	Spinner,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the segmented control of the design system; only its name is experimental.
	__experimentalToggleGroupControl as ToggleGroupControl,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the segmented control of the design system; only its name is experimental.
	__experimentalToggleGroupControlOption as ToggleGroupControlOption,
} from '@wordpress/components';
import { useSelect } from '@wordpress/data';
import { lazy, Suspense, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { store as proposalsStore } from '../store';
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
	/** Narrow layout for the editor sidebar. */
	compact?: boolean;
	initialMode?: DiffMode;
}

/**
 * A proposal's changes in three views — Visual (rendered, inline), Blocks (per
 * block) and Markup (text diff) — behind a mode switch. Reads the proposal
 * detail from the store, which fetches it on first use.
 *
 * @param props             Component props.
 * @param props.proposalId  Proposal id.
 * @param props.compact     Narrow layout.
 * @param props.initialMode View shown first.
 */
export function ProposalDiff( {
	proposalId,
	compact = false,
	initialMode = 'visual',
}: ProposalDiffProps ) {
	const [ mode, setMode ] = useState< DiffMode >( initialMode );
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
