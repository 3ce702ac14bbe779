<?php
/**
 * Site-wide Countersign settings.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Policy;

use Countersign\Support\Database;

/**
 * Reads and writes the settings option and the kill switch (its own option, so flipping it is one small write).
 *
 * Several web servers and administrators write these at once, so neither goes through `alloptions` (one cache
 * entry every server rewrites whole) or through update_option() (which compares with a possibly stale cached copy
 * and may skip the write): both rows are stored with autoload off by one upsert each. The kill switch is read from
 * its row on every call (one primary-key read: it is the emergency stop). A settings change takes the `settings`
 * named lock, re-reads the row from the database, changes only the keys given and writes it back, so two
 * administrators changing two settings both keep theirs. Other settings are read through the object cache, whose
 * entry each write deletes.
 */
final class Settings {

	public const OPTION      = 'countersign_settings';
	public const KILL_SWITCH = 'countersign_kill_switch';

	public const DEFAULTS = array(
		'ip_rate_limit'                   => 60,
		// Both rate limits (each agent's and the per-IP one) count requests per this many seconds.
		'rate_limit_window'               => 60,
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
		// Spend: price per million tokens by the model name agents report in source.model, in `currency`; agents'
		// monthly spend budgets are in cents of it (0 = no limit).
		'model_prices'                    => array(),
		'currency'                        => 'USD',
		'default_monthly_spend_budget'    => 0,
		// Auto-pause: this many 429 refusals (rate limit or budget) within auto_pause_minutes pause the agent; 0 = off.
		'auto_pause_refusals'             => 0,
		'auto_pause_minutes'              => 10,
		// Reviewer emails for risk >= 3: `immediate` (one per proposal) or `digest` (one a day per reviewer).
		'notification_mode'               => 'immediate',
		// Deleting the plugin keeps the audit table when true.
		'keep_audit_on_uninstall'         => false,
		// Agents' uploads: the largest file (multipart), the largest sent as base64 in JSON, the most an agent may
		// have staged at once, and the most pixels an image may declare (a decompression bomb declares many).
		'media_max_upload_mb'             => 10,
		'media_base64_max_kb'             => 1024,
		'media_staged_quota_mb'           => 50,
		'media_max_megapixels'            => 40,
	);

	public const NOTIFICATION_MODES = array( 'immediate', 'digest' );

	/**
	 * Constructor.
	 *
	 * @param Database $db Named locks and the connection.
	 */
	public function __construct( private readonly Database $db ) {}

	/**
	 * Every setting, the kill switch included.
	 *
	 * @return array<string, mixed>
	 */
	public function all(): array {
		// The row, never a cached copy: a reader that missed the cache can put back a value another server's save
		// has just replaced, and the cache would keep it (a lost setting).
		$row    = $this->row( self::OPTION );
		$stored = null === $row ? array() : maybe_unserialize( $row );
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
	 * Stores a subset of the settings (already validated), each key on its own: keys not given keep whatever
	 * another request stored meanwhile.
	 *
	 * @param array<string, mixed> $values Setting => value.
	 * @return bool False when another change held the settings for 10 seconds (nothing but the kill switch stored).
	 */
	public function update( array $values ): bool {
		if ( array_key_exists( 'kill_switch', $values ) ) {
			$this->store( self::KILL_SWITCH, $values['kill_switch'] ? '1' : '0' );
			unset( $values['kill_switch'] );
		}
		$values = array_intersect_key( $values, self::DEFAULTS );
		if ( ! $values ) {
			return true;
		}
		if ( ! $this->db->lock( 'settings', 10 ) ) {
			return false;
		}
		try {
			$stored = maybe_unserialize( (string) $this->row( self::OPTION ) );
			$this->store( self::OPTION, maybe_serialize( array_merge( is_array( $stored ) ? $stored : array(), $values ) ) );
		} finally {
			$this->db->unlock( 'settings' );
		}
		return true;
	}

	/**
	 * Whether the kill switch is on, from the database itself.
	 */
	public function kill_switch(): bool {
		// The primary's row: a replica may not have seen the switch turned on yet.
		$this->db->primary();
		return (bool) (int) $this->row( self::KILL_SWITCH );
	}

	/**
	 * An option's stored value straight from its row, or null when there is none.
	 *
	 * @param string $name Option.
	 */
	private function row( string $name ): ?string {
		$wpdb = $this->db->wpdb();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the row itself, never a cached copy another server may have left stale.
		$value = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $name ) );
		return null === $value ? null : (string) $value;
	}

	/**
	 * Writes an option's row in one statement (not autoloaded), then drops every cached copy of it.
	 *
	 * @param string $name  Option.
	 * @param string $value Serialized value.
	 */
	private function store( string $name, string $value ): void {
		$wpdb = $this->db->wpdb();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one upsert; update_option() would compare with a cached copy first.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value), autoload = 'off'", $name, $value ) );
		wp_cache_delete( $name, 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		// A row autoloaded before (or added by add_option) may sit in alloptions: rebuilt from the rows on next use.
		wp_cache_delete( 'alloptions', 'options' );
	}
}
