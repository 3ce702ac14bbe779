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
}

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
};

/**
 * One diff per changed field, current value on the left, proposed on the right.
 *
 * @param props           Component props.
 * @param props.fields    Text pairs to compare.
 * @param props.splitView Side by side (true) or unified (false).
 * @param props.compact   Hide line numbers.
 */
export default function MarkupDiffViewer( {
	fields,
	splitView,
	compact,
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
						compareMethod={ DiffMethod.WORDS }
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
