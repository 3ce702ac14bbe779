/**
 * The heavy half of the markup diff: react-diff-viewer-continued lives only in
 * this lazily loaded chunk, so editors who never open a diff never download it.
 */

/**
 * External dependencies
 */
import ReactDiffViewer, { DiffMethod } from 'react-diff-viewer-continued';

/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { DiffableField } from './fields';

export interface MarkupDiffViewerProps {
	fields: DiffableField[];
	splitView: boolean;
	/** Narrow containers (the editor sidebar) hide line numbers to save width. */
	compact: boolean;
	/** Highlight changed words inside changed lines, or whole lines only (cheaper). */
	compareMethod: 'words' | 'lines';
}

/** Above this many lines the viewer renders only what is scrolled into view. */
const VIRTUALISE_AFTER = 300;

const STYLES = {
	variables: {
		light: {
			diffViewerBackground: '#fff',
			addedBackground: '#e6f4ea',
			wordAddedBackground: '#b8e6c4',
			removedBackground: '#fcf0f1',
			wordRemovedBackground: '#f7c7c8',
		},
	},
	contentText: {
		fontSize: '11px',
		lineHeight: '1.5',
		wordBreak: 'break-word' as const,
		whiteSpace: 'pre-wrap' as const,
	},
	titleBlock: {
		fontSize: '11px',
		padding: '4px 8px',
	},
	// The viewer pads each changed chunk, which reads as a space that is not in the markup ("park .", "<p >"):
	// chunks sit flush, so the markup shows exactly as stored.
	wordDiff: {
		padding: 0,
		display: 'inline',
		borderRadius: 0,
	},
};

/**
 * The longer side's line count.
 *
 * @param field A text pair.
 */
function lineCount( field: DiffableField ): number {
	return Math.max(
		field.before.split( '\n' ).length,
		field.after.split( '\n' ).length
	);
}

/**
 * One diff per changed field, current value on the left, proposed on the right.
 *
 * @param props               Component props.
 * @param props.fields        Text pairs to compare.
 * @param props.splitView     Side by side (true) or unified (false).
 * @param props.compact       Hide line numbers.
 * @param props.compareMethod
 */
export default function MarkupDiffViewer( {
	fields,
	splitView,
	compact,
	compareMethod,
}: MarkupDiffViewerProps ) {
	return (
		<>
			{ fields.map( ( field ) => (
				<section
					key={ field.name }
					className="countersign-markup-diff__field"
				>
					<h4 className="countersign-markup-diff__field-title">
						{ field.label }
					</h4>
					<ReactDiffViewer
						oldValue={ field.before }
						newValue={ field.after }
						splitView={ splitView }
						compareMethod={
							compareMethod === 'words'
								? DiffMethod.WORDS
								: DiffMethod.LINES
						}
						{ ...( lineCount( field ) > VIRTUALISE_AFTER
							? {
									infiniteLoading: {
										pageSize: 100,
										containerHeight: '60vh',
									},
								}
							: {} ) }
						hideLineNumbers={ compact }
						leftTitle={ __( 'Current', 'countersign' ) }
						rightTitle={ __( 'Proposed', 'countersign' ) }
						hideSummary
						styles={ STYLES }
					/>
				</section>
			) ) }
		</>
	);
}
