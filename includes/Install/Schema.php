<?php
/**
 * The plugin's own tables.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Install;

use Countersign\Audit\AuditHead;
use Countersign\Audit\AuditVerifier;
use Countersign\Policy\Settings;
use Countersign\Support\Database;
use wpdb;

/**
 * Creates and upgrades the tables with dbDelta. Names carry the site's prefix, so each site of a network has its own.
 *
 * Like core's own tables, each is also a property of `$wpdb` (`$wpdb->countersign_audit`), kept current when a network
 * switches sites, so queries name it as `{$wpdb->countersign_audit}` the way they name `{$wpdb->posts}`.
 */
final class Schema {

	public const SCHEMA_VERSION = 6; // 2: counters.hits is bigint (token meters). 3: settings rows not autoloaded. 4: the audit head is anchored. 5: staged uploads. 6: audit.canonical.
	public const VERSION_OPTION = 'countersign_schema_version';
	public const BACKUPS        = 'countersign_backups';
	public const AUDIT          = 'countersign_audit';
	public const COUNTERS       = 'countersign_counters';
	public const UPLOADS        = 'countersign_uploads';
	public const UPLOAD_CHUNKS  = 'countersign_upload_chunks';

	/** Every table, in the order they are created. */
	public const TABLES = array( self::BACKUPS, self::AUDIT, self::COUNTERS, self::UPLOADS, self::UPLOAD_CHUNKS );

	/** The background job (a single WP-Cron event) that gives a long audit log its stored canonical column. */
	public const CANONICAL_HOOK = 'countersign_audit_canonical';

	/**
	 * An audit log of up to this many rows gets the column in the request that upgrades (its copy takes well under a
	 * second); a longer one in the background job, since the copy takes about 25 s per million rows and blocks audit
	 * appends meanwhile.
	 */
	public const INLINE_CANONICAL_ROWS = 20000;

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb The WordPress database object.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * Names the tables on `$wpdb` now and again whenever a network switches to another site.
	 */
	public function register(): void {
		$this->name_tables();
		add_action( 'switch_blog', array( $this, 'name_tables' ) );
		add_action( self::CANONICAL_HOOK, array( $this, 'add_canonical' ) );
	}

	/**
	 * Sets `$wpdb->countersign_backups`, `->countersign_audit`, `->countersign_counters` and the uploads tables for the
	 * current site.
	 */
	public function name_tables(): void {
		foreach ( self::TABLES as $table ) {
			$this->wpdb->$table = $this->table( $table );
		}
	}

	/**
	 * A table's full name for the current site.
	 *
	 * @param string $table One of the constants above.
	 */
	public function table( string $table ): string {
		return $this->wpdb->prefix . $table;
	}

	/**
	 * Creates or upgrades every table when the stored schema version is older than this code's.
	 */
	public function maybe_install(): void {
		if ( (int) get_option( self::VERSION_OPTION, 0 ) >= self::SCHEMA_VERSION ) {
			return;
		}
		$this->install();
	}

	/**
	 * Runs dbDelta for every table.
	 */
	public function install(): void {
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $this->wpdb->get_charset_collate();
		$backups = $this->table( self::BACKUPS );
		$audit   = $this->table( self::AUDIT );
		$counter = $this->table( self::COUNTERS );
		$uploads = $this->table( self::UPLOADS );
		$chunks  = $this->table( self::UPLOAD_CHUNKS );

		dbDelta(
			"CREATE TABLE {$backups} (
				id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				post_id bigint(20) unsigned NOT NULL,
				proposal_id bigint(20) unsigned NOT NULL DEFAULT 0,
				created_at datetime(6) NOT NULL,
				created_by bigint(20) unsigned NOT NULL DEFAULT 0,
				reason varchar(64) NOT NULL DEFAULT '',
				snapshot longtext NOT NULL,
				sha256 char(64) NOT NULL,
				PRIMARY KEY  (id),
				KEY post_id (post_id, id),
				KEY proposal_id (proposal_id)
			) ENGINE=InnoDB {$charset};"
		);
		dbDelta(
			"CREATE TABLE {$audit} (
				id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				created_at datetime(6) NOT NULL,
				actor_type varchar(16) NOT NULL,
				actor_id bigint(20) unsigned NOT NULL DEFAULT 0,
				agent_id bigint(20) unsigned NOT NULL DEFAULT 0,
				action varchar(64) NOT NULL,
				object_type varchar(32) NOT NULL DEFAULT '',
				object_id bigint(20) unsigned NOT NULL DEFAULT 0,
				proposal_id bigint(20) unsigned NOT NULL DEFAULT 0,
				outcome varchar(32) NOT NULL DEFAULT '',
				ip varchar(45) NOT NULL DEFAULT '',
				request_id char(36) NOT NULL DEFAULT '',
				details text NOT NULL,
				prev_hash char(64) NOT NULL,
				hash char(64) NOT NULL,
				PRIMARY KEY  (id),
				KEY agent_id (agent_id, id),
				KEY action (action, id),
				KEY proposal_id (proposal_id),
				KEY created_at (created_at)
			) ENGINE=InnoDB {$charset};"
		);
		$this->canonical_now_or_later( $audit );
		dbDelta(
			"CREATE TABLE {$counter} (
				counter_key varchar(191) NOT NULL,
				window_start bigint(20) unsigned NOT NULL,
				hits bigint(20) unsigned NOT NULL DEFAULT 0,
				PRIMARY KEY  (counter_key, window_start)
			) ENGINE=InnoDB {$charset};"
		);
		// Staged uploads live in the database, not on one web server's disk: every server can show and apply them,
		// and no URL the web server serves reaches them. The bytes are kept in chunks so that no statement comes near
		// max_allowed_packet.
		dbDelta(
			"CREATE TABLE {$uploads} (
				id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				ref char(42) NOT NULL,
				agent_id bigint(20) unsigned NOT NULL,
				proposal_id bigint(20) unsigned NOT NULL DEFAULT 0,
				name varchar(255) NOT NULL,
				mime varchar(100) NOT NULL,
				size bigint(20) unsigned NOT NULL,
				width int(10) unsigned NOT NULL DEFAULT 0,
				height int(10) unsigned NOT NULL DEFAULT 0,
				sha256 char(64) NOT NULL,
				created_at datetime NOT NULL,
				PRIMARY KEY  (id),
				UNIQUE KEY ref (ref),
				KEY agent_id (agent_id),
				KEY proposal_id (proposal_id)
			) ENGINE=InnoDB {$charset};"
		);
		dbDelta(
			"CREATE TABLE {$chunks} (
				upload_id bigint(20) unsigned NOT NULL,
				seq int(10) unsigned NOT NULL,
				data longblob NOT NULL,
				PRIMARY KEY  (upload_id, seq)
			) ENGINE=InnoDB;"
		);
		// The settings and the kill switch are read from their own rows, never through `alloptions` (one cache entry
		// every web server rewrites whole); rows an older version autoloaded leave it.
		$wpdb = $this->wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a one-off upgrade of two rows; alloptions is dropped below.
		$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->options} SET autoload = 'off' WHERE option_name IN (%s, %s)", Settings::OPTION, Settings::KILL_SWITCH ) );
		wp_cache_delete( 'alloptions', 'options' );
		// A log kept before heads were anchored gets its head from its newest row.
		( new AuditHead( new Database( $this->wpdb ) ) )->seed();
		update_option( self::VERSION_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * Gives a short audit log its stored canonical column now (add_canonical()), and a long one in the background
	 * job: on a site that has just been updated, every request of every web server runs the installer until one of
	 * them records the new version, and the copy of a million rows took every page view with it for half a minute.
	 *
	 * @param string $audit The audit table.
	 */
	private function canonical_now_or_later( string $audit ): void {
		$wpdb = $this->wpdb;
		if ( AuditVerifier::stored_canonical( $wpdb, $audit ) ) {
			return;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- reads the primary key's first rows only; the table name is the plugin's own.
		$long = null !== $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$audit} ORDER BY id LIMIT 1 OFFSET %d", self::INLINE_CANONICAL_ROWS ) );
		if ( ! $long ) {
			$this->add_canonical();
		} elseif ( ! wp_next_scheduled( self::CANONICAL_HOOK ) ) {
			wp_schedule_single_event( time(), self::CANONICAL_HOOK );
		}
	}

	/**
	 * Gives the audit table its stored generated column of each row's canonical JSON (see
	 * AuditVerifier::CANONICAL_SQL): MariaDB fills it for the rows already there and keeps it for every row written
	 * or changed later; nothing in PHP writes it. It stays out of the dbDelta statement, which would not tell its
	 * expression from another, and dbDelta leaves columns it is not given alone. A column of that name that is not
	 * generated by the expected expression (verification does not read such a column) is replaced.
	 *
	 * One process at a time (a named lock, which a process that dies releases): another that finds it held leaves
	 * the work to its holder. The table is copied once; reads go on meanwhile, audit appends wait for the copy.
	 * Until the column is there, verification builds each row's string in its query, which gives the same answer.
	 * The background job and the daily job call it too.
	 *
	 * @return bool Whether the column is there, generated as expected.
	 */
	public function add_canonical(): bool {
		$wpdb   = $this->wpdb;
		$audit  = $this->table( self::AUDIT );
		$column = AuditVerifier::CANONICAL_COLUMN;
		if ( AuditVerifier::stored_canonical( $wpdb, $audit ) ) {
			return true;
		}
		$db = new Database( $wpdb );
		if ( ! $db->lock( 'schema.canonical', 0 ) ) {
			return false;
		}
		try {
			if ( AuditVerifier::stored_canonical( $wpdb, $audit ) ) {
				return true;
			}
			// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- a schema change (DDL takes no placeholders); names and the expression are constants.
			$exists = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s AND COLUMN_NAME = %s', $audit, $column ) );
			// One ALTER TABLE: the table is copied once, and no moment sees it without the column.
			$wpdb->query( "ALTER TABLE {$audit} " . ( $exists > 0 ? "DROP COLUMN {$column}, " : '' ) . "ADD COLUMN {$column} mediumtext AS (" . AuditVerifier::CANONICAL_SQL . ') STORED' );
			// phpcs:enable
			return AuditVerifier::stored_canonical( $wpdb, $audit );
		} finally {
			$db->unlock( 'schema.canonical' );
		}
	}
}
