/**
 * WordPress dependencies
 */
import { Button, Notice } from '@wordpress/components';
import { useCopyToClipboard } from '@wordpress/compose';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { CreatedAgent } from '../api';
import { curlSnippet, restUrlFromAdmin } from './snippet';

interface CreatedAgentNoticeProps {
	agent: CreatedAgent;
	onDismiss: () => void;
}

/**
 * Shows a new agent's application password, once. It lives only in this
 * component's props: dismissing the notice or leaving the page loses it for good.
 *
 * @param props           Component props.
 * @param props.agent     The created agent, with its password.
 * @param props.onDismiss Forgets the password.
 */
export function CreatedAgentNotice( {
	agent,
	onDismiss,
}: CreatedAgentNoticeProps ) {
	const [ copied, setCopied ] = useState( false );
	const snippet = curlSnippet(
		agent.user_login,
		agent.application_password,
		restUrlFromAdmin( window.location.href, '/countersign/v1/me' )
	);
	const copyRef = useCopyToClipboard< HTMLButtonElement >( snippet, () =>
		setCopied( true )
	);

	return (
		<Notice
			status="success"
			onRemove={ onDismiss }
			className="countersign-created-agent"
		>
			<p>
				<strong>
					{ sprintf(
						/* translators: %s: agent label. */
						__( '%s is ready.', 'countersign' ),
						agent.label
					) }
				</strong>{ ' ' }
				{ __(
					'Copy its application password now: it is shown only this once and cannot be retrieved later.',
					'countersign'
				) }
			</p>
			<p>
				<label htmlFor="countersign-app-password">
					{ __( 'Application password', 'countersign' ) }
				</label>
				<input
					id="countersign-app-password"
					className="countersign-created-agent__secret code"
					type="text"
					readOnly
					value={ agent.application_password }
					onFocus={ ( event ) => event.currentTarget.select() }
				/>
			</p>
			<p>{ __( 'Test the connection:', 'countersign' ) }</p>
			<pre className="countersign-created-agent__snippet">
				<code>{ snippet }</code>
			</pre>
			<Button ref={ copyRef } variant="secondary" size="compact">
				{ copied
					? __( 'Copied!', 'countersign' )
					: __( 'Copy curl command', 'countersign' ) }
			</Button>
		</Notice>
	);
}
