/**
 * WordPress dependencies
 */
import {
	Button,
	Modal,
	Notice,
	Spinner,
	ToggleControl,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the segmented control of the design system; only its name is experimental.
	__experimentalToggleGroupControl as ToggleGroupControl,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the segmented control of the design system; only its name is experimental.
	__experimentalToggleGroupControlOption as ToggleGroupControlOption,
} from '@wordpress/components';
import { useSelect } from '@wordpress/data';
import { lazy, Suspense, useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { store as proposalsStore } from '../store';
import { diffableFields } from './fields';

const MarkupDiffViewer = lazy(
	() => import( /* webpackChunkName: "markup-diff" */ './markup-diff-viewer' )
);

interface MarkupDiffProps {
	proposalId: number;
	/** Narrow layout for the editor sidebar. */
	compact?: boolean;
}

/**
 * The markup diff of a proposal: each changed field's current value against
 * the proposed one. Reads the proposal detail from the store (which fetches it
 * on first use) and loads the diff viewer chunk on first render.
 *
 * @param props            Component props.
 * @param props.proposalId Proposal id.
 * @param props.compact    Narrow layout.
 */
export function MarkupDiff( { proposalId, compact = false }: MarkupDiffProps ) {
	// Side by side needs width: the narrow sidebar starts unified and offers a
	// larger side-by-side view in a modal.
	const [ splitView, setSplitView ] = useState( ! compact );
	const [ isEnlarged, setIsEnlarged ] = useState( false );
	const [ compareMethod, setCompareMethod ] = useState< 'words' | 'lines' >(
		'words'
	);
	const { detail, error, isResolved } = useSelect(
		( select ) => {
			const proposals = select( proposalsStore );
			return {
				detail: proposals.getProposal( proposalId ),
				error: proposals.getProposalError( proposalId ),
				isResolved: proposals.hasFinishedResolution( 'getProposal', [
					proposalId,
				] ),
			};
		},
		[ proposalId ]
	);
	const fields = useMemo(
		() => ( detail ? diffableFields( detail ) : [] ),
		[ detail ]
	);

	if ( error ) {
		return (
			<Notice status="error" isDismissible={ false }>
				{ error.message }
			</Notice>
		);
	}
	if ( ! detail ) {
		return isResolved ? null : <Spinner />;
	}
	if ( fields.length === 0 ) {
		return (
			<p>
				{ __( 'This proposal changes no text fields.', 'countersign' ) }
			</p>
		);
	}
	return (
		<div className="countersign-markup-diff">
			<div className="countersign-markup-diff__toolbar">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __( 'Side by side', 'countersign' ) }
					checked={ splitView }
					onChange={ setSplitView }
				/>
				<ToggleGroupControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Compare', 'countersign' ) }
					value={ compareMethod }
					onChange={ ( value ) =>
						setCompareMethod(
							value === 'lines' ? 'lines' : 'words'
						)
					}
				>
					<ToggleGroupControlOption
						value="words"
						label={ __( 'Words', 'countersign' ) }
					/>
					<ToggleGroupControlOption
						value="lines"
						label={ __( 'Lines', 'countersign' ) }
					/>
				</ToggleGroupControl>
				{ compact && (
					<Button
						variant="link"
						onClick={ () => setIsEnlarged( true ) }
						aria-haspopup="dialog"
					>
						{ __( 'Enlarge', 'countersign' ) }
					</Button>
				) }
			</div>
			<Suspense fallback={ <Spinner /> }>
				<MarkupDiffViewer
					fields={ fields }
					splitView={ splitView }
					compact={ compact }
					compareMethod={ compareMethod }
				/>
			</Suspense>
			{ isEnlarged && (
				<Modal
					title={ __( 'Proposed changes', 'countersign' ) }
					onRequestClose={ () => setIsEnlarged( false ) }
					size="fill"
				>
					<MarkupDiff proposalId={ proposalId } />
				</Modal>
			) }
		</div>
	);
}
