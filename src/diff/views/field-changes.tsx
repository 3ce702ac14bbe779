/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { fieldLabel } from '../../utils/labels';
import type { FieldChange } from '../field-diff';
import { WordDiff } from './word-diff';

/**
 * A before → after pair of plain values.
 *
 * @param props        Component props.
 * @param props.before Old value.
 * @param props.after  New value.
 */
function Pair( {
	before,
	after,
}: {
	before: string | null;
	after: string | null;
} ) {
	return (
		<>
			<del className="countersign-diff__del">
				{ before === null || before === ''
					? __( '(none)', 'countersign' )
					: before }
			</del>
			<span aria-hidden="true"> → </span>
			<ins className="countersign-diff__ins">
				{ after === null || after === ''
					? __( '(none)', 'countersign' )
					: after }
			</ins>
		</>
	);
}

/**
 * The field-level diffs of everything but the content.
 *
 * @param props        Component props.
 * @param props.fields Field changes.
 */
export function FieldChanges( { fields }: { fields: FieldChange[] } ) {
	if ( fields.length === 0 ) {
		return null;
	}
	return (
		<dl className="countersign-diff__fields">
			{ fields.map( ( field ) => (
				<div key={ field.name } className="countersign-diff__field">
					<dt>{ fieldLabel( field.name ) }</dt>
					<dd>
						{ field.kind === 'text' &&
							( field.words ? (
								<WordDiff parts={ field.words } />
							) : (
								<Pair
									before={ field.before }
									after={ field.after }
								/>
							) ) }
						{ field.kind === 'value' && (
							<Pair
								before={ field.before }
								after={ field.after }
							/>
						) }
						{ field.kind === 'terms' && (
							<ul>
								{ field.taxonomies.map( ( entry ) => (
									<li key={ entry.taxonomy }>
										<code>{ entry.taxonomy }</code>{ ' ' }
										{ entry.added.map( ( term ) => (
											<ins
												key={ `+${ term }` }
												className="countersign-diff__ins countersign-diff__term"
											>
												+{ term }
											</ins>
										) ) }
										{ entry.removed.map( ( term ) => (
											<del
												key={ `-${ term }` }
												className="countersign-diff__del countersign-diff__term"
											>
												−{ term }
											</del>
										) ) }
									</li>
								) ) }
							</ul>
						) }
						{ field.kind === 'meta' && (
							<ul>
								{ field.keys.map( ( entry ) => (
									<li key={ entry.key }>
										<code>{ entry.key }</code>{ ' ' }
										<Pair
											before={ entry.before }
											after={ entry.after }
										/>
									</li>
								) ) }
							</ul>
						) }
					</dd>
				</div>
			) ) }
		</dl>
	);
}
