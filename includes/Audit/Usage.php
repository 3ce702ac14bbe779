<?php
/**
 * Per-agent usage, by day, from the audit log.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Audit;

use Countersign\Proposals\ProposalPostType;
use Countersign\Proposals\StateMachine;
use wpdb;

/**
 * Requests, refusals, proposals, approvals, rejections, tokens and median time to review, per agent per UTC day.
 * Everything comes from the audit log, so usage and the record of what happened can never disagree.
 */
final class Usage {

	/**
	 * Constructor.
	 *
	 * @param wpdb $wpdb Database, with the table names Schema gave it.
	 */
	public function __construct( private readonly wpdb $wpdb ) {}

	/**
	 * Usage between two UTC times.
	 *
	 * @param string                    $from  'Y-m-d H:i:s'.
	 * @param string                    $to    'Y-m-d H:i:s'.
	 * @param int|null                  $agent  Only this agent.
	 * @param array<string, float>|null $prices Model => price per million tokens: adds each day's `cost` (tokens
	 *                                          of each model reported in `source.model` at its price; a model without
	 *                                          a price costs nothing).
	 * @return array<int, array<string, array<string, int|float|null>>> agent id => day => counters.
	 */
	public function by_agent_and_day( string $from, string $to, ?int $agent, ?array $prices = null ): array {
		$wpdb   = $this->wpdb;
		$agent  = $agent ?? 0; // 0: every agent (the constant test folds away before the query runs).
		$counts = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT agent_id, DATE(created_at) AS day,
					SUM(action = 'request') AS requests,
					SUM(action = 'request' AND outcome = 'refused') AS refusals,
					SUM(action = 'proposal.submitted') AS proposals,
					SUM(action IN ('proposal.approved', 'proposal.auto_applied')) AS approvals,
					SUM(action = 'proposal.rejected') AS rejections,
					SUM(IF(action = 'proposal.submitted', CAST(COALESCE(JSON_VALUE(details, '$.source.tokens_in'), 0) AS UNSIGNED), 0)) AS tokens_in,
					SUM(IF(action = 'proposal.submitted', CAST(COALESCE(JSON_VALUE(details, '$.source.tokens_out'), 0) AS UNSIGNED), 0)) AS tokens_out
				FROM {$wpdb->countersign_audit}
				WHERE agent_id > 0 AND created_at >= %s AND created_at < DATE_ADD(%s, INTERVAL 1 SECOND) AND (%d = 0 OR agent_id = %d)
				GROUP BY agent_id, day
				ORDER BY day ASC",
				$from,
				$to,
				$agent,
				$agent
			),
			ARRAY_A
		);
		$waits  = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT d.agent_id, DATE(d.created_at) AS day, TIMESTAMPDIFF(SECOND, s.created_at, d.created_at) AS seconds
				FROM {$wpdb->countersign_audit} d JOIN {$wpdb->countersign_audit} s ON s.proposal_id = d.proposal_id AND s.action = 'proposal.submitted'
				WHERE d.action IN ('proposal.approved', 'proposal.rejected') AND d.agent_id > 0 AND d.created_at >= %s AND d.created_at < DATE_ADD(%s, INTERVAL 1 SECOND) AND (%d = 0 OR d.agent_id = %d)",
				$from,
				$to,
				$agent,
				$agent
			),
			ARRAY_A
		);
		$usage  = array();
		foreach ( $counts as $row ) {
			$usage[ (int) $row['agent_id'] ][ (string) $row['day'] ] = array(
				'requests'              => (int) $row['requests'],
				'refusals'              => (int) $row['refusals'],
				'proposals'             => (int) $row['proposals'],
				'approvals'             => (int) $row['approvals'],
				'rejections'            => (int) $row['rejections'],
				'tokens_in'             => (int) $row['tokens_in'],
				'tokens_out'            => (int) $row['tokens_out'],
				'median_review_seconds' => null,
			);
		}
		if ( null !== $prices ) {
			foreach ( $this->tokens_by_model( $from, $to, $agent ) as $row ) {
				$day = (string) $row['day'];
				if ( isset( $usage[ (int) $row['agent_id'] ][ $day ] ) ) {
					$cost = (float) $row['tokens'] * (float) ( $prices[ (string) $row['model'] ] ?? 0 ) / 1000000;
					$usage[ (int) $row['agent_id'] ][ $day ]['cost'] = round( (float) ( $usage[ (int) $row['agent_id'] ][ $day ]['cost'] ?? 0 ) + $cost, 6 );
				}
			}
			foreach ( $usage as $agent_id => $days ) {
				foreach ( array_keys( $days ) as $day ) {
					$usage[ $agent_id ][ $day ]['cost'] ??= 0.0;
				}
			}
		}
		$grouped = array();
		foreach ( $waits as $row ) {
			$grouped[ (int) $row['agent_id'] ][ (string) $row['day'] ][] = (int) $row['seconds'];
		}
		foreach ( $grouped as $agent_id => $days ) {
			foreach ( $days as $day => $seconds ) {
				if ( isset( $usage[ $agent_id ][ $day ] ) ) {
					$usage[ $agent_id ][ $day ]['median_review_seconds'] = self::median( $seconds );
				}
			}
		}
		return $usage;
	}

	/**
	 * Tokens reported per agent, day and model (`source.model` of each submitted proposal).
	 *
	 * @param string $from  'Y-m-d H:i:s'.
	 * @param string $to    'Y-m-d H:i:s'.
	 * @param int    $agent Only this agent (0: every agent).
	 * @return list<array{agent_id: string, day: string, model: string, tokens: string}>
	 */
	private function tokens_by_model( string $from, string $to, int $agent ): array {
		$wpdb = $this->wpdb;
		$rows = (array) $wpdb->get_results(
			$wpdb->prepare(
				"SELECT agent_id, DATE(created_at) AS day, COALESCE(JSON_VALUE(details, '$.source.model'), '') AS model,
					SUM(CAST(COALESCE(JSON_VALUE(details, '$.source.tokens_in'), 0) AS UNSIGNED) + CAST(COALESCE(JSON_VALUE(details, '$.source.tokens_out'), 0) AS UNSIGNED)) AS tokens
				FROM {$wpdb->countersign_audit}
				WHERE action = 'proposal.submitted' AND agent_id > 0 AND created_at >= %s AND created_at < DATE_ADD(%s, INTERVAL 1 SECOND) AND (%d = 0 OR agent_id = %d)
				GROUP BY agent_id, day, model",
				$from,
				$to,
				$agent,
				$agent
			),
			ARRAY_A
		);
		return $rows;
	}

	/**
	 * For the Agents screen: each agent's requests today (UTC) and proposals waiting for a reviewer, in two
	 * grouped queries.
	 *
	 * @return array<int, array{requests_today: int, pending_proposals: int}>
	 */
	public function activity_today(): array {
		$wpdb     = $this->wpdb;
		$activity = array();
		$requests = $wpdb->get_results( $wpdb->prepare( "SELECT agent_id, COUNT(*) AS n FROM {$wpdb->countersign_audit} WHERE action = %s AND created_at >= %s GROUP BY agent_id", 'request', gmdate( 'Y-m-d 00:00:00' ) ) );
		$pending  = $wpdb->get_results( $wpdb->prepare( "SELECT post_author AS agent_id, COUNT(*) AS n FROM {$wpdb->posts} WHERE post_type = %s AND post_status = %s GROUP BY post_author", ProposalPostType::SLUG, StateMachine::PENDING ) );
		foreach ( array(
			'requests_today'    => $requests,
			'pending_proposals' => $pending,
		) as $key => $rows ) {
			foreach ( (array) $rows as $row ) {
				$id                      = (int) $row->agent_id;
				$activity[ $id ]       ??= array(
					'requests_today'    => 0,
					'pending_proposals' => 0,
				);
				$activity[ $id ][ $key ] = (int) $row->n;
			}
		}
		return $activity;
	}

	/**
	 * The median time to review per agent over the whole range (the per-day medians cannot be combined).
	 *
	 * @param string   $from  'Y-m-d H:i:s'.
	 * @param string   $to    'Y-m-d H:i:s'.
	 * @param int|null $agent Only this agent.
	 * @return array<int, float> agent id => seconds, for agents with decisions in the range.
	 */
	public function median_review_by_agent( string $from, string $to, ?int $agent ): array {
		$wpdb    = $this->wpdb;
		$agent   = $agent ?? 0; // 0: every agent.
		$waits   = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT d.agent_id, TIMESTAMPDIFF(SECOND, s.created_at, d.created_at) AS seconds
				FROM {$wpdb->countersign_audit} d JOIN {$wpdb->countersign_audit} s ON s.proposal_id = d.proposal_id AND s.action = 'proposal.submitted'
				WHERE d.action IN ('proposal.approved', 'proposal.rejected') AND d.agent_id > 0 AND d.created_at >= %s AND d.created_at < DATE_ADD(%s, INTERVAL 1 SECOND) AND (%d = 0 OR d.agent_id = %d)",
				$from,
				$to,
				$agent,
				$agent
			),
			ARRAY_A
		);
		$grouped = array();
		foreach ( $waits as $row ) {
			$grouped[ (int) $row['agent_id'] ][] = (int) $row['seconds'];
		}
		return array_map( array( self::class, 'median' ), $grouped );
	}

	/**
	 * The median of a list of numbers.
	 *
	 * @param list<int> $values Values.
	 */
	public static function median( array $values ): float {
		sort( $values );
		$count  = count( $values );
		$middle = intdiv( $count, 2 );
		return 0 === $count % 2 ? ( $values[ $middle - 1 ] + $values[ $middle ] ) / 2 : (float) $values[ $middle ];
	}
}
