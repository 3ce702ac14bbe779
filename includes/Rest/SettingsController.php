<?php
/**
 * REST: site settings and the kill switch.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditLog;
use Countersign\Limits\RateLimiter;
use Countersign\Policy\Capabilities;
use Countersign\Policy\Settings;
use Countersign\Proposals\ChangeSet;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET/PUT /settings` for `countersign_manage`. PUT takes any subset; every change is audited with before and after.
 */
final class SettingsController extends Controller {

	/** Integer settings and their bounds. */
	private const INTS = array(
		'ip_rate_limit'                   => array( 0, 100000 ),
		'rate_limit_window'               => RateLimiter::WINDOW_BOUNDS,
		'default_rate_limit'              => array( 1, 100000 ),
		'default_daily_proposal_budget'   => array( 0, 100000 ),
		'backup_retention'                => array( 1, 1000 ),
		'quorum'                          => array( 1, 5 ),
		'audit_retention_days'            => array( 0, 36500 ),
		'proposal_expiry_days'            => array( 0, 3650 ),
		'default_monthly_proposal_budget' => array( 0, 10000000 ),
		'default_monthly_token_budget'    => array( 0, PHP_INT_MAX ),
		'default_monthly_spend_budget'    => array( 0, 1000000000000 ),
		'auto_pause_refusals'             => array( 0, 100000 ),
		'auto_pause_minutes'              => array( 1, 1440 ),
		'media_max_upload_mb'             => array( 1, 1024 ),
		'media_base64_max_kb'             => array( 1, 16384 ),
		'media_staged_quota_mb'           => array( 1, 102400 ),
		'media_max_megapixels'            => array( 1, 1000 ),
	);

	/** Boolean settings. */
	private const BOOLS = array( 'kill_switch', 'level5_enabled', 'notifications', 'keep_audit_on_uninstall' );

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents   Agents.
	 * @param Settings        $settings Settings.
	 * @param AuditLog        $audit    Audit.
	 */
	public function __construct( AgentRepository $agents, private readonly Settings $settings, private readonly AuditLog $audit ) {
		parent::__construct( $agents );
		$this->rest_base = 'settings';
	}

	/**
	 * Registers the route.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
				),
				array(
					'methods'             => WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => array( $this, 'update_item_permissions_check' ),
				),
			)
		);
	}

	/**
	 * `countersign_manage` only.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_item_permissions_check( $request ): true|WP_Error {
		return $this->require_cap( Capabilities::MANAGE );
	}

	/**
	 * `countersign_manage` only.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function update_item_permissions_check( $request ): true|WP_Error {
		return $this->require_cap( Capabilities::MANAGE );
	}

	/**
	 * How many people (agents are not people) may review proposals, counted up to `$enough`.
	 *
	 * @param int $enough Stop counting here.
	 */
	private static function reviewers( int $enough ): int {
		$users = get_users(
			array(
				'capability' => Capabilities::REVIEW,
				'number'     => $enough,
				'fields'     => 'ID',
				// phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query -- a settings save, not a page view.
				'meta_query' => array(
					array(
						'key'     => AgentRepository::META_KEY,
						'compare' => 'NOT EXISTS',
					),
				),
			)
		);
		return count( $users );
	}

	/**
	 * GET /settings.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public function get_item( $request ): WP_REST_Response {
		return rest_ensure_response( $this->shape( $this->settings->all() ) );
	}

	/**
	 * PUT /settings.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function update_item( $request ): WP_REST_Response|WP_Error {
		$input = $request->get_json_params() ?? $request->get_body_params();
		if ( ! is_array( $input ) || array() === $input ) {
			return $this->invalid( 'body', __( 'Send at least one setting.', 'countersign' ) );
		}
		$values = array();
		foreach ( $input as $key => $value ) {
			$key = (string) $key;
			if ( in_array( $key, self::BOOLS, true ) ) {
				if ( ! is_bool( $value ) ) {
					/* translators: %s: setting. */
					return $this->invalid( $key, sprintf( __( '%s must be true or false.', 'countersign' ), $key ) );
				}
				$values[ $key ] = $value;
			} elseif ( isset( self::INTS[ $key ] ) ) {
				list( $min, $max ) = self::INTS[ $key ];
				if ( ! is_int( $value ) || $value < $min || $value > $max ) {
					/* translators: 1: setting, 2: minimum, 3: maximum. */
					return $this->invalid( $key, sprintf( __( '%1$s must be an integer from %2$d to %3$d.', 'countersign' ), $key, $min, $max ) );
				}
				$values[ $key ] = $value;
			} elseif ( 'notification_mode' === $key ) {
				if ( ! in_array( $value, Settings::NOTIFICATION_MODES, true ) ) {
					return $this->invalid( $key, __( 'notification_mode must be immediate or digest.', 'countersign' ) );
				}
				$values[ $key ] = $value;
			} elseif ( 'model_prices' === $key ) {
				$prices = $this->validate_prices( $value );
				if ( is_wp_error( $prices ) ) {
					return $prices;
				}
				$values[ $key ] = $prices;
			} elseif ( 'currency' === $key ) {
				if ( ! is_string( $value ) || ! preg_match( '/^[A-Z]{3}$/', $value ) ) {
					return $this->invalid( $key, __( 'currency must be a three-letter ISO 4217 code such as USD or EUR.', 'countersign' ) );
				}
				$values[ $key ] = $value;
			} elseif ( 'risk_overrides' === $key ) {
				$overrides = $this->validate_overrides( $value );
				if ( is_wp_error( $overrides ) ) {
					return $overrides;
				}
				$values[ $key ] = $overrides;
			} else {
				/* translators: %s: setting. */
				return $this->invalid( $key, sprintf( __( '%s is not a Countersign setting.', 'countersign' ), $key ) );
			}
		}
		if ( isset( $values['quorum'] ) && $values['quorum'] > 1 ) {
			$reviewers = self::reviewers( $values['quorum'] );
			if ( $reviewers < $values['quorum'] ) {
				return $this->invalid(
					'quorum',
					/* translators: 1: how many people may review, 2: the quorum asked for. */
					sprintf( _n( 'Only %1$d person may review proposals on this site; a quorum of %2$d would block every approval.', 'Only %1$d people may review proposals on this site; a quorum of %2$d would block every approval.', $reviewers, 'countersign' ), $reviewers, $values['quorum'] )
				);
			}
		}
		$before = $this->settings->all();
		if ( ! $this->settings->update( $values ) ) {
			return new WP_Error( 'countersign_invalid_state', __( 'Another settings change is in progress; try again.', 'countersign' ), array( 'status' => 409 ) );
		}
		$after = $this->settings->all();
		if ( array_key_exists( 'kill_switch', $values ) && $before['kill_switch'] !== $after['kill_switch'] ) {
			$this->audit->append( $after['kill_switch'] ? 'kill_switch.on' : 'kill_switch.off', array( 'object_type' => 'settings' ) );
		}
		$changed = array_keys( array_filter( $values, fn( $value, $key ) => 'kill_switch' !== $key && $before[ $key ] !== $after[ $key ], ARRAY_FILTER_USE_BOTH ) );
		if ( $changed ) {
			$this->audit->append(
				'settings.updated',
				array(
					'object_type' => 'settings',
					'details'     => array(
						'before' => array_intersect_key( $before, array_flip( $changed ) ),
						'after'  => array_intersect_key( $after, array_flip( $changed ) ),
					),
				)
			);
		}
		return rest_ensure_response( $this->shape( $after ) );
	}

	/**
	 * Risk overrides may only raise a field's level, to at most 4.
	 *
	 * @param mixed $value Raw overrides.
	 * @return array<string, int>|WP_Error
	 */
	private function validate_overrides( mixed $value ): array|WP_Error {
		if ( ! is_array( $value ) || ( array() !== $value && array_is_list( $value ) ) ) {
			return $this->invalid( 'risk_overrides', __( 'risk_overrides must be an object of field => level.', 'countersign' ) );
		}
		$overrides = array();
		foreach ( $value as $field => $level ) {
			if ( ! in_array( (string) $field, ChangeSet::FIELDS, true ) ) {
				/* translators: %s: field. */
				return $this->invalid( "risk_overrides.{$field}", sprintf( __( '%s is not a change-set field.', 'countersign' ), $field ) );
			}
			if ( ! is_int( $level ) || $level < 2 || $level > 4 ) {
				return $this->invalid( "risk_overrides.{$field}", __( 'An override is a level from 2 to 4; levels can be raised, never lowered.', 'countersign' ) );
			}
			$overrides[ (string) $field ] = $level;
		}
		return $overrides;
	}

	/**
	 * Model prices: an object of model name (as agents report it in source.model) => price per million tokens.
	 *
	 * @param mixed $value Raw prices.
	 * @return array<string, float>|WP_Error
	 */
	private function validate_prices( mixed $value ): array|WP_Error {
		if ( ! is_array( $value ) || ( array() !== $value && array_is_list( $value ) ) || count( $value ) > 200 ) {
			return $this->invalid( 'model_prices', __( 'model_prices must be an object of model name => price per million tokens (at most 200 models).', 'countersign' ) );
		}
		$prices = array();
		foreach ( $value as $model => $price ) {
			$model = (string) $model;
			if ( '' === trim( $model ) || mb_strlen( $model ) > 100 || sanitize_text_field( $model ) !== $model ) {
				return $this->invalid( "model_prices.{$model}", __( 'A model name is plain text of 1 to 100 characters, as agents report it in source.model.', 'countersign' ) );
			}
			if ( ! ( is_int( $price ) || is_float( $price ) ) || $price < 0 || $price > 100000 || ! is_finite( (float) $price ) ) {
				return $this->invalid( "model_prices.{$model}", __( 'A price is a number from 0 to 100000 (per million tokens).', 'countersign' ) );
			}
			$prices[ $model ] = (float) $price;
		}
		return $prices;
	}

	/**
	 * Settings as the API shows them (objects stay objects in JSON).
	 *
	 * @param array<string, mixed> $settings Settings.
	 * @return array<string, mixed>
	 */
	private function shape( array $settings ): array {
		$settings['risk_overrides'] = (object) $settings['risk_overrides'];
		$settings['model_prices']   = (object) $settings['model_prices'];
		return $settings;
	}
}
