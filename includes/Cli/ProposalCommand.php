<?php
/**
 * `wp countersign proposal`.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Cli;

use WP_CLI;

/**
 * Lists, shows, approves and rejects proposals. Needs `--user=` a reviewer: approvals go through the same
 * permission checks, Gate and Applier (lock, backup, audit) as in the editor.
 */
final class ProposalCommand extends RestCommand {

	/**
	 * Lists proposals the user may review.
	 *
	 * ## OPTIONS
	 *
	 * [--status=<status>]
	 * : Comma-separated: pending, applied, rejected, withdrawn, conflict, failed, expired, reverted.
	 * ---
	 * default: pending
	 * ---
	 *
	 * [--agent=<id>]
	 * : Only this agent's.
	 *
	 * [--post=<id>]
	 * : Only proposals for this post.
	 *
	 * [--per_page=<n>]
	 * : At most 100.
	 * ---
	 * default: 50
	 * ---
	 *
	 * [--format=<format>]
	 * : table, json, csv or yaml.
	 * ---
	 * default: table
	 * ---
	 *
	 * @subcommand list
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function list_( array $args, array $assoc ): void {
		$query = array_intersect_key( $assoc, array_flip( array( 'status', 'agent', 'post', 'per_page' ) ) );
		$items = array_map(
			fn( array $proposal ): array => array(
				'id'      => $proposal['id'],
				'post'    => $proposal['post'],
				'agent'   => $proposal['agent']['label'] ?? '',
				'risk'    => $proposal['risk'],
				'status'  => $proposal['status'],
				'fields'  => implode( ',', array_keys( (array) $proposal['changes'] ) ),
				'created' => $proposal['created'],
			),
			array_values( $this->request( 'GET', '/proposals', $query ) )
		);
		$this->output( $items, array( 'id', 'post', 'agent', 'risk', 'status', 'fields', 'created' ), $assoc );
	}

	/**
	 * Shows one proposal with, per changed field, its base, current and proposed value.
	 *
	 * <id>
	 * : Proposal id.
	 *
	 * [--format=<format>]
	 * : json or yaml.
	 * ---
	 * default: yaml
	 * ---
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function show( array $args, array $assoc ): void {
		$proposal = $this->request( 'GET', '/proposals/' . (int) $args[0] );
		if ( 'json' === ( $assoc['format'] ?? 'yaml' ) ) {
			WP_CLI::line( (string) wp_json_encode( $proposal, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
			return;
		}
		WP_CLI\Utils\format_items( 'yaml', array( $proposal ), array_keys( $proposal ) );
	}

	/**
	 * Approves a proposal: backup, apply, audit, in one transaction.
	 *
	 * <id>
	 * : Proposal id.
	 *
	 * [--note=<note>]
	 * : Recorded with the decision.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function approve( array $args, array $assoc ): void {
		$proposal = $this->request( 'POST', '/proposals/' . (int) $args[0] . '/approve', array_intersect_key( $assoc, array( 'note' => true ) ) );
		WP_CLI::success( sprintf( /* translators: 1: proposal id, 2: status */ __( 'Proposal %1$d is %2$s.', 'countersign' ), (int) $proposal['id'], (string) $proposal['status'] ) );
	}

	/**
	 * Rejects a proposal.
	 *
	 * <id>
	 * : Proposal id.
	 *
	 * --reason=<reason>
	 * : Why; the agent reads it.
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function reject( array $args, array $assoc ): void {
		$proposal = $this->request( 'POST', '/proposals/' . (int) $args[0] . '/reject', array( 'reason' => (string) $assoc['reason'] ) );
		WP_CLI::success( sprintf( /* translators: 1: proposal id, 2: status */ __( 'Proposal %1$d is %2$s.', 'countersign' ), (int) $proposal['id'], (string) $proposal['status'] ) );
	}
}
