/**
 * WordPress dependencies
 */
import { BaseControl } from '@wordpress/components';
import { useInstanceId } from '@wordpress/compose';
import { __ } from '@wordpress/i18n';

/**
 * The agent's colour: the browser's colour picker, with the hex value beside it.
 *
 * @param props          Component props.
 * @param props.value    Hex colour.
 * @param props.onChange Receives the new colour.
 */
export function ColorField( {
	value,
	onChange,
}: {
	value: string;
	onChange: ( color: string ) => void;
} ) {
	const id = useInstanceId( ColorField, 'countersign-color' );
	return (
		<BaseControl
			__nextHasNoMarginBottom
			id={ id }
			label={ __( 'Colour', 'countersign' ) }
			help={ __(
				'Its chip in the queue and the editor, so reviewers tell agents apart at a glance.',
				'countersign'
			) }
		>
			<div className="countersign-color-field">
				<input
					id={ id }
					type="color"
					value={ value }
					onChange={ ( event ) => onChange( event.target.value ) }
				/>
				<code>{ value }</code>
			</div>
		</BaseControl>
	);
}
