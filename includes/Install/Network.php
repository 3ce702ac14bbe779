<?php
/**
 * Multisite: activation on every site of a network, on new sites, and table clean-up when a site is deleted.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Install;

use WP_Site;

use const Countersign\PLUGIN_FILE;

/**
 * Each site of a network has its own tables (the site's prefix, see Schema::table()), options, roles and
 * proposals, so everything the plugin sets up happens once per site, inside switch_to_blog().
 */
final class Network {

	/**
	 * Constructor.
	 *
	 * @param callable(): void $activate_site Sets the plugin up on the current site.
	 * @param list<string>     $tables        Table names without the site prefix.
	 */
	public function __construct( private $activate_site, private readonly array $tables ) {}

	/**
	 * Hooks registration.
	 */
	public function register(): void {
		if ( ! is_multisite() ) {
			return;
		}
		// After core has created the new site's own tables and options (priority 10 and 20 in core).
		add_action( 'wp_initialize_site', array( $this, 'initialize_site' ), 200 );
		add_filter( 'wpmu_drop_tables', array( $this, 'drop_tables' ), 10, 2 );
	}

	/**
	 * Activation: on the current site, or on every site when network-activated.
	 *
	 * @param bool $network_wide Whether the plugin is being activated for the whole network.
	 */
	public function activate( bool $network_wide ): void {
		if ( ! $network_wide || ! is_multisite() ) {
			( $this->activate_site )();
			return;
		}
		foreach ( $this->site_ids() as $site_id ) {
			$this->on_site( $site_id, $this->activate_site );
		}
	}

	/**
	 * A site added to a network where the plugin is network-active gets its tables and capabilities at once.
	 *
	 * @param WP_Site $site The new site.
	 */
	public function initialize_site( WP_Site $site ): void {
		if ( ! $this->is_network_active() ) {
			return;
		}
		$this->on_site( (int) $site->blog_id, $this->activate_site );
	}

	/**
	 * Deleting a site drops its Countersign tables with core's.
	 *
	 * @param mixed $tables  Table names core is about to drop.
	 * @param mixed $site_id The site being deleted.
	 * @return array<int|string, string>
	 */
	public function drop_tables( mixed $tables, mixed $site_id = 0 ): array {
		global $wpdb;
		$tables = is_array( $tables ) ? $tables : array();
		$prefix = $wpdb->get_blog_prefix( (int) $site_id );
		foreach ( $this->tables as $table ) {
			$tables[ $table ] = $prefix . $table;
		}
		return $tables;
	}

	/**
	 * Every site id of the current network.
	 *
	 * @return list<int>
	 */
	public function site_ids(): array {
		if ( ! is_multisite() ) {
			return array( get_current_blog_id() );
		}
		$ids = get_sites(
			array(
				'fields'     => 'ids',
				'number'     => 0,
				'network_id' => get_current_network_id(),
			)
		);
		return array_values( array_map( 'intval', is_array( $ids ) ? $ids : array() ) );
	}

	/**
	 * Runs a callback with a site switched in, and switches back even if it throws.
	 *
	 * @param int              $site_id  Site.
	 * @param callable(): void $callback What to run there.
	 */
	public function on_site( int $site_id, callable $callback ): void {
		$switched = is_multisite() && get_current_blog_id() !== $site_id && switch_to_blog( $site_id );
		try {
			$callback();
		} finally {
			if ( $switched ) {
				restore_current_blog();
			}
		}
	}

	/**
	 * Whether the plugin is active for the whole network.
	 */
	private function is_network_active(): bool {
		if ( ! function_exists( 'is_plugin_active_for_network' ) ) {
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
		}
		return is_plugin_active_for_network( plugin_basename( PLUGIN_FILE ) );
	}
}
