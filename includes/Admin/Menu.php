<?php
/**
 * The Countersign admin menu.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Agents\Presets;
use Countersign\Mcp\McpServer;
use Countersign\Policy\Capabilities;

/**
 * Countersign → Review queue and Usage (reviewers), Agents and Settings (administrators), Audit log
 * (`countersign_audit`). Each page is a mount point for its TypeScript app.
 */
final class Menu {

	/**
	 * Constructor.
	 *
	 * @param Assets        $assets  Script loader.
	 * @param Presets       $presets Capability presets.
	 * @param PendingCounts $counts  What waits for the current reviewer (the menu's count bubble).
	 */
	public function __construct( private readonly Assets $assets, private readonly Presets $presets, private readonly PendingCounts $counts ) {}

	/**
	 * Hooks the menu.
	 */
	public function register(): void {
		add_action( 'admin_menu', array( $this, 'add_pages' ) );
	}

	/**
	 * `admin_menu` callback.
	 */
	public function add_pages(): void {
		$queue = add_menu_page(
			__( 'Review queue', 'countersign' ),
			$this->counts->menu_title( __( 'Countersign', 'countersign' ) ),
			Capabilities::REVIEW,
			'countersign',
			fn() => $this->render( 'queue', __( 'Review queue', 'countersign' ) ),
			'dashicons-yes-alt',
			26
		);
		// Same slug as the top-level page and no callback of its own: it only renames the first submenu entry.
		add_submenu_page( 'countersign', __( 'Review queue', 'countersign' ), __( 'Review queue', 'countersign' ), Capabilities::REVIEW, 'countersign' );
		$agents   = add_submenu_page( 'countersign', __( 'Agents', 'countersign' ), __( 'Agents', 'countersign' ), Capabilities::MANAGE, 'countersign-agents', fn() => $this->render( 'agents', __( 'Agents', 'countersign' ) ) );
		$settings = add_submenu_page( 'countersign', __( 'Countersign settings', 'countersign' ), __( 'Settings', 'countersign' ), Capabilities::MANAGE, 'countersign-settings', fn() => $this->render( 'settings', __( 'Countersign settings', 'countersign' ) ) );

		$usage = add_submenu_page( 'countersign', __( 'Usage', 'countersign' ), __( 'Usage', 'countersign' ), Capabilities::REVIEW, 'countersign-usage', fn() => $this->render( 'usage', __( 'Usage', 'countersign' ) ) );
		$audit = add_submenu_page( 'countersign', __( 'Audit log', 'countersign' ), __( 'Audit log', 'countersign' ), Capabilities::AUDIT, 'countersign-audit', fn() => $this->render( 'audit', __( 'Audit log', 'countersign' ) ) );
		if ( $usage ) {
			add_action(
				'admin_print_scripts-' . $usage,
				function (): void {
					$this->assets->enqueue( 'usage' );
					// The CSV export is a download link, which cannot send the X-WP-Nonce header.
					wp_add_inline_script(
						'countersign-usage',
						'window.countersignUsage = ' . wp_json_encode(
							array(
								'exportUrl' => rest_url( 'countersign/v1/usage/export' ),
								'nonce'     => wp_create_nonce( 'wp_rest' ),
							)
						) . ';',
						'before'
					);
				}
			);
		}
		if ( $audit ) {
			add_action( 'admin_print_scripts-' . $audit, array( $this, 'enqueue_audit' ) );
		}
		if ( $queue ) {
			add_action( 'admin_print_scripts-' . $queue, fn() => $this->assets->enqueue( 'queue' ) );
		}
		if ( $agents ) {
			add_action(
				'admin_print_scripts-' . $agents,
				function (): void {
					$this->assets->enqueue( 'agents' );
					// The preset picker explains what each preset grants before the agent is saved.
					wp_add_inline_script( 'countersign-agents', 'window.countersignPresets = ' . wp_json_encode( $this->presets->map() ) . ';', 'before' );
					// The MCP client configuration points at Countersign's own server, or the page says how to add it.
					wp_add_inline_script(
						'countersign-agents',
						'window.countersignMcp = ' . wp_json_encode(
							array(
								'url'     => McpServer::url(),
								'adapter' => McpServer::adapter_active(),
							)
						) . ';',
						'before'
					);
				}
			);
		}
		if ( $settings ) {
			add_action( 'admin_print_scripts-' . $settings, fn() => $this->assets->enqueue( 'settings' ) );
		}
	}

	/**
	 * The Audit log's script, with the export route and a REST nonce: exports are plain download links (streamed
	 * to disk), and a link cannot send the X-WP-Nonce header.
	 */
	public function enqueue_audit(): void {
		$this->assets->enqueue( 'audit' );
		wp_add_inline_script(
			'countersign-audit',
			'window.countersignAudit = ' . wp_json_encode(
				array(
					'exportUrl' => rest_url( 'countersign/v1/audit/export' ),
					'headUrl'   => rest_url( 'countersign/v1/audit/head' ),
					'nonce'     => wp_create_nonce( 'wp_rest' ),
				)
			) . ';',
			'before'
		);
	}

	/**
	 * The page shell the app mounts into.
	 *
	 * @param string $app   App name.
	 * @param string $title Page title.
	 */
	private function render( string $app, string $title ): void {
		printf(
			'<div class="wrap countersign-page"><h1 class="wp-heading-inline">%1$s</h1><div id="countersign-%2$s-root"></div></div>',
			esc_html( $title ),
			esc_attr( $app )
		);
	}
}
