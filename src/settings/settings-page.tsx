/**
 * WordPress dependencies
 */
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
	SelectControl,
	Spinner,
	TextControl,
	ToggleControl,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the design system's number field; only its name is experimental.
	__experimentalNumberControl as NumberControl,
} from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { api, toApiError, type Settings } from '../api';
import { AdminNotices } from '../components';
import { changedFields, useSubmit } from '../utils/form';
import { fieldLabel, riskLabel, toRiskLevel } from '../utils/labels';
import { ModelPrices } from './model-prices';
import { FIELD_LEVELS, levelText, overrideChoices } from './risk';

type NumberSetting =
	| 'default_rate_limit'
	| 'default_daily_proposal_budget'
	| 'default_monthly_proposal_budget'
	| 'default_monthly_token_budget'
	| 'default_monthly_spend_budget'
	| 'auto_pause_refusals'
	| 'auto_pause_minutes'
	| 'ip_rate_limit'
	| 'rate_limit_window'
	| 'backup_retention'
	| 'quorum'
	| 'audit_retention_days'
	| 'proposal_expiry_days'
	| 'media_max_upload_mb'
	| 'media_base64_max_kb'
	| 'media_staged_quota_mb'
	| 'media_max_megapixels';

/** The smallest value each number setting takes (the server's bounds; `0` turns a limit off where that is allowed). */
const MINIMUMS: Record< NumberSetting, number > = {
	quorum: 1,
	default_rate_limit: 1,
	default_daily_proposal_budget: 0,
	default_monthly_proposal_budget: 0,
	default_monthly_token_budget: 0,
	default_monthly_spend_budget: 0,
	auto_pause_refusals: 0,
	auto_pause_minutes: 1,
	ip_rate_limit: 0,
	rate_limit_window: 1,
	backup_retention: 1,
	proposal_expiry_days: 0,
	audit_retention_days: 0,
	media_max_upload_mb: 1,
	media_base64_max_kb: 1,
	media_staged_quota_mb: 1,
	media_max_megapixels: 1,
};

/** The largest value the number settings with an upper bound take (the server's bounds). */
const MAXIMUMS: Partial< Record< NumberSetting, number > > = {
	rate_limit_window: 3600,
	quorum: 5,
};

/**
 * Countersign → Settings: risk policy, default limits, backups, audit
 * retention and notifications. The kill switch lives on the Agents screen.
 */
export function SettingsPage() {
	const [ saved, setSaved ] = useState< Settings | null >( null );
	const [ draft, setDraft ] = useState< Settings | null >( null );
	const { isBusy, error, setError, submit, fieldError } = useSubmit();
	const { createSuccessNotice } = useDispatch( noticesStore );

	useEffect( () => {
		api.fetchSettings()
			.then( ( settings ) => {
				setSaved( settings );
				setDraft( settings );
			} )
			.catch( ( failure: unknown ) =>
				setError( { message: toApiError( failure ).message } )
			);
		// setError is useState's setter: stable, so this runs once.
	}, [ setError ] );

	if ( ! saved || ! draft ) {
		return error ? (
			<Notice status="error" isDismissible={ false }>
				{ error.message }
			</Notice>
		) : (
			<Spinner />
		);
	}

	const patch = changedFields( saved, draft );
	const set = < K extends keyof Settings >( key: K, value: Settings[ K ] ) =>
		setDraft( { ...draft, [ key ]: value } );
	// A value below its minimum (or not a whole number) is said at the field and blocks saving; the control does not
	// quietly clamp it (a -3 per-IP limit used to be saved as 0, which turns that limit off).
	const invalid = ( key: NumberSetting ): string | undefined => {
		const min = MINIMUMS[ key ];
		const max = MAXIMUMS[ key ];
		const value = draft[ key ];
		if (
			Number.isInteger( value ) &&
			value >= min &&
			value <= ( max ?? Infinity )
		) {
			return undefined;
		}
		return max === undefined
			? sprintf(
					/* translators: %d: smallest allowed value. */
					__( 'Enter a whole number of %d or more.', 'countersign' ),
					min
				)
			: sprintf(
					/* translators: 1: smallest allowed value, 2: largest allowed value. */
					__(
						'Enter a whole number from %1$d to %2$d.',
						'countersign'
					),
					min,
					max
				);
	};
	const numberField = ( key: NumberSetting, label: string, help: string ) => {
		const problem = invalid( key ) ?? fieldError( key );
		return (
			<div className={ problem ? 'has-error' : undefined }>
				<NumberControl
					__next40pxDefaultSize
					label={ label }
					help={ problem ?? help }
					value={ draft[ key ] }
					onChange={ ( value ) =>
						set(
							key,
							value === undefined || value === ''
								? Number.NaN
								: Number( value )
						)
					}
					aria-invalid={ problem ? true : undefined }
				/>
			</div>
		);
	};

	const save = () =>
		submit( async () => {
			const next = await api.updateSettings( patch );
			setSaved( next );
			setDraft( next );
			void createSuccessNotice( __( 'Settings saved.', 'countersign' ), {
				type: 'snackbar',
			} );
		} );

	return (
		<form
			className="countersign-settings"
			onSubmit={ ( event ) => {
				event.preventDefault();
				void save();
			} }
		>
			<AdminNotices />
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error.message }
				</Notice>
			) }
			<Card>
				<CardHeader>
					<h2>{ __( 'Risk policy', 'countersign' ) }</h2>
				</CardHeader>
				<CardBody>
					<p className="countersign-settings__intro">
						{ __(
							'Every change an agent proposes gets a risk level from its fields. You can raise a field’s level here; levels are never lowered, and high (4) and extreme (5) changes always need a reviewer.',
							'countersign'
						) }
					</p>
					<table className="widefat striped countersign-risk-table">
						<thead>
							<tr>
								<th scope="col">
									{ __( 'Field', 'countersign' ) }
								</th>
								<th scope="col">
									{ __( 'On a draft', 'countersign' ) }
								</th>
								<th scope="col">
									{ __(
										'On a published post',
										'countersign'
									) }
								</th>
								<th scope="col">
									{ __( 'Raise to', 'countersign' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ FIELD_LEVELS.map( ( row ) => {
								const choices = overrideChoices( row );
								const current =
									draft.risk_overrides[ row.field ] ?? 0;
								return (
									<tr key={ row.field }>
										<th scope="row">
											{ fieldLabel( row.field ) }
										</th>
										<td>{ levelText( row.draft ) }</td>
										<td>{ levelText( row.published ) }</td>
										<td>
											{ choices.length === 0 ? (
												<span className="countersign-risk-table__fixed">
													{ __(
														'Always high',
														'countersign'
													) }
												</span>
											) : (
												<SelectControl
													__next40pxDefaultSize
													__nextHasNoMarginBottom
													hideLabelFromVision
													label={ sprintf(
														/* translators: %s: field name. */
														__(
															'Raise %s to',
															'countersign'
														),
														fieldLabel( row.field )
													) }
													value={ String( current ) }
													options={ [
														{
															value: '0',
															label: __(
																'Built-in levels',
																'countersign'
															),
														},
														...choices.map(
															( level ) => ( {
																value: String(
																	level
																),
																label: sprintf(
																	/* translators: 1: level number, 2: level word. */
																	__(
																		'At least %1$d · %2$s',
																		'countersign'
																	),
																	level,
																	riskLabel(
																		toRiskLevel(
																			level
																		)
																	)
																),
															} )
														),
													] }
													onChange={ (
														value: string
													) => {
														const next = {
															...draft.risk_overrides,
														};
														if ( value === '0' ) {
															delete next[
																row.field
															];
														} else {
															next[ row.field ] =
																Number( value );
														}
														set(
															'risk_overrides',
															next
														);
													} }
												/>
											) }
										</td>
									</tr>
								);
							} ) }
						</tbody>
					</table>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'Allow extreme-risk (level 5) proposals',
							'countersign'
						) }
						help={ __(
							'Off: agents are refused outright for changes such as markup their role could not post. On: those proposals reach reviewers.',
							'countersign'
						) }
						checked={ draft.level5_enabled }
						onChange={ ( value ) => set( 'level5_enabled', value ) }
					/>
					{ numberField(
						'quorum',
						__( 'Reviewers needed for high risk', 'countersign' ),
						__(
							'How many different reviewers must approve a level 4 or 5 proposal.',
							'countersign'
						)
					) }
				</CardBody>
			</Card>
			<Card>
				<CardHeader>
					<h2>{ __( 'Limits for new agents', 'countersign' ) }</h2>
				</CardHeader>
				<CardBody className="countersign-settings__grid">
					{ numberField(
						'default_rate_limit',
						__( 'Requests per window', 'countersign' ),
						__(
							'Each agent’s own limit can differ.',
							'countersign'
						)
					) }
					{ numberField(
						'default_daily_proposal_budget',
						__( 'Proposals per day', 'countersign' ),
						__(
							'Each agent’s own budget can differ.',
							'countersign'
						)
					) }
					{ numberField(
						'default_monthly_proposal_budget',
						__( 'Proposals per month', 'countersign' ),
						__( '0 means no monthly limit.', 'countersign' )
					) }
					{ numberField(
						'default_monthly_token_budget',
						__( 'Tokens per month', 'countersign' ),
						__(
							'Counts the tokens agents report with each proposal; 0 means no limit.',
							'countersign'
						)
					) }
					{ numberField(
						'auto_pause_refusals',
						__( 'Auto-pause after refusals', 'countersign' ),
						__(
							'An agent refused this many times for its limits is paused and administrators are emailed; 0 turns it off.',
							'countersign'
						)
					) }
					{ numberField(
						'auto_pause_minutes',
						__( '… within minutes', 'countersign' ),
						__(
							'The window in which those refusals count.',
							'countersign'
						)
					) }
					{ numberField(
						'ip_rate_limit',
						__(
							'Requests per window per IP address',
							'countersign'
						),
						__(
							'Shared by every agent calling from one address; 0 turns it off.',
							'countersign'
						)
					) }
					{ numberField(
						'rate_limit_window',
						__( 'Rate-limit window (seconds)', 'countersign' ),
						__(
							'Each agent’s limit and the per-IP limit count requests in windows of this many seconds (1 to 3600).',
							'countersign'
						)
					) }
				</CardBody>
			</Card>
			<Card>
				<CardHeader>
					<h2>{ __( 'Spend', 'countersign' ) }</h2>
				</CardHeader>
				<CardBody>
					<p className="countersign-settings__intro">
						{ __(
							'What the tokens agents report cost, by the model they name. Usage shows the cost per agent per day; administrators are emailed at 80% and 100% of any budget.',
							'countersign'
						) }
					</p>
					<div className="countersign-settings__grid">
						<div
							className={
								fieldError( 'currency' )
									? 'has-error'
									: undefined
							}
						>
							<TextControl
								__next40pxDefaultSize
								__nextHasNoMarginBottom
								label={ __( 'Currency', 'countersign' ) }
								help={
									fieldError( 'currency' ) ??
									__(
										'A three-letter code such as USD or EUR.',
										'countersign'
									)
								}
								value={ draft.currency }
								onChange={ ( value ) =>
									set( 'currency', value.toUpperCase() )
								}
							/>
						</div>
						{ numberField(
							'default_monthly_spend_budget',
							__(
								'Spend per month for new agents (cents)',
								'countersign'
							),
							__(
								'Each agent’s own budget can differ; 0 means no limit.',
								'countersign'
							)
						) }
					</div>
					<ModelPrices
						prices={ draft.model_prices }
						currency={ draft.currency }
						error={ fieldError( 'model_prices' ) }
						onChange={ ( prices ) => set( 'model_prices', prices ) }
					/>
				</CardBody>
			</Card>
			<Card>
				<CardHeader>
					<h2>{ __( 'Agents’ uploads', 'countersign' ) }</h2>
				</CardHeader>
				<CardBody className="countersign-settings__grid">
					{ numberField(
						'media_max_upload_mb',
						__( 'Largest file (MB)', 'countersign' ),
						__(
							'Uploads stay private until a reviewer approves them; larger files are refused.',
							'countersign'
						)
					) }
					{ numberField(
						'media_base64_max_kb',
						__( 'Largest file sent as base64 (KB)', 'countersign' ),
						__(
							'For small files sent inside JSON (and through the abilities); larger ones go as multipart uploads.',
							'countersign'
						)
					) }
					{ numberField(
						'media_staged_quota_mb',
						__( 'Waiting uploads per agent (MB)', 'countersign' ),
						__(
							'What one agent may have waiting for decisions at once.',
							'countersign'
						)
					) }
					{ numberField(
						'media_max_megapixels',
						__( 'Largest image (megapixels)', 'countersign' ),
						__(
							'Images declaring more pixels are refused before anything decodes them.',
							'countersign'
						)
					) }
				</CardBody>
			</Card>
			<Card>
				<CardHeader>
					<h2>{ __( 'Backups, audit and email', 'countersign' ) }</h2>
				</CardHeader>
				<CardBody className="countersign-settings__grid">
					{ numberField(
						'backup_retention',
						__( 'Backups kept per post', 'countersign' ),
						__(
							'The newest backups of each post are kept; older ones are deleted.',
							'countersign'
						)
					) }
					{ numberField(
						'proposal_expiry_days',
						__(
							'Expire undecided proposals after (days)',
							'countersign'
						),
						__(
							'Pending proposals nobody approved or rejected in this time expire, and their agents see it. 0 keeps them waiting.',
							'countersign'
						)
					) }
					{ numberField(
						'audit_retention_days',
						__( 'Keep audit entries (days)', 'countersign' ),
						__(
							'0 keeps everything. Older entries are sealed into a checkpoint before they are deleted, so the chain still verifies.',
							'countersign'
						)
					) }
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'Email reviewers about risky proposals',
							'countersign'
						) }
						help={ __(
							'Reviewers who can edit the post hear about proposals of risk 3 and above. Each person can opt out in their profile.',
							'countersign'
						) }
						checked={ draft.notifications }
						onChange={ ( value ) => set( 'notifications', value ) }
					/>
					<SelectControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'When to email', 'countersign' ) }
						value={ draft.notification_mode }
						disabled={ ! draft.notifications }
						options={ [
							{
								value: 'immediate',
								label: __(
									'At once, one email per proposal',
									'countersign'
								),
							},
							{
								value: 'digest',
								label: __(
									'A daily digest per reviewer',
									'countersign'
								),
							},
						] }
						onChange={ ( value: string ) =>
							set(
								'notification_mode',
								value === 'digest' ? 'digest' : 'immediate'
							)
						}
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'Keep the audit log if Countersign is deleted',
							'countersign'
						) }
						help={ __(
							'Deleting the plugin removes its proposals, backups and settings; with this on, the audit table stays.',
							'countersign'
						) }
						checked={ draft.keep_audit_on_uninstall }
						onChange={ ( value ) =>
							set( 'keep_audit_on_uninstall', value )
						}
					/>
				</CardBody>
			</Card>
			<div className="countersign-settings__actions">
				<Button
					__next40pxDefaultSize
					variant="primary"
					type="submit"
					isBusy={ isBusy }
					disabled={
						isBusy ||
						Object.keys( patch ).length === 0 ||
						( Object.keys( MINIMUMS ) as NumberSetting[] ).some(
							( key ) => invalid( key ) !== undefined
						)
					}
					accessibleWhenDisabled
				>
					{ __( 'Save settings', 'countersign' ) }
				</Button>
			</div>
		</form>
	);
}
