<?php
/**
 * Loads the built scripts.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Policy\Capabilities;

use const Countersign\PLUGIN_FILE;

/**
 * Registers each build entry (build/NAME.js with its generated .asset.php) with its styles and translations.
 */
final class Assets {

	/**
	 * Hooks the block editor assets.
	 */
	public function register(): void {
		add_action( 'enqueue_block_editor_assets', array( $this, 'enqueue_editor' ) );
	}

	/**
	 * The sidebar, for people who review proposals.
	 */
	public function enqueue_editor(): void {
		if ( current_user_can( Capabilities::REVIEW ) ) {
			$this->enqueue( 'sidebar' );
		}
	}

	/**
	 * Enqueues one build entry.
	 *
	 * @param string $entry Entry name: sidebar, queue or agents.
	 */
	public function enqueue( string $entry ): void {
		$dir   = plugin_dir_path( PLUGIN_FILE ) . 'build/';
		$asset = $dir . $entry . '.asset.php';
		if ( ! is_readable( $asset ) ) {
			return;
		}
		$meta   = require $asset;
		$handle = 'countersign-' . $entry;
		// The editor sidebar and the queue follow new proposals and decisions on WordPress's Heartbeat (LiveUpdates).
		$deps = in_array( $entry, array( 'sidebar', 'queue' ), true ) ? array_merge( $meta['dependencies'], array( 'heartbeat' ) ) : $meta['dependencies'];
		wp_enqueue_script( $handle, plugins_url( 'build/' . $entry . '.js', PLUGIN_FILE ), $deps, $meta['version'], true );
		wp_set_script_translations( $handle, 'countersign', plugin_dir_path( PLUGIN_FILE ) . 'languages' );
		foreach ( array( $entry . '.css', 'style-' . $entry . '.css' ) as $css ) {
			if ( is_readable( $dir . $css ) ) {
				wp_enqueue_style( $handle . '-' . sanitize_key( $css ), plugins_url( 'build/' . $css, PLUGIN_FILE ), array( 'wp-components' ), $meta['version'] );
			}
		}
	}
}
