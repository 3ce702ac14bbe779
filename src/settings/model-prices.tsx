/**
 * WordPress dependencies
 */
import {
	Button,
	TextControl,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the design system's number field; only its name is experimental.
	__experimentalNumberControl as NumberControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * The price per million tokens of each model name agents report in
 * `source.model`: a row per model with its price and Remove, and a row to add
 * one. Names are as the agents send them (case and all).
 *
 * @param props          Component props.
 * @param props.prices   Model => price per million tokens.
 * @param props.currency ISO 4217 code, for the labels.
 * @param props.error    The server's message about this setting, if any.
 * @param props.onChange Receives the new prices.
 */
export function ModelPrices( {
	prices,
	currency,
	error,
	onChange,
}: {
	prices: Record< string, number >;
	currency: string;
	error: string | undefined;
	onChange: ( prices: Record< string, number > ) => void;
} ) {
	const [ model, setModel ] = useState( '' );
	const [ price, setPrice ] = useState( '' );
	const name = model.trim();
	const amount = Number( price );
	const canAdd =
		name !== '' && price !== '' && Number.isFinite( amount ) && amount >= 0;
	return (
		<fieldset className="countersign-model-prices">
			<legend>
				{ sprintf(
					/* translators: %s: currency code such as USD. */
					__( 'Price per million tokens (%s)', 'countersign' ),
					currency
				) }
			</legend>
			{ error && <p className="countersign-field-error">{ error }</p> }
			<ul>
				{ Object.entries( prices ).map( ( [ key, value ] ) => (
					<li key={ key }>
						<NumberControl
							__next40pxDefaultSize
							label={ sprintf(
								/* translators: %s: model name. */
								__( 'Price of %s', 'countersign' ),
								key
							) }
							min={ 0 }
							step="any"
							value={ value }
							onChange={ ( next ) =>
								onChange( {
									...prices,
									[ key ]: Number( next ?? 0 ),
								} )
							}
						/>
						<Button
							variant="tertiary"
							isDestructive
							onClick={ () => {
								const rest = { ...prices };
								delete rest[ key ];
								onChange( rest );
							} }
							label={ sprintf(
								/* translators: %s: model name. */
								__( 'Remove %s', 'countersign' ),
								key
							) }
						>
							{ __( 'Remove', 'countersign' ) }
						</Button>
					</li>
				) ) }
			</ul>
			<div className="countersign-model-prices__add">
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Model name', 'countersign' ) }
					help={ __(
						'As agents report it in source.model.',
						'countersign'
					) }
					value={ model }
					onChange={ setModel }
				/>
				<NumberControl
					__next40pxDefaultSize
					label={ __( 'Price per million tokens', 'countersign' ) }
					min={ 0 }
					step="any"
					value={ price }
					onChange={ ( next ) => setPrice( next ?? '' ) }
				/>
				<Button
					variant="secondary"
					__next40pxDefaultSize
					disabled={ ! canAdd }
					accessibleWhenDisabled
					onClick={ () => {
						onChange( { ...prices, [ name ]: amount } );
						setModel( '' );
						setPrice( '' );
					} }
				>
					{ __( 'Add price', 'countersign' ) }
				</Button>
			</div>
		</fieldset>
	);
}
