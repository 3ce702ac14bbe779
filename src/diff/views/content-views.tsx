/**
 * The Visual and Blocks views and the conflict view, with the diff model
 * (jsdiff and the block parser): one lazily loaded chunk, fetched the first
 * time someone opens a diff.
 */

/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useMemo } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ProposalDetail } from '../../api';
import { fieldText } from '../../utils/format';
import { diffFields } from '../field-diff';
import type { DiffStats } from '../model';
import { BlocksView } from './blocks-view';
import { FieldChanges } from './field-changes';
import { ThreeWayView } from './three-way-view';
import { useContentDiff } from './use-content-diff';
import { VisualView } from './visual-view';

export interface ContentViewsProps {
	detail: Pick< ProposalDetail, 'id' | 'fields' | 'words' >;
	mode: 'visual' | 'blocks' | 'conflict';
	/** Switches to the markup view (offered when the model gives up). */
	onShowMarkup: () => void;
}

/**
 * "2 changed, 1 added" for the top of a view.
 *
 * @param stats Counts.
 */
function summary( stats: DiffStats ): string {
	const parts: string[] = [];
	if ( stats.changed > 0 ) {
		parts.push(
			sprintf(
				/* translators: %d: number of blocks. */
				_n( '%d changed', '%d changed', stats.changed, 'countersign' ),
				stats.changed
			)
		);
	}
	if ( stats.added > 0 ) {
		parts.push(
			sprintf(
				/* translators: %d: number of blocks. */
				_n( '%d added', '%d added', stats.added, 'countersign' ),
				stats.added
			)
		);
	}
	if ( stats.removed > 0 ) {
		parts.push(
			sprintf(
				/* translators: %d: number of blocks. */
				_n( '%d removed', '%d removed', stats.removed, 'countersign' ),
				stats.removed
			)
		);
	}
	if ( stats.moved > 0 ) {
		parts.push(
			sprintf(
				/* translators: %d: number of blocks. */
				_n( '%d moved', '%d moved', stats.moved, 'countersign' ),
				stats.moved
			)
		);
	}
	return parts.join( ', ' );
}

/**
 * The content part of a view.
 *
 * @param props              Component props.
 * @param props.proposalId   The proposal.
 * @param props.current      Current content.
 * @param props.proposed     Proposed content.
 * @param props.mode         Visual or Blocks.
 * @param props.onShowMarkup Switches to the markup view.
 */
function ContentDiffView( {
	proposalId,
	current,
	proposed,
	mode,
	onShowMarkup,
}: {
	proposalId: number;
	current: string;
	proposed: string;
	mode: 'visual' | 'blocks';
	onShowMarkup: () => void;
} ) {
	const state = useContentDiff( proposalId, current, proposed );
	if ( state.status === 'computing' ) {
		return <Spinner />;
	}
	if ( state.status === 'error' ) {
		return (
			<Notice status="error" isDismissible={ false }>
				{ state.message }
			</Notice>
		);
	}
	const { diff } = state;
	const tripped = diff.tripped !== null && (
		<Notice
			status="warning"
			isDismissible={ false }
			className="countersign-diff__tripped"
		>
			{ diff.tripped === 'blocks'
				? __(
						'This change is too large to compare block by block.',
						'countersign'
					)
				: __(
						'Some blocks changed too much to compare word by word.',
						'countersign'
					) }{ ' ' }
			<Button variant="link" onClick={ onShowMarkup }>
				{ __( 'Show the markup view', 'countersign' ) }
			</Button>
		</Notice>
	);
	if ( diff.tripped === 'blocks' ) {
		return tripped;
	}
	return (
		<section
			className="countersign-diff__content"
			aria-label={ __( 'Content', 'countersign' ) }
		>
			<p className="countersign-diff__summary">
				<strong>{ __( 'Content', 'countersign' ) }</strong>{ ' ' }
				{ summary( diff.stats ) }
			</p>
			{ tripped }
			{ mode === 'visual' ? (
				<VisualView blocks={ diff.blocks } />
			) : (
				<BlocksView blocks={ diff.blocks } />
			) }
		</section>
	);
}

/**
 * The Visual, Blocks or conflict view of one proposal.
 *
 * @param props              Component props.
 * @param props.detail       Proposal detail.
 * @param props.mode         Which view.
 * @param props.onShowMarkup Switches to the markup view.
 */
export default function ContentViews( {
	detail,
	mode,
	onShowMarkup,
}: ContentViewsProps ) {
	const fields = useMemo(
		() => diffFields( detail.fields, undefined, detail.words ),
		[ detail.fields, detail.words ]
	);
	if ( mode === 'conflict' ) {
		return <ThreeWayView fields={ detail.fields } />;
	}
	const content = detail.fields.content;
	return (
		<div className={ `countersign-diff countersign-diff--${ mode }` }>
			<FieldChanges fields={ fields } />
			{ content && (
				<ContentDiffView
					proposalId={ detail.id }
					current={ fieldText( content.current ) }
					proposed={ fieldText( content.proposed ) }
					mode={ mode }
					onShowMarkup={ onShowMarkup }
				/>
			) }
		</div>
	);
}
