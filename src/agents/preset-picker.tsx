/**
 * WordPress dependencies
 */
import { SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Preset } from '../api';
import { presetLabel, PRESETS } from '../utils/labels';
import { groupDescription, presetGroups } from './presets';

const isPreset = ( value: string ): value is Preset =>
	PRESETS.some( ( preset ) => preset === value );

/**
 * The preset select and, under it, each capability group the preset grants,
 * explained in one sentence.
 *
 * @param props          Component props.
 * @param props.value    Selected preset.
 * @param props.onChange Receives the new preset.
 */
export function PresetPicker( {
	value,
	onChange,
}: {
	value: Preset;
	onChange: ( preset: Preset ) => void;
} ) {
	return (
		<div className="countersign-preset-picker">
			<SelectControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				label={ __( 'Preset', 'countersign' ) }
				help={ __(
					'Which kinds of change it may propose. Its WordPress role still limits it.',
					'countersign'
				) }
				value={ value }
				// `custom` needs a group picker of its own; presets cover the cases agents need.
				options={ PRESETS.filter(
					( preset ) => preset !== 'custom'
				).map( ( preset ): { value: string; label: string } => ( {
					value: preset,
					label: presetLabel( preset ),
				} ) ) }
				onChange={ ( next: string ) =>
					isPreset( next ) && onChange( next )
				}
			/>
			<ul
				className="countersign-preset-picker__groups"
				aria-label={ __( 'What this preset allows', 'countersign' ) }
			>
				{ presetGroups( value ).map( ( group ) => (
					<li key={ group }>{ groupDescription( group ) }</li>
				) ) }
			</ul>
		</div>
	);
}
