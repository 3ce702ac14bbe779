/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { fieldLabel } from '../../utils/labels';
import type { FieldChange, Shown } from '../field-diff';
import { WordDiff } from './word-diff';

/**
 * One side of a change: its words, after the author's avatar or the image's
 * thumbnail where it has one.
 *
 * @param props       Component props.
 * @param props.value The value, as text or in words with a picture.
 */
function Value( { value }: { value: Shown | string | null } ) {
	const shown = typeof value === 'object' && value !== null ? value : null;
	const text = shown ? shown.text : value;
	return (
		<>
			{ shown?.image && (
				<img
					className={
						shown.agent === undefined
							? 'countersign-diff__thumbnail'
							: 'countersign-diff__avatar'
					}
					src={ shown.image }
					alt=""
					loading="lazy"
					// An avatar service the browser cannot reach leaves no broken-image icon.
					onError={ ( event ) => {
						event.currentTarget.hidden = true;
					} }
				/>
			) }
			{ text === null || text === ''
				? __( '(none)', 'countersign' )
				: text }
			{ shown?.agent && (
				<span className="countersign-diff__agent-mark">
					{ __( 'agent', 'countersign' ) }
				</span>
			) }
		</>
	);
}

/**
 * A before → after pair.
 *
 * @param props        Component props.
 * @param props.before Old value.
 * @param props.after  New value.
 */
function Pair( {
	before,
	after,
}: {
	before: Shown | string | null;
	after: Shown | string | null;
} ) {
	return (
		<>
			<del className="countersign-diff__del">
				<Value value={ before } />
			</del>
			<span aria-hidden="true"> → </span>
			<ins className="countersign-diff__ins">
				<Value value={ after } />
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
										<span className="countersign-diff__taxonomy">
											{ entry.label }
										</span>{ ' ' }
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
										{ entry.label ? (
											<span
												className="countersign-diff__taxonomy"
												title={ entry.key }
											>
												{ entry.label }
											</span>
										) : (
											<code>{ entry.key }</code>
										) }{ ' ' }
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
