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
import type { Agent } from '../api';
import { mcpServer } from './mcp';
import { McpHint } from './mcp-hint';
import { mcpSnippet, proposeSnippet, restUrlFromAdmin } from './snippet';

/** Why a password is on screen. */
export type CredentialsReason = 'created' | 'rotated' | 'widened';

export interface IssuedCredentials {
	agent: Agent;
	password: string;
	reason: CredentialsReason;
}

/**
 * A block of text with its own Copy button.
 *
 * @param props       Component props.
 * @param props.label What it is.
 * @param props.text  The text.
 */
function Copyable( { label, text }: { label: string; text: string } ) {
	const [ copied, setCopied ] = useState( false );
	const ref = useCopyToClipboard< HTMLButtonElement >( text, () =>
		setCopied( true )
	);
	return (
		<div className="countersign-credentials__copyable">
			<div className="countersign-credentials__copyable-head">
				<span>{ label }</span>
				<Button ref={ ref } variant="secondary" size="compact">
					{ copied
						? __( 'Copied', 'countersign' )
						: __( 'Copy', 'countersign' ) }
				</Button>
			</div>
			<pre>
				<code>{ text }</code>
			</pre>
		</div>
	);
}

/**
 * Shows an agent's new application password, once, with what to do with it:
 * a curl line that submits a first proposal and an MCP client configuration.
 * The password lives only in this component's props: dismissing the notice or
 * leaving the page loses it for good.
 *
 * @param props             Component props.
 * @param props.credentials The agent, its password and why it was issued.
 * @param props.onDismiss   Forgets the password.
 */
export function CredentialsNotice( {
	credentials: { agent, password, reason },
	onDismiss,
}: {
	credentials: IssuedCredentials;
	onDismiss: () => void;
} ) {
	const href = window.location.href;
	const server = mcpServer();
	const headline = {
		created: sprintf(
			/* translators: %s: agent label. */
			__( '%s is ready.', 'countersign' ),
			agent.label
		),
		rotated: sprintf(
			/* translators: %s: agent label. */
			__( 'New credentials for %s.', 'countersign' ),
			agent.label
		),
		widened: sprintf(
			/* translators: %s: agent label. */
			__(
				'%s may now do more, so its credentials were rotated.',
				'countersign'
			),
			agent.label
		),
	}[ reason ];

	return (
		<Notice
			status={ reason === 'created' ? 'success' : 'warning' }
			onRemove={ onDismiss }
			className="countersign-credentials"
		>
			<p>
				<strong>{ headline }</strong>{ ' ' }
				{ reason === 'created'
					? __(
							'Copy its application password now: it is shown only this once and cannot be retrieved later.',
							'countersign'
						)
					: __(
							'Its old application passwords no longer work. Give the agent this one; it is shown only this once.',
							'countersign'
						) }
			</p>
			<p className="countersign-credentials__login">
				{ __( 'Login:', 'countersign' ) }{ ' ' }
				<code>{ agent.user_login }</code>
			</p>
			<label
				className="countersign-credentials__label"
				htmlFor="countersign-app-password"
			>
				{ __( 'Application password', 'countersign' ) }
			</label>
			<input
				id="countersign-app-password"
				className="countersign-credentials__secret code"
				type="text"
				readOnly
				value={ password }
				onFocus={ ( event ) => event.currentTarget.select() }
			/>
			<Copyable
				label={ __(
					'Submit a first proposal with curl',
					'countersign'
				) }
				text={ proposeSnippet(
					agent.user_login,
					password,
					restUrlFromAdmin( href, '/countersign/v1/proposals' )
				) }
			/>
			{ server.adapter ? (
				<Copyable
					label={ __(
						"MCP client configuration (Countersign's MCP server)",
						'countersign'
					) }
					text={ mcpSnippet(
						server.url,
						agent.user_login,
						password
					) }
				/>
			) : (
				<McpHint server={ server } />
			) }
		</Notice>
	);
}
