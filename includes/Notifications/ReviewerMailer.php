<?php
/**
 * Emails reviewers about proposals that need them.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Notifications;

use Countersign\Agents\AgentRepository;
use Countersign\Policy\Capabilities;
use Countersign\Policy\RiskPolicy;
use Countersign\Policy\Settings;
use Countersign\Proposals\Proposal;
use Countersign\Proposals\StateMachine;

/**
 * When a pending proposal of risk 3 or more arrives, every reviewer who may decide it (and has not opted out)
 * gets an email with the agent, the post, what changes and a link that opens the editor on the proposal. The link
 * only opens it: nothing is ever approved by following a link.
 */
final class ReviewerMailer {

	public const OPT_OUT   = 'countersign_notifications_optout';
	public const MIN_RISK  = 3;
	private const MAX_SENT = 50;

	/**
	 * Constructor.
	 *
	 * @param AgentRepository $agents   Agents.
	 * @param Settings        $settings The notifications switch.
	 */
	public function __construct( private readonly AgentRepository $agents, private readonly Settings $settings ) {}

	/**
	 * Hooks the mailer.
	 */
	public function register(): void {
		add_action( 'countersign_proposal_submitted', array( $this, 'notify' ) );
	}

	/**
	 * Emails the reviewers of a new proposal.
	 *
	 * @param Proposal $proposal The proposal.
	 * @return int How many emails were sent.
	 */
	public function notify( Proposal $proposal ): int {
		if ( ! $this->settings->get( 'notifications' ) || $proposal->risk < self::MIN_RISK || StateMachine::PENDING !== $proposal->state ) {
			return 0;
		}
		$agent     = $this->agents->find( $proposal->agent_id );
		$label     = $agent ? $agent->label : __( 'An agent', 'countersign' );
		$title     = $proposal->post > 0 ? get_the_title( $proposal->post ) : wp_strip_all_tags( (string) ( $proposal->changes->fields()['title'] ?? __( '(new post)', 'countersign' ) ) );
		$link      = $proposal->post > 0
			? add_query_arg( array( 'countersign' => $proposal->id ), get_edit_post_link( $proposal->post, 'raw' ) ?? admin_url( 'post.php?post=' . $proposal->post . '&action=edit' ) )
			: add_query_arg( array( 'page' => 'countersign' ), admin_url( 'admin.php' ) );
		$reviewers = get_users(
			array(
				'capability' => Capabilities::REVIEW,
				'fields'     => array( 'ID', 'user_email' ),
				'number'     => 200,
			)
		);
		$sent      = 0;
		foreach ( $reviewers as $reviewer ) {
			if ( $sent >= self::MAX_SENT || get_user_meta( (int) $reviewer->ID, self::OPT_OUT, true ) || ! user_can( (int) $reviewer->ID, Capabilities::REVIEW_PROPOSAL, $proposal->id ) ) {
				continue;
			}
			/* translators: 1: agent, 2: risk word, 3: post title, 4: site name. */
			$subject = sprintf( __( '[%4$s] %1$s proposes a %2$s-risk change to "%3$s"', 'countersign' ), $label, RiskPolicy::LABELS[ $proposal->risk ] ?? '', $title, wp_specialchars_decode( get_bloginfo( 'name' ), ENT_QUOTES ) );
			$body    = implode(
				"\n",
				array(
					/* translators: 1: agent, 2: post title. */
					sprintf( __( '%1$s proposes changes to "%2$s".', 'countersign' ), $label, $title ),
					'',
					/* translators: %s: changed fields. */
					sprintf( __( 'Changes: %s', 'countersign' ), implode( ', ', array_keys( $proposal->changes->fields() ) ) ),
					/* translators: 1: level, 2: word. */
					sprintf( __( 'Risk: %1$d (%2$s)', 'countersign' ), $proposal->risk, RiskPolicy::LABELS[ $proposal->risk ] ?? '' ),
					/* translators: %s: rationale. */
					sprintf( __( 'Why: %s', 'countersign' ), $proposal->rationale ),
					'',
					__( 'Review it in the editor (opening the link changes nothing):', 'countersign' ),
					$link,
				)
			);
			if ( wp_mail( (string) $reviewer->user_email, $subject, $body ) ) {
				++$sent;
			}
		}
		return $sent;
	}
}
