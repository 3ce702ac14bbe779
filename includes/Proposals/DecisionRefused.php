<?php
/**
 * A decision that may not be made.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use RuntimeException;
use WP_Error;

/**
 * Thrown inside a decision's transaction to roll it back and answer with the error, without marking the proposal
 * failed (nothing went wrong; the decision was simply not allowed).
 */
final class DecisionRefused extends RuntimeException {

	/**
	 * Constructor.
	 *
	 * @param WP_Error $error The answer.
	 */
	public function __construct( public readonly WP_Error $error ) {
		parent::__construct( $error->get_error_message() );
	}
}
