<?php
/**
 * `wp countersign kill-switch`.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Cli;

use WP_CLI;

/**
 * Stops every agent at once, and lets them work again. Needs `--user=` an administrator.
 */
final class KillSwitchCommand extends RestCommand {

	/**
	 * Turns the kill switch on: every agent request is refused (503) and nothing auto-applies.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function on( array $args, array $assoc ): void {
		$this->request( 'PUT', '/settings', array( 'kill_switch' => true ) );
		WP_CLI::success( __( 'Kill switch on: all agents are stopped.', 'countersign' ) );
	}

	/**
	 * Turns the kill switch off.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function off( array $args, array $assoc ): void {
		$this->request( 'PUT', '/settings', array( 'kill_switch' => false ) );
		WP_CLI::success( __( 'Kill switch off: agents may work again.', 'countersign' ) );
	}

	/**
	 * Says whether the kill switch is on.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function status( array $args, array $assoc ): void {
		$settings = $this->request( 'GET', '/settings' );
		WP_CLI::line( empty( $settings['kill_switch'] ) ? 'off' : 'on' );
	}
}
