/**
 * The site's REST URL for a route, derived from the admin page URL so it works
 * for sites in a subdirectory and without pretty permalinks (`?rest_route=`).
 *
 * @example
 * ```ts
 * restUrlFromAdmin( 'https://example.com/blog/wp-admin/admin.php?page=x', '/countersign/v1/me' );
 * // 'https://example.com/blog/?rest_route=/countersign/v1/me'
 * ```
 *
 * @param adminUrl Any wp-admin URL of the site.
 * @param route    REST route, starting with a slash.
 */
export function restUrlFromAdmin( adminUrl: string, route: string ): string {
	return `${ siteUrlFromAdmin( adminUrl ) }?rest_route=${ route }`;
}

/**
 * Quotes a value for a POSIX shell.
 *
 * @param value Any string.
 */
export function shellQuote( value: string ): string {
	return `'${ value.replace( /'/gu, `'\\''` ) }'`;
}

/**
 * A curl command that submits a first proposal as the agent: a new draft post,
 * which lands in the review queue.
 *
 * @param login        The agent's user login.
 * @param password     The application password.
 * @param proposalsUrl Full URL of POST /countersign/v1/proposals.
 */
export function proposeSnippet(
	login: string,
	password: string,
	proposalsUrl: string
): string {
	const body = JSON.stringify( {
		post: 0,
		post_type: 'post',
		changes: {
			title: 'Hello from an agent',
			content:
				'<!-- wp:paragraph --><p>My first proposal.</p><!-- /wp:paragraph -->',
		},
		rationale: 'Checking the connection.',
	} );
	return [
		`curl -u ${ shellQuote( `${ login }:${ password }` ) } \\`,
		`  -H 'Content-Type: application/json' \\`,
		`  -d ${ shellQuote( body ) } \\`,
		`  ${ shellQuote( proposalsUrl ) }`,
	].join( '\n' );
}

/**
 * An MCP client configuration (Claude Desktop, Cursor…) that runs the
 * WordPress MCP stdio proxy against Countersign's own MCP server, as the agent.
 *
 * @param serverUrl The MCP server's URL (`…/wp-json/countersign/v1/mcp`).
 * @param login     The agent's user login.
 * @param password  The application password.
 */
export function mcpSnippet(
	serverUrl: string,
	login: string,
	password: string
): string {
	return JSON.stringify(
		{
			mcpServers: {
				countersign: {
					command: 'npx',
					args: [ '-y', '@automattic/mcp-wordpress-remote@latest' ],
					env: {
						WP_API_URL: serverUrl,
						WP_API_USERNAME: login,
						WP_API_PASSWORD: password,
					},
				},
			},
		},
		null,
		2
	);
}

/**
 * The site's root URL, from any wp-admin URL.
 *
 * @param adminUrl Any wp-admin URL of the site.
 */
export function siteUrlFromAdmin( adminUrl: string ): string {
	const url = new URL( adminUrl );
	const index = url.pathname.indexOf( '/wp-admin/' );
	return `${ url.origin }${
		index === -1 ? '/' : url.pathname.slice( 0, index + 1 )
	}`;
}
