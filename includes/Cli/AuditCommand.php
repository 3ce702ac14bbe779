<?php
/**
 * `wp countersign audit`.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Cli;

use Countersign\Audit\AuditExport;
use Countersign\Policy\Capabilities;
use WP_CLI;

/**
 * Verifies and exports the audit log. Needs `--user=` someone with `countersign_audit`.
 */
final class AuditCommand extends RestCommand {

	/**
	 * Constructor.
	 *
	 * @param AuditExport $export The streamed exporter.
	 */
	public function __construct( private readonly AuditExport $export ) {}

	/**
	 * Verifies the hash chain; exits 1 naming the first row that does not verify.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : table or json.
	 * ---
	 * default: table
	 * ---
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function verify( array $args, array $assoc ): void {
		$result = $this->request( 'GET', '/audit/verify' );
		$this->output( array( $result ), array_keys( $result ), $assoc );
		if ( empty( $result['ok'] ) ) {
			WP_CLI::error( sprintf( /* translators: %d: audit row id */ __( 'The chain breaks at row %d.', 'countersign' ), (int) ( $result['first_bad'] ?? 0 ) ) );
		}
	}

	/**
	 * Streams the audit log to standard output, row by row.
	 *
	 * ## OPTIONS
	 *
	 * [--format=<format>]
	 * : csv or json.
	 * ---
	 * default: csv
	 * ---
	 *
	 * [--agent=<id>]
	 * : Only this agent's rows.
	 *
	 * [--action=<action>]
	 * : Only this action (e.g. proposal.approved).
	 *
	 * [--outcome=<outcome>]
	 * : Only this outcome.
	 *
	 * [--from=<date>]
	 * : From this date (UTC).
	 *
	 * [--to=<date>]
	 * : Until this date (UTC).
	 *
	 * @param list<string>         $args  Positional arguments.
	 * @param array<string, mixed> $assoc Options.
	 */
	public function export( array $args, array $assoc ): void {
		if ( ! current_user_can( Capabilities::AUDIT ) ) {
			WP_CLI::error( __( 'Reading the audit log needs the countersign_audit capability: add --user=<login> of someone who has it.', 'countersign' ) );
		}
		$format = (string) ( $assoc['format'] ?? 'csv' );
		if ( ! in_array( $format, array( 'csv', 'json' ), true ) ) {
			WP_CLI::error( __( 'The format is csv or json.', 'countersign' ) );
		}
		$filters = array_map( 'sanitize_text_field', array_intersect_key( $assoc, array_flip( array( 'agent', 'action', 'outcome', 'from', 'to' ) ) ) );
		$out     = fopen( 'php://stdout', 'wb' );
		if ( false === $out ) {
			WP_CLI::error( 'Cannot write to standard output.' );
		}
		$this->export->stream( $filters, $format, $out );
	}
}
