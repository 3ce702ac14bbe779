<?php
/**
 * REST: usage.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\Usage;
use Countersign\Policy\Capabilities;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET /usage?from&to&agent`: per agent, per day, with totals. Reviewers (`countersign_review`) read the aggregate
 * counts the dashboard and queue header chart; the tokens each agent reported stay with administrators
 * (`countersign_manage`), who set the token budgets.
 */
final class UsageController extends Controller {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 * @param Usage           $usage  Usage query.
	 */
	public function __construct( AgentRepository $agents, private readonly Usage $usage ) {
		parent::__construct( $agents );
		$this->rest_base = 'usage';
	}

	/**
	 * Registers the route.
	 */
	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'get_items' ),
				'permission_callback' => array( $this, 'get_items_permissions_check' ),
			)
		);
	}

	/**
	 * Reviewers and administrators (never agents).
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public function get_items_permissions_check( $request ): true|WP_Error {
		return current_user_can( Capabilities::MANAGE ) ? true : $this->require_cap( Capabilities::REVIEW );
	}

	/**
	 * GET /usage.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function get_items( $request ): WP_REST_Response|WP_Error {
		$times = array();
		foreach ( array(
			'from' => '-29 days 00:00:00',
			'to'   => 'now',
		) as $name => $default ) {
			$value = $request->get_param( $name );
			$time  = is_string( $value ) ? strtotime( $value ) : ( null === $value ? strtotime( $default ) : false );
			if ( false === $time ) {
				/* translators: %s: parameter. */
				return $this->invalid( $name, sprintf( __( '%s must be a date.', 'countersign' ), $name ) );
			}
			$times[ $name ] = gmdate( 'Y-m-d H:i:s', $time );
		}
		$agent = $this->int_param( $request, 'agent' );
		if ( is_wp_error( $agent ) ) {
			return $agent;
		}
		$rows    = array();
		$tokens  = current_user_can( Capabilities::MANAGE );
		$medians = $this->usage->median_review_by_agent( $times['from'], $times['to'], $agent );
		foreach ( $this->usage->by_agent_and_day( $times['from'], $times['to'], $agent ) as $agent_id => $days ) {
			if ( ! $tokens ) {
				$days = array_map( fn( array $counters ) => array_diff_key( $counters, array_flip( array( 'tokens_in', 'tokens_out' ) ) ), $days );
			}
			$found  = $this->agents->find( $agent_id );
			$totals = array();
			foreach ( $days as $counters ) {
				foreach ( $counters as $key => $value ) {
					if ( 'median_review_seconds' !== $key ) {
						$totals[ $key ] = ( $totals[ $key ] ?? 0 ) + (int) $value;
					}
				}
			}
			$rows[] = array(
				'agent'  => array(
					'id'    => $agent_id,
					'label' => $found ? $found->label : sprintf( /* translators: %d: user id. */ __( 'Deleted agent #%d', 'countersign' ), $agent_id ),
					'color' => $found ? $found->color : '#757575',
				),
				'days'   => array_map( fn( string $day, array $counters ) => array( 'day' => $day ) + $counters, array_keys( $days ), array_values( $days ) ),
				'totals' => $totals + array( 'median_review_seconds' => $medians[ $agent_id ] ?? null ),
			);
		}
		return rest_ensure_response(
			array(
				'from'   => $times['from'],
				'to'     => $times['to'],
				// Whether tokens_in / tokens_out are included (administrators only).
				'tokens' => $tokens,
				'agents' => $rows,
			)
		);
	}
}
