/**
 * WordPress dependencies
 */
import {
	Button,
	Notice,
	// eslint-disable-next-line @wordpress/no-unsafe-wp-apis -- the design system's confirm dialog; only its name is experimental.
	__experimentalConfirmDialog as ConfirmDialog,
} from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { api, toApiError } from '../api';

/**
 * The kill switch: one button that stops every agent (every agent request is
 * refused with 503, nothing auto-applies, AI prompts are blocked site-wide),
 * behind a confirmation, and a banner that cannot be missed while it is on.
 */
export function KillSwitch() {
	const [ isOn, setIsOn ] = useState< boolean | null >( null );
	const [ isConfirming, setIsConfirming ] = useState( false );
	const [ isBusy, setIsBusy ] = useState( false );
	const { createErrorNotice, createSuccessNotice } =
		useDispatch( noticesStore );

	useEffect( () => {
		api.fetchSettings()
			.then( ( settings ) => setIsOn( settings.kill_switch ) )
			.catch( ( error: unknown ) =>
				createErrorNotice( toApiError( error ).message )
			);
	}, [ createErrorNotice ] );

	const flip = async () => {
		setIsConfirming( false );
		setIsBusy( true );
		try {
			const settings = await api.updateSettings( {
				kill_switch: ! isOn,
			} );
			setIsOn( settings.kill_switch );
			void createSuccessNotice(
				settings.kill_switch
					? __( 'All agents are stopped.', 'countersign' )
					: __( 'Agents may work again.', 'countersign' ),
				{ type: 'snackbar' }
			);
		} catch ( error ) {
			void createErrorNotice( toApiError( error ).message );
		} finally {
			setIsBusy( false );
		}
	};

	if ( isOn === null ) {
		return null;
	}
	return (
		<div className={ `countersign-kill-switch${ isOn ? ' is-on' : '' }` }>
			{ isOn ? (
				<Notice
					status="error"
					isDismissible={ false }
					className="countersign-kill-switch__banner"
				>
					<strong>
						{ __( 'All agents stopped.', 'countersign' ) }
					</strong>{ ' ' }
					{ __(
						'The kill switch is on: every agent request is refused, nothing applies on its own, and AI prompts are blocked site-wide.',
						'countersign'
					) }
				</Notice>
			) : (
				<p className="countersign-kill-switch__hint">
					{ __(
						'Something going wrong? Stop every agent at once; proposals already made stay in the queue.',
						'countersign'
					) }
				</p>
			) }
			<Button
				__next40pxDefaultSize
				variant={ isOn ? 'primary' : 'secondary' }
				isDestructive={ ! isOn }
				isBusy={ isBusy }
				onClick={ () => setIsConfirming( true ) }
			>
				{ isOn
					? __( 'Let agents work again', 'countersign' )
					: __( 'Stop all agents', 'countersign' ) }
			</Button>
			<ConfirmDialog
				isOpen={ isConfirming }
				onConfirm={ () => void flip() }
				onCancel={ () => setIsConfirming( false ) }
				confirmButtonText={
					isOn
						? __( 'Let agents work', 'countersign' )
						: __( 'Stop all agents', 'countersign' )
				}
			>
				{ isOn
					? __(
							'Agents will be able to make requests and propose changes again.',
							'countersign'
						)
					: __(
							'Every agent request will be refused until you turn this off. Pending proposals stay in the queue.',
							'countersign'
						) }
			</ConfirmDialog>
		</div>
	);
}
