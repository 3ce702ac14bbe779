<?php
/**
 * Mail captured instead of sent, for tests that check who is emailed and what.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests;

/**
 * Every wp_mail() during a test lands in $this->mails (PHPUnit runs the @before/@after methods of a trait).
 */
trait CapturesMail {

	/**
	 * Mails captured instead of sent.
	 *
	 * @var list<array<string, mixed>>
	 */
	private array $mails = array();

	/**
	 * Starts capturing.
	 *
	 * @before
	 */
	public function start_capturing_mail(): void {
		$this->mails = array();
		add_filter( 'pre_wp_mail', array( $this, 'capture_mail' ), 10, 2 );
	}

	/**
	 * Stops capturing.
	 *
	 * @after
	 */
	public function stop_capturing_mail(): void {
		remove_filter( 'pre_wp_mail', array( $this, 'capture_mail' ) );
	}

	/**
	 * The `pre_wp_mail` filter.
	 *
	 * @param null|bool            $short_circuit Null.
	 * @param array<string, mixed> $atts          The mail.
	 */
	public function capture_mail( $short_circuit, array $atts ): bool {
		$this->mails[] = $atts;
		return true;
	}
}
