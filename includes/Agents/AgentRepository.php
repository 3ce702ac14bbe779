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
 */
final class AgentRepository {

	public const META_KEY = 'countersign_agent';

	public const ROLES = array( 'contributor', 'author', 'editor' );

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
		if ( ! $this->is_agent( $user_id ) ) {
			return null;
		}
		$user = get_userdata( $user_id );
		if ( ! $user instanceof WP_User ) {
			return null;
		}
		$meta = json_decode( (string) get_user_meta( $user_id, self::META_KEY, true ), true );
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
			isset( $meta['auto_paused_at'] ) ? (string) $meta['auto_paused_at'] : null
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
	 *                                     monthly_token_budget.
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
			(int) ( $fields['monthly_token_budget'] ?? 0 )
		);
		$this->save( $agent );
		return $agent;
	}

	/**
	 * Stores the agent's record.
	 *
	 * @param Agent $agent Agent.
	 */
	public function save( Agent $agent ): void {
		update_user_meta( $agent->id, self::META_KEY, wp_slash( (string) wp_json_encode( $agent->meta() ) ) );
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
		$this->save( $agent->with( array( 'last_seen_at' => gmdate( 'Y-m-d\TH:i:s', $now ) ) ) );
	}
}
