<?php
/**
 * REST: usage.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Rest;

use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditExport;
use Countersign\Audit\Usage;
use Countersign\Policy\Capabilities;
use Countersign\Policy\Settings;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

/**
 * `GET /usage?from&to&agent`: per agent, per day, with totals. Reviewers (`countersign_review`) read the aggregate
 * counts the dashboard and queue header chart; the tokens each agent reported and their cost at the model prices
 * stay with administrators (`countersign_manage`), who set the budgets and prices. `GET /usage/export` gives the same
 * per-day rows as CSV, with the same columns for the same people.
 */
final class UsageController extends Controller {

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents Agents.
	 * @param Usage           $usage    Usage query.
	 * @param Settings        $settings Model prices and currency.
	 */
	public function __construct( AgentRepository $agents, private readonly Usage $usage, private readonly Settings $settings ) {
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
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/export',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( $this, 'export' ),
				'permission_callback' => array( $this, 'get_items_permissions_check' ),
			)
		);
		// The export's body is the CSV itself, not JSON.
		add_filter( 'rest_pre_serve_request', array( $this, 'serve_csv' ), 10, 4 );
	}

	/**
	 * GET /usage/export: one CSV row per agent per day, the columns the caller may read (tokens, cost and currency for
	 * administrators only), cells a spreadsheet will not run as formulas.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function export( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$report = $this->report( $request );
		if ( is_wp_error( $report ) ) {
			return $report;
		}
		$columns = array( 'agent_id', 'agent', 'day', 'requests', 'refusals', 'proposals', 'approvals', 'rejections', 'median_review_seconds' );
		if ( $report['tokens'] ) {
			$columns = array_merge( $columns, array( 'tokens_in', 'tokens_out', 'cost', 'currency' ) );
		}
		// phpcs:disable WordPress.WP.AlternativeFunctions -- an in-memory stream for fputcsv's quoting, not a file.
		$out = fopen( 'php://temp', 'w+b' );
		fputcsv( $out, $columns );
		foreach ( $report['agents'] as $row ) {
			foreach ( $row['days'] as $day ) {
				$values = array(
					'agent_id' => $row['agent']['id'],
					'agent'    => $row['agent']['label'],
					'currency' => $report['currency'] ?? '',
				) + $day;
				fputcsv( $out, array_map( fn( string $column ) => AuditExport::csv_cell( $values[ $column ] ?? '' ), $columns ) );
			}
		}
		rewind( $out );
		$csv = (string) stream_get_contents( $out );
		fclose( $out );
		// phpcs:enable
		$response = new WP_REST_Response( $csv );
		$response->header( 'Content-Type', 'text/csv; charset=utf-8' );
		$response->header( 'Content-Disposition', 'attachment; filename="countersign-usage-' . gmdate( 'Ymd' ) . '.csv"' );
		$response->header( 'X-Content-Type-Options', 'nosniff' );
		return $response;
	}

	/**
	 * `rest_pre_serve_request`: sends the export's CSV as the body, as it is.
	 *
	 * @param bool            $served  Whether the request was served already.
	 * @param mixed           $result  The response.
	 * @param WP_REST_Request $request Request.
	 * @param \WP_REST_Server $server  Server.
	 */
	public function serve_csv( $served, $result, $request, $server ): bool {
		if ( $served || ! $result instanceof WP_REST_Response || '/' . $this->namespace . '/' . $this->rest_base . '/export' !== $request->get_route() || 200 !== $result->get_status() || ! is_string( $result->get_data() ) ) {
			return (bool) $served;
		}
		echo $result->get_data(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a CSV download (text/csv, nosniff), its cells guarded against formulas.
		return true;
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
		$report = $this->report( $request );
		return is_wp_error( $report ) ? $report : rest_ensure_response( $report );
	}

	/**
	 * The usage report both routes answer from.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return array{from: string, to: string, tokens: bool, currency?: string, agents: list<array{agent: array{id: int, label: string, color: string}, days: list<array<string, mixed>>, totals: array<string, mixed>}>}|WP_Error
	 */
	private function report( WP_REST_Request $request ): array|WP_Error {
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
		$prices  = $tokens ? (array) $this->settings->get( 'model_prices' ) : null;
		foreach ( $this->usage->by_agent_and_day( $times['from'], $times['to'], $agent, $prices ) as $agent_id => $days ) {
			if ( ! $tokens ) {
				$days = array_map( fn( array $counters ) => array_diff_key( $counters, array_flip( array( 'tokens_in', 'tokens_out' ) ) ), $days );
			}
			$found  = $this->agents->find( $agent_id );
			$totals = array();
			foreach ( $days as $counters ) {
				foreach ( $counters as $key => $value ) {
					if ( 'cost' === $key ) {
						$totals[ $key ] = round( ( $totals[ $key ] ?? 0 ) + (float) $value, 6 );
					} elseif ( 'median_review_seconds' !== $key ) {
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
		return array(
			'from'   => $times['from'],
			'to'     => $times['to'],
			// Whether tokens_in / tokens_out and cost are included (administrators only).
			'tokens' => $tokens,
			'agents' => $rows,
		) + ( $tokens ? array( 'currency' => (string) $this->settings->get( 'currency' ) ) : array() );
	}
}
