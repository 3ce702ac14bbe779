<?php
/**
 * Plugin Name:       Countersign
 * Plugin URI:        https://github.com/countersign/countersign
 * Description:       Accountable AI agents: every agent gets its own identity, every change it wants becomes a staged proposal an editor reviews, and every step lands in a tamper-evident audit log.
 * Version:           0.1.0
 * Requires at least: 7.1
 * Requires PHP:      8.2
 * Author:            Countersign
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       countersign
 * Domain Path:       /languages
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign;

defined( 'ABSPATH' ) || exit;

const VERSION     = '0.1.0';
const PLUGIN_FILE = __FILE__;

spl_autoload_register(
	static function ( string $class_name ): void {
		if ( ! str_starts_with( $class_name, __NAMESPACE__ . '\\' ) ) {
			return;
		}
		$relative = str_replace( '\\', '/', substr( $class_name, strlen( __NAMESPACE__ ) + 1 ) );
		$file     = __DIR__ . '/includes/' . $relative . '.php';
		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
);

register_activation_hook( __FILE__, array( Plugin::class, 'activate' ) );
register_deactivation_hook( __FILE__, array( Plugin::class, 'deactivate' ) );

Plugin::boot();
