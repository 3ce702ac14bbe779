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
	const url = new URL( adminUrl );
	const index = url.pathname.indexOf( '/wp-admin/' );
	const base = index === -1 ? '/' : url.pathname.slice( 0, index + 1 );
	return `${ url.origin }${ base }?rest_route=${ route }`;
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
 * A curl command that authenticates as the new agent and asks who it is.
 *
 * @param login    The agent's user login.
 * @param password The application password.
 * @param meUrl    Full URL of GET /countersign/v1/me.
 */
export function curlSnippet(
	login: string,
	password: string,
	meUrl: string
): string {
	return `curl -u ${ shellQuote( `${ login }:${ password }` ) } ${ shellQuote( meUrl ) }`;
}
