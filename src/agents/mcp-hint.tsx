/**
 * WordPress dependencies
 */
import { createInterpolateElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { McpServerInfo } from './mcp';

/** Where administrators get the WordPress MCP Adapter. */
export const ADAPTER_URL = 'https://github.com/WordPress/mcp-adapter';

/**
 * How agents reach Countersign over MCP: the server's address, or, while the
 * WordPress MCP Adapter is missing, how to add it.
 *
 * @param props        Component props.
 * @param props.server Countersign's MCP server.
 */
export function McpHint( { server }: { server: McpServerInfo } ) {
	if ( server.adapter ) {
		return (
			<p className="countersign-mcp-hint">
				{ createInterpolateElement(
					__(
						'Agents connect over MCP to Countersign\u2019s own server at <url/>, with their login and application password; adding an agent shows its client configuration.',
						'countersign'
					),
					{ url: <code>{ server.url }</code> }
				) }
			</p>
		);
	}
	return (
		<p className="countersign-mcp-hint">
			{ createInterpolateElement(
				__(
					'To let agents connect over MCP, install and activate the <link>WordPress MCP Adapter</link> plugin. Countersign then serves its tools at <url/>; agents keep working over REST meanwhile.',
					'countersign'
				),
				{
					// eslint-disable-next-line jsx-a11y/anchor-has-content -- createInterpolateElement fills it.
					link: <a href={ ADAPTER_URL } />,
					url: <code>{ server.url }</code>,
				}
			) }
		</p>
	);
}
