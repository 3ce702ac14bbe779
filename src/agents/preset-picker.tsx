/**
 * WordPress dependencies
 */
import { CheckboxControl, SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Preset } from '../api';
import { presetLabel, PRESETS } from '../utils/labels';
import { CHOOSABLE_GROUPS, effectiveGroups, groupDescription } from './presets';

const isPreset = ( value: string ): value is Preset =>
	PRESETS.some( ( preset ) => preset === value );

/**
 * The preset select and, under it, each capability group the preset grants,
 * explained in one sentence; with `custom`, a checkbox per group instead.
 *
 * @param props                Component props.
 * @param props.value          Selected preset.
 * @param props.onChange       Receives the new preset.
 * @param props.groups         The groups chosen for `custom`.
 * @param props.onGroupsChange Receives the chosen groups.
 */
export function PresetPicker( {
	value,
	onChange,
	groups,
	onGroupsChange,
}: {
	value: Preset;
	onChange: ( preset: Preset ) => void;
	groups: string[];
	onGroupsChange: ( groups: string[] ) => void;
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
				options={ PRESETS.map(
					( preset ): { value: string; label: string } => ( {
						value: preset,
						label: presetLabel( preset ),
					} )
				) }
				onChange={ ( next: string ) =>
					isPreset( next ) && onChange( next )
				}
			/>
			{ value === 'custom' ? (
				<fieldset className="countersign-preset-picker__custom">
					<legend>
						{ __(
							'What it may propose (it can always read)',
							'countersign'
						) }
					</legend>
					{ CHOOSABLE_GROUPS.map( ( group ) => (
						<CheckboxControl
							__nextHasNoMarginBottom
							key={ group }
							label={ groupDescription( group ) }
							checked={ groups.includes( group ) }
							onChange={ ( checked ) =>
								onGroupsChange(
									checked
										? [ ...groups, group ]
										: groups.filter(
												( held ) => held !== group
											)
								)
							}
						/>
					) ) }
				</fieldset>
			) : (
				<ul
					className="countersign-preset-picker__groups"
					aria-label={ __(
						'What this preset allows',
						'countersign'
					) }
				>
					{ effectiveGroups( value, groups ).map( ( group ) => (
						<li key={ group }>{ groupDescription( group ) }</li>
					) ) }
				</ul>
			) }
		</div>
	);
}
