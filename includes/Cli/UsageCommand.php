<?php
/**
 * `wp countersign usage`.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Cli;

/**
 * Per-agent usage totals. Needs `--user=` someone who may read usage.
 */
final class UsageCommand extends RestCommand {

	/**
	 * Totals per agent over a period: requests, refusals, proposals, approvals, rejections, tokens.
	 *
	 * ## OPTIONS
	 *
	 * [--from=<date>]
	 * : First day (UTC, YYYY-MM-DD); default 30 days ago.
	 *
	 * [--to=<date>]
	 * : Last day; default today.
	 *
	 * [--format=<format>]
	 * : table, json, csv or yaml.
	 * ---
	 * default: table
	 * ---
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function summary( array $args, array $assoc ): void {
		$usage  = $this->request( 'GET', '/usage', array_intersect_key( $assoc, array_flip( array( 'from', 'to' ) ) ) );
		$items  = array();
		$fields = array( 'agent_id', 'agent' );
		foreach ( (array) ( $usage['agents'] ?? array() ) as $row ) {
			$totals  = (array) ( $row['totals'] ?? array() );
			$fields  = array_values( array_unique( array_merge( $fields, array_keys( $totals ) ) ) );
			$items[] = array(
				'agent_id' => $row['agent']['id'] ?? 0,
				'agent'    => $row['agent']['label'] ?? '',
			) + $totals;
		}
		$items = array_map( fn( array $item ): array => $item + array_fill_keys( $fields, 0 ), $items );
		$this->output( $items, $fields, $assoc );
	}
}
