<?php
/**
 * The kill switch, said on every Countersign screen while it is on.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Admin;

use Countersign\Policy\Capabilities;
use Countersign\Policy\Settings;

/**
 * An error notice at the top of each Countersign screen while the kill switch is on: agents are stopped, nothing
 * auto-applies, and reviewers still decide what is waiting. Administrators get the way to turn it off.
 */
final class KillSwitchBanner {

	/**
	 * Constructor.
	 *
	 * @param Settings $settings Settings (the kill switch, read from its row).
	 */
	public function __construct( private readonly Settings $settings ) {}

	/**
	 * Hooks the notice.
	 */
	public function register(): void {
		add_action( 'admin_notices', array( $this, 'render' ) );
	}

	/**
	 * `admin_notices`: the banner, on Countersign's own screens only.
	 */
	public function render(): void {
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( null === $screen || ! str_contains( (string) $screen->id, 'countersign' ) || ! current_user_can( Capabilities::REVIEW ) || ! $this->settings->kill_switch() ) {
			return;
		}
		$text = __( 'The kill switch is on: every agent is stopped and nothing auto-applies. Proposals already waiting can still be approved or rejected.', 'countersign' );
		if ( current_user_can( Capabilities::MANAGE ) ) {
			$text .= ' ' . sprintf(
				'<a href="%1$s">%2$s</a>',
				esc_url( admin_url( 'admin.php?page=countersign-agents' ) ),
				esc_html__( 'Turn it off on the Agents screen.', 'countersign' )
			);
		}
		wp_admin_notice(
			$text,
			array(
				'type'               => 'error',
				'id'                 => 'countersign-kill-switch-banner',
				'additional_classes' => array( 'countersign-kill-switch-banner' ),
				'attributes'         => array( 'role' => 'alert' ),
			)
		);
	}
}
