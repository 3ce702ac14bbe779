<?php
/**
 * The Countersign admin menu.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Agents\Presets;
use Countersign\Policy\Capabilities;

/**
 * Countersign → Review queue (reviewers), Agents and Settings (administrators). Each page is a mount point for its
 * TypeScript app.
 */
final class Menu {

	/**
	 * Constructor.
	 *
	 * @param Assets  $assets  Script loader.
	 * @param Presets $presets Capability presets.
	 */
	public function __construct( private readonly Assets $assets, private readonly Presets $presets ) {}

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
			__( 'Countersign', 'countersign' ),
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
				}
			);
		}
		if ( $settings ) {
			add_action( 'admin_print_scripts-' . $settings, fn() => $this->assets->enqueue( 'settings' ) );
		}
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
