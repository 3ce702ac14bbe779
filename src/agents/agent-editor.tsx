/**
 * WordPress dependencies
 */
import {
	Modal,
	Notice,
	RadioControl,
	TextareaControl,
	TextControl,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the design system's number field; only its name is experimental.
	__experimentalNumberControl as NumberControl,
} from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Agent, AgentAutonomy, AgentPatch, Preset } from '../api';
import { ModalActions } from '../components';
import { store as proposalsStore } from '../store';
import { changedFields, useSubmit } from '../utils/form';
import { autonomyLabel } from '../utils/labels';
import { ColorField } from './color-field';
import type { IssuedCredentials } from './credentials-notice';
import { PresetPicker } from './preset-picker';
import { effectiveGroups, widens } from './presets';

/**
 * Edit an agent: preset (with what it grants), autonomy, limits, identity.
 * Saving a wider preset rotates the credentials; the new password goes to
 * `onCredentials` to be shown once.
 *
 * @param props               Component props.
 * @param props.agent         The agent.
 * @param props.onClose       Closes the panel.
 * @param props.onCredentials Receives a password the server issued.
 */
export function AgentEditor( {
	agent,
	onClose,
	onCredentials,
}: {
	agent: Agent;
	onClose: () => void;
	onCredentials: ( credentials: IssuedCredentials ) => void;
} ) {
	// `read` is always held; the custom picker chooses among the other groups.
	const savedGroups = agent.groups.filter( ( group ) => group !== 'read' );
	const [ draft, setDraft ] = useState< Required< AgentPatch > >( {
		label: agent.label,
		description: agent.description,
		color: agent.color,
		preset: agent.preset,
		groups: savedGroups,
		autonomy: agent.autonomy,
		rate_limit: agent.rate_limit,
		daily_proposal_budget: agent.daily_proposal_budget,
		monthly_proposal_budget: agent.monthly_proposal_budget,
		monthly_token_budget: agent.monthly_token_budget,
		monthly_spend_budget: agent.monthly_spend_budget,
	} );
	const { isBusy, error, submit, fieldError } = useSubmit();
	const { updateAgent } = useDispatch( proposalsStore );
	const set = < K extends keyof AgentPatch >(
		key: K,
		value: Required< AgentPatch >[ K ]
	) => setDraft( ( current ) => ( { ...current, [ key ]: value } ) );
	const widening = widens(
		agent.groups,
		effectiveGroups( draft.preset, draft.groups )
	);
	// Only the agent's own fields are in the draft, so this compares like with like; groups are sent only for
	// `custom` (for a named preset the server derives them).
	const { groups, ...rest } = changedFields< AgentPatch >(
		{ ...agent, groups: savedGroups },
		draft
	);
	const patch: AgentPatch =
		draft.preset === 'custom' && groups !== undefined
			? { ...rest, groups }
			: rest;

	const save = () =>
		submit( async () => {
			const updated = await updateAgent( agent.id, patch );
			if ( updated.application_password ) {
				onCredentials( {
					agent: updated,
					password: updated.application_password,
					reason: 'widened',
				} );
			}
			onClose();
		} );

	return (
		<Modal
			title={ agent.label }
			onRequestClose={ onClose }
			className="countersign-agent-editor"
			size="medium"
		>
			<form
				onSubmit={ ( event ) => {
					event.preventDefault();
					void save();
				} }
			>
				{ error && ! error.field && (
					<Notice status="error" isDismissible={ false }>
						{ error.message }
					</Notice>
				) }
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Label', 'countersign' ) }
					value={ draft.label }
					onChange={ ( value ) => set( 'label', value ) }
					help={ fieldError( 'label' ) }
					required
				/>
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Description', 'countersign' ) }
					value={ draft.description }
					onChange={ ( value ) => set( 'description', value ) }
					rows={ 2 }
				/>
				<ColorField
					value={ draft.color }
					onChange={ ( value ) => set( 'color', value ) }
				/>
				<PresetPicker
					value={ draft.preset }
					onChange={ ( value: Preset ) => set( 'preset', value ) }
					groups={ draft.groups }
					onGroupsChange={ ( value ) => set( 'groups', value ) }
				/>
				{ widening && (
					<Notice status="warning" isDismissible={ false }>
						{ __(
							'This preset allows more than the current one. Saving revokes the agent’s application passwords and shows a new one once: give it to the agent.',
							'countersign'
						) }
					</Notice>
				) }
				<RadioControl
					label={ __( 'Autonomy', 'countersign' ) }
					help={ __(
						'An autonomous agent’s low-risk (level 2) changes apply at once, with a backup and an audit entry; everything else waits for a reviewer.',
						'countersign'
					) }
					selected={ draft.autonomy }
					options={ ( [ 'supervised', 'autonomous' ] as const ).map(
						( value ) => ( {
							value,
							label: autonomyLabel( value ),
						} )
					) }
					onChange={ ( value: string ) =>
						set(
							'autonomy',
							( value === 'autonomous'
								? 'autonomous'
								: 'supervised' ) as AgentAutonomy
						)
					}
				/>
				<div className="countersign-agent-editor__limits">
					<NumberControl
						__next40pxDefaultSize
						label={ __( 'Requests per window', 'countersign' ) }
						min={ 1 }
						value={ draft.rate_limit }
						onChange={ ( value ) =>
							set( 'rate_limit', Number( value ?? 0 ) )
						}
						help={ fieldError( 'rate_limit' ) }
					/>
					<NumberControl
						__next40pxDefaultSize
						label={ __( 'Proposals per day', 'countersign' ) }
						min={ 1 }
						value={ draft.daily_proposal_budget }
						onChange={ ( value ) =>
							set( 'daily_proposal_budget', Number( value ?? 0 ) )
						}
						help={ fieldError( 'daily_proposal_budget' ) }
					/>
					<NumberControl
						__next40pxDefaultSize
						label={ __( 'Proposals per month', 'countersign' ) }
						min={ 0 }
						value={ draft.monthly_proposal_budget }
						onChange={ ( value ) =>
							set(
								'monthly_proposal_budget',
								Number( value ?? 0 )
							)
						}
						help={
							fieldError( 'monthly_proposal_budget' ) ??
							__( '0: no monthly limit.', 'countersign' )
						}
					/>
					<NumberControl
						__next40pxDefaultSize
						label={ __( 'Tokens per month', 'countersign' ) }
						min={ 0 }
						value={ draft.monthly_token_budget }
						onChange={ ( value ) =>
							set( 'monthly_token_budget', Number( value ?? 0 ) )
						}
						help={
							fieldError( 'monthly_token_budget' ) ??
							__( '0: no limit.', 'countersign' )
						}
					/>
					<NumberControl
						__next40pxDefaultSize
						label={ __( 'Spend per month (cents)', 'countersign' ) }
						min={ 0 }
						value={ draft.monthly_spend_budget }
						onChange={ ( value ) =>
							set( 'monthly_spend_budget', Number( value ?? 0 ) )
						}
						help={
							fieldError( 'monthly_spend_budget' ) ??
							__(
								'At the model prices in Settings; 0: no limit.',
								'countersign'
							)
						}
					/>
				</div>
				{ error?.field && (
					<Notice status="error" isDismissible={ false }>
						{ error.message }
					</Notice>
				) }
				<ModalActions
					confirmLabel={
						widening
							? __( 'Save and rotate credentials', 'countersign' )
							: __( 'Save', 'countersign' )
					}
					isBusy={ isBusy }
					isDisabled={ Object.keys( patch ).length === 0 }
					onCancel={ onClose }
				/>
			</form>
		</Modal>
	);
}
