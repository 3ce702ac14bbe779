/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { AttributeChange } from '../blocks';
import { attributeLabel } from '../labels';

/**
 * One attribute value, or "(none)" when the attribute is absent or empty.
 *
 * @param props       Component props.
 * @param props.value The value.
 */
function Value( { value }: { value: string | null } ) {
	if ( value === null || value === '' ) {
		return (
			<em className="countersign-diff__none">
				{ __( '(none)', 'countersign' ) }
			</em>
		);
	}
	return <code>{ value }</code>;
}

/**
 * Attribute changes as "name: before → after" lines.
 *
 * @param props            Component props.
 * @param props.attributes The changes.
 */
export function AttributeList( {
	attributes,
}: {
	attributes: AttributeChange[];
} ) {
	if ( attributes.length === 0 ) {
		return null;
	}
	return (
		<ul
			className="countersign-diff__attributes"
			aria-label={ __( 'Changed attributes', 'countersign' ) }
		>
			{ attributes.map( ( attribute ) => (
				<li key={ attribute.name }>
					<span className="countersign-diff__attribute-name">
						{ attributeLabel( attribute.name ) }
					</span>{ ' ' }
					<del>
						<Value value={ attribute.before } />
					</del>
					<span aria-hidden="true"> → </span>
					<span className="screen-reader-text">
						{ __( 'becomes', 'countersign' ) }
					</span>{ ' ' }
					<ins>
						<Value value={ attribute.after } />
					</ins>
				</li>
			) ) }
		</ul>
	);
}
