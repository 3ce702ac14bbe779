<?php
/**
 * An agent learns nothing about posts it may not read.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Tests\Security;

use Countersign\Proposals\ProposalRepository;
use Countersign\Tests\Http;
use Countersign\Tests\TestCase;

/**
 * Probing a private post it may not read with a right and a wrong `base.modified_gmt` once answered 403 and 409,
 * and an unknown id 404: an oracle for whether the post exists and when it last changed. The read check comes
 * first, and every probe gets the one answer an unknown id gets, on proposals and on intents.
 */
final class ExistenceOracleTest extends TestCase {

	/**
	 * Right base, wrong base, unknown id, for proposals and intents: one answer.
	 */
	public function test_private_posts_answer_like_unknown_ids(): void {
		$agent   = (int) $this->agent( array( 'role' => 'author', 'preset' => 'content_manager' ) )['id'];
		$private = $this->post( array( 'post_status' => 'private', 'post_author' => $this->user( 'administrator' ) ) );
		$right   = ProposalRepository::modified_gmt( get_post( $private ) );
		$creds   = $this->credentials( $agent );
		$unknown = $private + 100000;
		$changes = array( 'title' => 'Probe' );
		$probes  = array(
			'right base'   => array( $creds, 'POST', '/countersign/v1/proposals', array( 'post' => $private, 'changes' => $changes, 'base' => array( 'modified_gmt' => $right ), 'rationale' => 'probe' ) ),
			'wrong base'   => array( $creds, 'POST', '/countersign/v1/proposals', array( 'post' => $private, 'changes' => $changes, 'base' => array( 'modified_gmt' => '2001-01-01T00:00:00' ), 'rationale' => 'probe' ) ),
			'no base'      => array( $creds, 'POST', '/countersign/v1/proposals', array( 'post' => $private, 'changes' => $changes, 'rationale' => 'probe' ) ),
			'unknown id'   => array( $creds, 'POST', '/countersign/v1/proposals', array( 'post' => $unknown, 'changes' => $changes, 'base' => array( 'modified_gmt' => $right ), 'rationale' => 'probe' ) ),
			'intent'       => array( $creds, 'POST', '/countersign/v1/intents', array( 'post' => $private, 'changes' => array( 'status' => 'publish' ) ) ),
			'intent (404)' => array( $creds, 'POST', '/countersign/v1/intents', array( 'post' => $unknown, 'changes' => array( 'status' => 'publish' ) ) ),
		);
		$answers = array();
		foreach ( array_combine( array_keys( $probes ), Http::parallel( array_values( $probes ) ) ) as $name => $answer ) {
			$answers[ $name ] = array( $answer['status'], $answer['body']['code'] ?? null, $answer['body']['message'] ?? null, $answer['body']['data'] ?? null );
		}
		$expected = array( 404, 'countersign_not_found', $answers['unknown id'][2], array( 'status' => 404, 'field' => 'post' ) );
		foreach ( $answers as $name => $answer ) {
			$this->assertSame( $expected, $answer, $name );
		}
	}
}
