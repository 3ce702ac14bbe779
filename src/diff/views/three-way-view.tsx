/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldComparison } from '../../api';
import { fieldText } from '../../utils/format';
import { fieldLabel } from '../../utils/labels';
import { parseBlocks } from '../blocks';
import { htmlToText, wordDiff } from '../text';
import { WordDiff } from './word-diff';

/**
 * A field value as readable text: content as one line per block.
 *
 * @param name  Field name.
 * @param value Field value.
 */
function readable( name: string, value: unknown ): string {
	const text = fieldText( value );
	if ( name !== 'content' ) {
		return text;
	}
	const blocks = parseBlocks( text );
	return blocks.length === 0
		? htmlToText( text )
		: blocks.map( ( block ) => htmlToText( block.html ) ).join( '\n' );
}

/**
 * One column: the text, diffed against the version the agent read.
 *
 * @param props       Component props.
 * @param props.title Column heading.
 * @param props.base  What the agent read.
 * @param props.value This column's version.
 */
function Column( {
	title,
	base,
	value,
}: {
	title: string;
	base: string | null;
	value: string;
} ) {
	const parts = base === null ? null : wordDiff( base, value );
	return (
		<section className="countersign-three-way__column">
			<h5 className="countersign-three-way__title">{ title }</h5>
			<div className="countersign-three-way__text">
				{ parts ? <WordDiff parts={ parts } /> : value }
			</div>
		</section>
	);
}

/**
 * A conflict's three versions side by side, per field that moved: what the
 * agent read, what the post holds now (someone else's edits marked), and what
 * the agent proposes (its edits marked).
 *
 * @param props        Component props.
 * @param props.fields The proposal's field comparisons.
 */
export function ThreeWayView( {
	fields,
}: {
	fields: Partial< Record< string, FieldComparison > >;
} ) {
	const moved = Object.entries( fields ).filter(
		( entry ): entry is [ string, FieldComparison ] =>
			entry[ 1 ] !== undefined &&
			fieldText( entry[ 1 ].base ) !== fieldText( entry[ 1 ].current )
	);
	if ( moved.length === 0 ) {
		return null;
	}
	return (
		<div className="countersign-three-way">
			{ moved.map( ( [ name, comparison ] ) => {
				const base = readable( name, comparison.base );
				return (
					<section
						key={ name }
						className="countersign-three-way__field"
						aria-label={ fieldLabel( name ) }
					>
						<h4>{ fieldLabel( name ) }</h4>
						<div className="countersign-three-way__columns">
							<Column
								title={ __(
									'When the agent read it',
									'countersign'
								) }
								base={ null }
								value={ base }
							/>
							<Column
								title={ __(
									'Now (edited since)',
									'countersign'
								) }
								base={ base }
								value={ readable( name, comparison.current ) }
							/>
							<Column
								title={ __( 'Agent proposes', 'countersign' ) }
								base={ base }
								value={ readable( name, comparison.proposed ) }
							/>
						</div>
					</section>
				);
			} ) }
		</div>
	);
}
