<?php
/**
 * Emails reviewers about proposals that need them.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Notifications;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentRepository;
use Countersign\Policy\Capabilities;
use Countersign\Policy\RiskPolicy;
use Countersign\Policy\Settings;
use Countersign\Proposals\Proposal;
use Countersign\Proposals\ProposalRepository;
use Countersign\Proposals\SiteSettings;
use Countersign\Proposals\StateMachine;
use WP_User;

/**
 * When a pending proposal of risk 3 or more arrives, every reviewer who may decide it (and has not opted out)
 * gets an email with the agent, the post, what changes and a link that opens the editor on the proposal, either at
 * once (`notification_mode` = `immediate`) or in one daily digest per reviewer (`digest`, sent by WP-Cron). The link
 * only opens it: nothing is ever approved by following a link. Administrators are also told when an agent is
 * paused automatically for hitting its limits.
 */
final class ReviewerMailer {

	public const OPT_OUT     = 'countersign_notifications_optout';
	public const MIN_RISK    = 3;
	public const DIGEST_HOOK = 'countersign_notifications_digest';
	private const MAX_SENT   = 50;
	private const MAX_LISTED = 50;

	/**
	 * Constructor.
	 *
	 * @param AgentRepository    $agents    Agents.
	 * @param Settings           $settings  The notifications switch and mode.
	 * @param ProposalRepository $proposals Pending proposals (for the digest).
	 * @param InboxLinks         $links     Signed single-use links to the decision page.
	 */
	public function __construct(
		private readonly AgentRepository $agents,
		private readonly Settings $settings,
		private readonly ProposalRepository $proposals,
		private readonly InboxLinks $links
	) {}

	/**
	 * Hooks the mailer and makes sure the digest is scheduled (sites activated before it existed included).
	 */
	public function register(): void {
		add_action( 'countersign_proposal_submitted', array( $this, 'notify' ) );
		add_action( self::DIGEST_HOOK, array( $this, 'send_digest' ) );
		add_action( 'countersign_agent_auto_paused', array( $this, 'notify_auto_paused' ) );
		add_action( 'countersign_budget_threshold', array( $this, 'notify_budget' ), 10, 6 );
		add_action( 'init', array( self::class, 'schedule' ) );
		// The per-person opt-out, on the profile screen of everyone who reviews proposals.
		add_action( 'show_user_profile', array( $this, 'profile_field' ) );
		add_action( 'edit_user_profile', array( $this, 'profile_field' ) );
		add_action( 'personal_options_update', array( $this, 'save_profile_field' ) );
		add_action( 'edit_user_profile_update', array( $this, 'save_profile_field' ) );
	}

	/**
	 * The "Agent proposals" opt-out on a reviewer's profile.
	 *
	 * @param WP_User $user The profile's user.
	 */
	public function profile_field( WP_User $user ): void {
		if ( ! user_can( $user, Capabilities::REVIEW ) ) {
			return;
		}
		$subscribed = ! get_user_meta( $user->ID, self::OPT_OUT, true );
		?>
		<h2><?php esc_html_e( 'Agent proposals', 'countersign' ); ?></h2>
		<table class="form-table" role="presentation">
			<tr>
				<th scope="row"><?php esc_html_e( 'Email', 'countersign' ); ?></th>
				<td>
					<input type="hidden" name="countersign_notifications_present" value="1" />
					<label for="countersign-notifications">
						<input type="checkbox" name="countersign_notifications" id="countersign-notifications" value="1" <?php checked( $subscribed ); ?> />
						<?php esc_html_e( 'Email me when an agent proposes a change of risk 3 or more that I can review', 'countersign' ); ?>
					</label>
					<p class="description"><?php esc_html_e( 'Whether it comes at once or in a daily digest is a site setting (Countersign → Settings).', 'countersign' ); ?></p>
				</td>
			</tr>
		</table>
		<?php
	}

	/**
	 * Saves the opt-out with the profile form (core has checked the form's nonce; this checks it again, and the
	 * right to edit that user).
	 *
	 * @param int $user_id The profile's user.
	 */
	public function save_profile_field( int $user_id ): void {
		$nonce = isset( $_POST['_wpnonce'] ) ? sanitize_text_field( wp_unslash( $_POST['_wpnonce'] ) ) : '';
		if ( ! isset( $_POST['countersign_notifications_present'] ) || ! wp_verify_nonce( $nonce, 'update-user_' . $user_id ) || ! current_user_can( 'edit_user', $user_id ) ) {
			return;
		}
		if ( isset( $_POST['countersign_notifications'] ) ) {
			delete_user_meta( $user_id, self::OPT_OUT );
		} else {
			update_user_meta( $user_id, self::OPT_OUT, 1 );
		}
	}

	/**
	 * Schedules the daily digest once.
	 */
	public static function schedule(): void {
		if ( ! wp_next_scheduled( self::DIGEST_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::DIGEST_HOOK );
		}
	}

	/**
	 * Emails the reviewers of a new proposal (immediate mode).
	 *
	 * @param Proposal $proposal The proposal.
	 * @return int How many emails were sent.
	 */
	public function notify( Proposal $proposal ): int {
		if ( ! $this->settings->get( 'notifications' ) || 'digest' === $this->settings->get( 'notification_mode' ) || $proposal->risk < self::MIN_RISK || StateMachine::PENDING !== $proposal->state ) {
			return 0;
		}
		$label = $this->agent_label( $proposal );
		$title = $this->title( $proposal );
		$sent  = 0;
		foreach ( $this->reviewers() as $reviewer ) {
			if ( $sent >= self::MAX_SENT || ! user_can( $reviewer['id'], Capabilities::REVIEW_PROPOSAL, $proposal->id ) ) {
				continue;
			}
			/* translators: 1: agent, 2: risk word, 3: post title, 4: site name. */
			$subject = sprintf( __( '[%4$s] %1$s proposes a %2$s-risk change to "%3$s"', 'countersign' ), $label, RiskPolicy::LABELS[ $proposal->risk ] ?? '', $title, $this->site_name() );
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
					$this->link( $proposal ),
					'',
					__( 'Or see the changes and approve or reject from this page (for you only, once, within three days; opening it changes nothing):', 'countersign' ),
					$this->links->issue( $proposal->id, $reviewer['id'], time() ),
				)
			);
			if ( wp_mail( $reviewer['email'], $subject, $body ) ) {
				++$sent;
			}
		}
		return $sent;
	}

	/**
	 * The daily digest (WP-Cron): one email per reviewer listing every pending proposal of risk 3 or more that
	 * reviewer may decide, each with its deep link. Reviewers with nothing waiting get nothing.
	 *
	 * @return int How many emails were sent.
	 */
	public function send_digest(): int {
		if ( ! $this->settings->get( 'notifications' ) || 'digest' !== $this->settings->get( 'notification_mode' ) ) {
			return 0;
		}
		$pending = array_values(
			array_filter(
				$this->proposals->query( array( 'status' => array( StateMachine::PENDING ) ), 1, 500, null )['items'],
				fn( Proposal $proposal ) => $proposal->risk >= self::MIN_RISK
			)
		);
		if ( array() === $pending ) {
			return 0;
		}
		// Highest risk first, then oldest: what most needs a person comes first.
		usort( $pending, fn( Proposal $a, Proposal $b ) => array( $b->risk, $a->created ) <=> array( $a->risk, $b->created ) );
		$sent = 0;
		foreach ( $this->reviewers() as $reviewer ) {
			if ( $sent >= self::MAX_SENT ) {
				break;
			}
			$mine = array_values( array_filter( $pending, fn( Proposal $proposal ) => user_can( $reviewer['id'], Capabilities::REVIEW_PROPOSAL, $proposal->id ) ) );
			if ( array() === $mine ) {
				continue;
			}
			$lines = array(
				sprintf(
					/* translators: %d: number of proposals. */
					_n( '%d agent proposal of medium risk or higher is waiting for your review:', '%d agent proposals of medium risk or higher are waiting for your review:', count( $mine ), 'countersign' ),
					count( $mine )
				),
				'',
			);
			foreach ( array_slice( $mine, 0, self::MAX_LISTED ) as $proposal ) {
				$lines[] = sprintf(
					/* translators: 1: agent, 2: post title, 3: risk level, 4: risk word, 5: changed fields. */
					__( '* %1$s → "%2$s" (risk %3$d, %4$s): %5$s', 'countersign' ),
					$this->agent_label( $proposal ),
					$this->title( $proposal ),
					$proposal->risk,
					RiskPolicy::LABELS[ $proposal->risk ] ?? '',
					implode( ', ', array_keys( $proposal->changes->fields() ) )
				);
				$lines[] = '  ' . $this->link( $proposal );
				/* translators: %s: a link to decide the proposal. */
				$lines[] = '  ' . sprintf( __( 'Decide: %s', 'countersign' ), $this->links->issue( $proposal->id, $reviewer['id'], time() ) );
			}
			if ( count( $mine ) > self::MAX_LISTED ) {
				/* translators: %d: number of proposals not listed. */
				$lines[] = sprintf( __( '…and %d more.', 'countersign' ), count( $mine ) - self::MAX_LISTED );
			}
			$lines[] = '';
			$lines[] = __( 'Opening a link changes nothing. The review queue:', 'countersign' );
			$lines[] = add_query_arg( array( 'page' => 'countersign' ), admin_url( 'admin.php' ) );
			$lines[] = '';
			$lines[] = __( 'You get this digest once a day while proposals wait. To stop it, turn off Countersign emails in your profile.', 'countersign' );
			/* translators: 1: site name, 2: number of proposals. */
			$subject = sprintf( _n( '[%1$s] %2$d agent proposal waits for your review', '[%1$s] %2$d agent proposals wait for your review', count( $mine ), 'countersign' ), $this->site_name(), count( $mine ) );
			if ( wp_mail( $reviewer['email'], $subject, implode( "\n", $lines ) ) ) {
				++$sent;
			}
		}
		return $sent;
	}

	/**
	 * Tells administrators that auto-pause stopped an agent.
	 *
	 * @param Agent $agent The paused agent.
	 * @return int How many emails were sent.
	 */
	public function notify_auto_paused( Agent $agent ): int {
		if ( ! $this->settings->get( 'notifications' ) ) {
			return 0;
		}
		$minutes = (int) $this->settings->get( 'auto_pause_minutes' );
		/* translators: 1: site name, 2: agent. */
		$subject = sprintf( __( '[%1$s] %2$s was paused for hitting its limits', 'countersign' ), $this->site_name(), $agent->label );
		$body    = implode(
			"\n",
			array(
				sprintf(
					/* translators: 1: agent, 2: refusals, 3: minutes. */
					__( '%1$s was refused for its rate limit or budget %2$d times within %3$d minutes, so Countersign paused it. Its requests now answer 403 countersign_agent_paused.', 'countersign' ),
					$agent->label,
					(int) $this->settings->get( 'auto_pause_refusals' ),
					$minutes
				),
				'',
				__( 'Check its limits, then resume it on the Agents screen:', 'countersign' ),
				add_query_arg( array( 'page' => 'countersign-agents' ), admin_url( 'admin.php' ) ),
			)
		);
		$sent    = 0;
		foreach ( $this->reviewers( Capabilities::MANAGE ) as $admin ) {
			if ( $sent < self::MAX_SENT && wp_mail( $admin['email'], $subject, $body ) ) {
				++$sent;
			}
		}
		return $sent;
	}

	/**
	 * Tells administrators that an agent has used 80% or all of a budget (BudgetAlerts fires this once per period).
	 *
	 * @param Agent  $agent     The agent.
	 * @param string $rule      The budget.
	 * @param int    $threshold 80 or 100.
	 * @param int    $used      Its use (proposals, tokens or cents).
	 * @param int    $limit     The budget.
	 * @param string $currency  Currency of spend budgets.
	 * @return int How many emails were sent.
	 */
	public function notify_budget( Agent $agent, string $rule, int $threshold, int $used, int $limit, string $currency ): int {
		if ( ! $this->settings->get( 'notifications' ) ) {
			return 0;
		}
		$names  = array(
			'daily_proposal_budget'   => __( 'proposals today', 'countersign' ),
			'monthly_proposal_budget' => __( 'proposals this month', 'countersign' ),
			'monthly_token_budget'    => __( 'tokens this month', 'countersign' ),
			'monthly_spend_budget'    => __( 'spend this month', 'countersign' ),
		);
		$amount = fn( int $value ): string => 'monthly_spend_budget' === $rule ? sprintf( '%s %s', number_format_i18n( $value / 100, 2 ), $currency ) : number_format_i18n( $value );
		/* translators: 1: site name, 2: agent, 3: percent, 4: budget such as "tokens this month". */
		$subject = sprintf( __( '[%1$s] %2$s has used %3$d%% of its budget (%4$s)', 'countersign' ), $this->site_name(), $agent->label, $threshold, $names[ $rule ] ?? $rule );
		$body    = implode(
			"\n",
			array(
				/* translators: 1: agent, 2: used, 3: budget, 4: budget name. */
				sprintf( __( '%1$s has used %2$s of %3$s (%4$s).', 'countersign' ), $agent->label, $amount( $used ), $amount( $limit ), $names[ $rule ] ?? $rule ),
				100 <= $threshold ? __( 'Its next proposal will be refused until the budget resets.', 'countersign' ) : __( 'Its proposals are refused once it reaches the whole budget.', 'countersign' ),
				'',
				__( 'Usage and budgets:', 'countersign' ),
				add_query_arg( array( 'page' => 'countersign-usage' ), admin_url( 'admin.php' ) ),
			)
		);
		$sent    = 0;
		foreach ( $this->reviewers( Capabilities::MANAGE ) as $admin ) {
			if ( $sent < self::MAX_SENT && wp_mail( $admin['email'], $subject, $body ) ) {
				++$sent;
			}
		}
		return $sent;
	}

	/**
	 * People with a capability who have not opted out.
	 *
	 * @param string $cap Capability.
	 * @return list<array{id: int, email: string}>
	 */
	private function reviewers( string $cap = Capabilities::REVIEW ): array {
		$users = get_users(
			array(
				'capability' => $cap,
				'fields'     => array( 'ID', 'user_email' ),
				'number'     => 200,
			)
		);
		$found = array();
		foreach ( $users as $user ) {
			if ( ! get_user_meta( (int) $user->ID, self::OPT_OUT, true ) ) {
				$found[] = array(
					'id'    => (int) $user->ID,
					'email' => (string) $user->user_email,
				);
			}
		}
		return $found;
	}

	/**
	 * The proposing agent's label.
	 *
	 * @param Proposal $proposal Proposal.
	 */
	private function agent_label( Proposal $proposal ): string {
		$agent = $this->agents->find( $proposal->agent_id );
		return $agent ? $agent->label : __( 'An agent', 'countersign' );
	}

	/**
	 * The target's title, or the proposed title of a new post.
	 *
	 * @param Proposal $proposal Proposal.
	 */
	private function title( Proposal $proposal ): string {
		if ( SiteSettings::in( $proposal->changes ) ) {
			return __( 'Site settings', 'countersign' );
		}
		return $proposal->post > 0 ? get_the_title( $proposal->post ) : wp_strip_all_tags( (string) ( $proposal->changes->fields()['title'] ?? __( '(new post)', 'countersign' ) ) );
	}

	/**
	 * The deep link: the editor opened on the proposal (a logged-out reviewer goes through login and back).
	 *
	 * @param Proposal $proposal Proposal.
	 */
	private function link( Proposal $proposal ): string {
		return $proposal->post > 0
			? add_query_arg( array( 'countersign' => $proposal->id ), get_edit_post_link( $proposal->post, 'raw' ) ?? admin_url( 'post.php?post=' . $proposal->post . '&action=edit' ) )
			: add_query_arg( array( 'page' => 'countersign' ), admin_url( 'admin.php' ) );
	}

	/**
	 * The site's name for subjects.
	 */
	private function site_name(): string {
		return wp_specialchars_decode( get_bloginfo( 'name' ), ENT_QUOTES );
	}
}
