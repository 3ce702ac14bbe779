<?php
/**
 * Stores agents as WordPress users with a meta record.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Agents;

use WP_Error;
use WP_User;

/**
 * Reads and writes agents.
 *
 * An agent's record is one JSON user meta row that administrators on any server, auto-pause and the agent's own
 * requests (`last_seen_at`) change at once. So it is never read, changed and written back whole: each change sets
 * only its fields in one `UPDATE … SET meta_value = JSON_SET(…)` (a status change only from the statuses it may
 * leave, its row count saying whether it happened), and find() reads the row itself rather than a cached copy
 * another server may have left stale; every write then drops the user's meta from the object cache.
 */
final class AgentRepository {

	public const META_KEY = 'countersign_agent';

	public const ROLES = array( 'contributor', 'author', 'editor' );

	/** The record's fields (Agent::meta()). */
	public const FIELDS = array( 'label', 'description', 'color', 'preset', 'groups', 'autonomy', 'rate_limit', 'daily_proposal_budget', 'status', 'created_by', 'created_at', 'last_seen_at', 'monthly_proposal_budget', 'monthly_token_budget', 'auto_paused_at', 'monthly_spend_budget' );

	private const COLORS = array( '#3858e9', '#d63638', '#00a32a', '#b26200', '#8c1bab', '#007cba' );

	/**
	 * Constructor.
	 *
	 * @param Presets $presets Presets.
	 */
	public function __construct( private readonly Presets $presets ) {}

	/**
	 * Whether the user is an agent.
	 *
	 * @param int $user_id User id.
	 */
	public function is_agent( int $user_id ): bool {
		return $user_id > 0 && '' !== (string) get_user_meta( $user_id, self::META_KEY, true );
	}

	/**
	 * The agent behind a user id, or null for people.
	 *
	 * @param int $user_id User id.
	 */
	public function find( int $user_id ): ?Agent {
		global $wpdb;
		if ( $user_id <= 0 ) {
			return null;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the row itself: another server may have changed it since any cached copy.
		$record = $wpdb->get_var( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->usermeta} WHERE user_id = %d AND meta_key = %s ORDER BY umeta_id LIMIT 1", $user_id, self::META_KEY ) );
		$user   = null === $record || '' === $record ? null : get_userdata( $user_id );
		if ( ! $user instanceof WP_User ) {
			return null;
		}
		$meta = json_decode( (string) $record, true );
		$meta = is_array( $meta ) ? $meta : array();
		// The role core gives it now, even one an agent is not created with (a site owner may change it in core).
		$role = (string) ( array_values( array_intersect( self::ROLES, $user->roles ) )[0] ?? array_values( $user->roles )[0] ?? '' );
		return new Agent(
			$user_id,
			$user->user_login,
			$role,
			(string) ( $meta['label'] ?? $user->display_name ),
			(string) ( $meta['description'] ?? '' ),
			(string) ( $meta['color'] ?? self::COLORS[0] ),
			(string) ( $meta['preset'] ?? 'read_only' ),
			array_values( array_map( 'strval', (array) ( $meta['groups'] ?? array() ) ) ),
			(string) ( $meta['autonomy'] ?? 'supervised' ),
			(int) ( $meta['rate_limit'] ?? 60 ),
			(int) ( $meta['daily_proposal_budget'] ?? 100 ),
			(string) ( $meta['status'] ?? Agent::STATUS_ACTIVE ),
			(int) ( $meta['created_by'] ?? 0 ),
			(string) ( $meta['created_at'] ?? '' ),
			isset( $meta['last_seen_at'] ) ? (string) $meta['last_seen_at'] : null,
			(int) ( $meta['monthly_proposal_budget'] ?? 0 ),
			(int) ( $meta['monthly_token_budget'] ?? 0 ),
			isset( $meta['auto_paused_at'] ) ? (string) $meta['auto_paused_at'] : null,
			(int) ( $meta['monthly_spend_budget'] ?? 0 )
		);
	}

	/**
	 * Every agent, newest first.
	 *
	 * @return list<Agent>
	 */
	public function all(): array {
		$ids = get_users(
			array(
				'meta_key' => self::META_KEY, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- agents are few; the key is indexed.
				'fields'   => 'ID',
				'orderby'  => 'ID',
				'order'    => 'DESC',
			)
		);
		return array_values( array_filter( array_map( fn( $id ) => $this->find( (int) $id ), $ids ) ) );
	}

	/**
	 * Creates the agent's WordPress user and record.
	 *
	 * @param array<string, mixed> $fields Validated fields: label, role, preset, groups, description, color, autonomy,
	 *                                     rate_limit, daily_proposal_budget, monthly_proposal_budget,
	 *                                     monthly_token_budget, monthly_spend_budget.
	 * @return Agent|WP_Error
	 */
	public function create( array $fields ): Agent|WP_Error {
		$label = (string) $fields['label'];
		$base  = 'agent-' . ( sanitize_title( $label ) ? sanitize_title( $label ) : 'unnamed' );
		$login = substr( $base, 0, 50 );
		$n     = 1;
		while ( username_exists( $login ) ) {
			$login = substr( $base, 0, 45 ) . '-' . ( ++$n );
		}
		$user_id = wp_insert_user(
			array(
				'user_login'   => $login,
				'user_pass'    => wp_generate_password( 64, true, true ),
				'user_email'   => $login . '@agents.invalid',
				'display_name' => $label,
				'role'         => (string) $fields['role'],
			)
		);
		if ( is_wp_error( $user_id ) ) {
			return $user_id;
		}
		$count = count( $this->all() );
		$agent = new Agent(
			$user_id,
			$login,
			(string) $fields['role'],
			$label,
			(string) ( $fields['description'] ?? '' ),
			(string) ( $fields['color'] ?? self::COLORS[ $count % count( self::COLORS ) ] ),
			(string) $fields['preset'],
			$this->presets->groups( (string) $fields['preset'], (array) ( $fields['groups'] ?? array() ) ),
			(string) ( $fields['autonomy'] ?? 'supervised' ),
			(int) ( $fields['rate_limit'] ?? 60 ),
			(int) ( $fields['daily_proposal_budget'] ?? 100 ),
			Agent::STATUS_ACTIVE,
			get_current_user_id(),
			gmdate( 'Y-m-d\TH:i:s' ),
			null,
			(int) ( $fields['monthly_proposal_budget'] ?? 0 ),
			(int) ( $fields['monthly_token_budget'] ?? 0 ),
			null,
			(int) ( $fields['monthly_spend_budget'] ?? 0 )
		);
		update_user_meta( $agent->id, self::META_KEY, wp_slash( (string) wp_json_encode( $agent->meta() ) ) );
		return $agent;
	}

	/**
	 * Sets some fields of an agent's record, each on its own, in one statement. With $from, only while the agent's
	 * status is one of those (so a pause never undoes a revoke, and one auto-pause wins).
	 *
	 * @param int                  $agent_id Agent.
	 * @param array<string, mixed> $fields   Field => value (fields of Agent::meta()).
	 * @param list<string>         $from     Statuses the record may have; empty for any.
	 * @return bool Whether the record was changed.
	 */
	public function update_fields( int $agent_id, array $fields, array $from = array() ): bool {
		global $wpdb;
		$fields = array_intersect_key( $fields, array_flip( self::FIELDS ) );
		if ( ! $fields ) {
			return false;
		}
		$paths = array();
		$args  = array();
		foreach ( $fields as $field => $value ) {
			$paths[] = '%s, JSON_EXTRACT(%s, \'$\')';
			$args[]  = '$.' . $field;
			$args[]  = (string) wp_json_encode( $value );
		}
		$args[] = $agent_id;
		$args[] = self::META_KEY;
		$where  = '';
		if ( $from ) {
			$where = ' AND JSON_VALUE(meta_value, \'$.status\') IN (' . implode( ', ', array_fill( 0, count( $from ), '%s' ) ) . ')';
			$args  = array_merge( $args, $from );
		}
		$sql = "UPDATE {$wpdb->usermeta} SET meta_value = JSON_SET(meta_value, " . implode( ', ', $paths ) . ") WHERE user_id = %d AND meta_key = %s{$where}";
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders -- one fixed placeholder pair per field and status, every value passed to prepare(); one statement, so no field is read back stale.
		$changed = (int) $wpdb->query( $wpdb->prepare( $sql, $args ) );
		wp_cache_delete( $agent_id, 'user_meta' );
		return $changed > 0;
	}

	/**
	 * Notes that the agent made a request; written at most once a minute to keep requests cheap.
	 *
	 * @param Agent $agent Agent.
	 */
	public function touch( Agent $agent ): void {
		$now = time();
		if ( null !== $agent->last_seen_at && $now - (int) strtotime( $agent->last_seen_at . 'Z' ) < MINUTE_IN_SECONDS ) {
			return;
		}
		$this->update_fields( $agent->id, array( 'last_seen_at' => gmdate( 'Y-m-d\TH:i:s', $now ) ) );
	}
}
