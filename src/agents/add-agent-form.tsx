/**
 * WordPress dependencies
 */
import {
	Button,
	RadioControl,
	SelectControl,
	TextareaControl,
	TextControl,
} from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import {
	type AgentAutonomy,
	type AgentRole,
	type CreatedAgent,
	type NewAgent,
	type Preset,
} from '../api';
import { ColorField } from './color-field';
import { PresetPicker } from './preset-picker';
import { store as proposalsStore } from '../store';
import { useSubmit } from '../utils/form';
import { autonomyLabel, roleLabel, ROLES } from '../utils/labels';

interface AddAgentFormProps {
	onCreated: ( agent: CreatedAgent ) => void;
}

const isRole = ( value: string ): value is AgentRole =>
	ROLES.some( ( role ) => role === value );

/**
 * The "Add agent" form.
 *
 * @param props           Component props.
 * @param props.onCreated Receives the created agent with its one-time password.
 */
export function AddAgentForm( { onCreated }: AddAgentFormProps ) {
	const [ label, setLabel ] = useState( '' );
	const [ description, setDescription ] = useState( '' );
	const [ role, setRole ] = useState< AgentRole >( 'author' );
	const [ preset, setPreset ] = useState< Preset >( 'draft_only' );
	const [ groups, setGroups ] = useState< string[] >( [] );
	const [ autonomy, setAutonomy ] = useState< AgentAutonomy >( 'supervised' );
	const [ color, setColor ] = useState( '#3858e9' );
	const { isBusy, error, submit: run } = useSubmit();
	const { createAgent } = useDispatch( proposalsStore );
	const { createSuccessNotice } = useDispatch( noticesStore );

	const submit = async () => {
		const agent: NewAgent = {
			label: label.trim(),
			role,
			preset,
			autonomy,
			color,
		};
		if ( preset === 'custom' ) {
			agent.groups = groups;
		}
		if ( description.trim() !== '' ) {
			agent.description = description.trim();
		}
		await run( async () => {
			const created = await createAgent( agent );
			onCreated( created );
			void createSuccessNotice( __( 'Agent created.', 'countersign' ), {
				type: 'snackbar',
			} );
			setLabel( '' );
			setDescription( '' );
		} );
	};

	return (
		<div className="countersign-add-agent">
			<form
				onSubmit={ ( event ) => {
					event.preventDefault();
					if ( label.trim() !== '' && ! isBusy ) {
						void submit();
					}
				} }
			>
				{ error && (
					<p className="countersign-add-agent__error" role="alert">
						{ error.message }
					</p>
				) }
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Label', 'countersign' ) }
					help={ __(
						'How reviewers will see it, e.g. "Claude on my MacBook".',
						'countersign'
					) }
					value={ label }
					onChange={ setLabel }
					required
					maxLength={ 100 }
				/>
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Description (optional)', 'countersign' ) }
					value={ description }
					onChange={ setDescription }
					rows={ 2 }
				/>
				<SelectControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'WordPress role', 'countersign' ) }
					help={ __(
						'The agent can never do more than this role allows.',
						'countersign'
					) }
					value={ role }
					options={ ROLES.map( ( value ) => ( {
						value,
						label: roleLabel( value ),
					} ) ) }
					onChange={ ( value: string ) =>
						isRole( value ) && setRole( value )
					}
				/>
				<PresetPicker
					value={ preset }
					onChange={ setPreset }
					groups={ groups }
					onGroupsChange={ setGroups }
				/>
				<ColorField value={ color } onChange={ setColor } />
				<RadioControl
					label={ __( 'Autonomy', 'countersign' ) }
					selected={ autonomy }
					options={ ( [ 'supervised', 'autonomous' ] as const ).map(
						( value ) => ( {
							value,
							label: autonomyLabel( value ),
						} )
					) }
					onChange={ ( value: string ) =>
						setAutonomy(
							value === 'autonomous' ? 'autonomous' : 'supervised'
						)
					}
				/>
				<Button
					__next40pxDefaultSize
					variant="primary"
					type="submit"
					isBusy={ isBusy }
					disabled={ isBusy || label.trim() === '' }
					accessibleWhenDisabled
				>
					{ __( 'Add agent', 'countersign' ) }
				</Button>
			</form>
		</div>
	);
}
