declare global {
	interface Window {
		/** Printed by the Agents page (PHP): Countersign's MCP server. */
		countersignMcp?: McpServerInfo;
	}
}

/** Countersign's MCP server, as the Agents page prints it. */
export interface McpServerInfo {
	/** The server's URL (`/wp-json/countersign/v1/mcp`). */
	url: string;
	/** Whether the WordPress MCP Adapter is active, so the server exists. */
	adapter: boolean;
}

/**
 * Countersign's MCP server on this site; without the page's data (tests, an
 * old page), the adapter counts as missing.
 *
 * @param info What the page printed.
 */
export function mcpServer(
	info: McpServerInfo | undefined = window.countersignMcp
): McpServerInfo {
	return info ?? { url: '', adapter: false };
}
