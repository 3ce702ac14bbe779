<?php
/**
 * Site-wide Countersign settings.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

/**
 * Reads and writes the settings option and the kill switch (its own option, so flipping it is one small write).
 */
final class Settings {

	public const OPTION      = 'countersign_settings';
	public const KILL_SWITCH = 'countersign_kill_switch';

	public const DEFAULTS = array(
		'ip_rate_limit'                   => 60,
		'default_rate_limit'              => 60,
		'default_daily_proposal_budget'   => 100,
		'backup_retention'                => 20,
		'risk_overrides'                  => array(),
		'level5_enabled'                  => false,
		'quorum'                          => 1,
		'notifications'                   => true,
		'audit_retention_days'            => 0,
		// Pending proposals nobody decided within this many days expire (daily); 0 keeps them waiting.
		'proposal_expiry_days'            => 30,
		// Budgets beyond the daily one; 0 means no limit.
		'default_monthly_proposal_budget' => 0,
		'default_monthly_token_budget'    => 0,
		// Auto-pause: this many 429 refusals (rate limit or budget) within auto_pause_minutes pause the agent; 0 = off.
		'auto_pause_refusals'             => 0,
		'auto_pause_minutes'              => 10,
		// Reviewer emails for risk >= 3: `immediate` (one per proposal) or `digest` (one a day per reviewer).
		'notification_mode'               => 'immediate',
		// Deleting the plugin keeps the audit table when true.
		'keep_audit_on_uninstall'         => false,
	);

	public const NOTIFICATION_MODES = array( 'immediate', 'digest' );

	/**
	 * Every setting, the kill switch included.
	 *
	 * @return array<string, mixed>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		return array( 'kill_switch' => $this->kill_switch() ) + array_merge( self::DEFAULTS, array_intersect_key( is_array( $stored ) ? $stored : array(), self::DEFAULTS ) );
	}

	/**
	 * One setting.
	 *
	 * @param string $key Setting name.
	 */
	public function get( string $key ): mixed {
		return $this->all()[ $key ] ?? null;
	}

	/**
	 * Stores a subset of the settings (already validated).
	 *
	 * @param array<string, mixed> $values Setting => value.
	 */
	public function update( array $values ): void {
		if ( array_key_exists( 'kill_switch', $values ) ) {
			update_option( self::KILL_SWITCH, $values['kill_switch'] ? 1 : 0, true );
			unset( $values['kill_switch'] );
		}
		if ( $values ) {
			$current = $this->all();
			unset( $current['kill_switch'] );
			update_option( self::OPTION, array_merge( $current, array_intersect_key( $values, self::DEFAULTS ) ), true );
		}
	}

	/**
	 * Whether the kill switch is on.
	 */
	public function kill_switch(): bool {
		return (bool) get_option( self::KILL_SWITCH, 0 );
	}
}
