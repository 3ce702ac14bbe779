<?php
/**
 * Composition root.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign;

use Countersign\Abilities\Abilities;
use Countersign\Admin\Assets;
use Countersign\Admin\InboxDecision;
use Countersign\Blocks\DisclosureBlock;
use Countersign\Cli\AgentCommand;
use Countersign\Cli\AuditCommand;
use Countersign\Cli\KillSwitchCommand;
use Countersign\Cli\ProposalCommand;
use Countersign\Cli\UsageCommand;
use Countersign\Admin\AgentsInCore;
use Countersign\Admin\KillSwitchBanner;
use Countersign\Admin\ReviewThroughLock;
use Countersign\Admin\LiveUpdates;
use Countersign\Admin\Menu;
use Countersign\Admin\PendingCounts;
use Countersign\Agents\AgentManager;
use Countersign\Agents\AgentRepository;
use Countersign\Agents\AgentRole;
use Countersign\Agents\Credentials;
use Countersign\Agents\Presets;
use Countersign\Audit\AuditExport;
use Countersign\Audit\AuditHead;
use Countersign\Audit\AuditLog;
use Countersign\Audit\AuditQuery;
use Countersign\Audit\AuditRetention;
use Countersign\Audit\AuditVerifier;
use Countersign\Audit\Usage;
use Countersign\Backups\BackupStore;
use Countersign\Install\Network;
use Countersign\Install\Schema;
use Countersign\Notifications\InboxLinks;
use Countersign\Notifications\ReviewerMailer;
use Countersign\Limits\Budget;
use Countersign\Limits\BudgetAlerts;
use Countersign\Limits\RateLimiter;
use Countersign\Limits\TokenMeter;
use Countersign\Mcp\McpServer;
use Countersign\Policy\Capabilities;
use Countersign\Policy\CapabilityGroups;
use Countersign\Policy\Gate;
use Countersign\Policy\Operations;
use Countersign\Policy\Intents;
use Countersign\Policy\RiskPolicy;
use Countersign\Policy\Settings;
use Countersign\Proposals\Applier;
use Countersign\Proposals\Decisions;
use Countersign\Proposals\FieldWords;
use Countersign\Proposals\Merger;
use Countersign\Proposals\ProposalPostType;
use Countersign\Proposals\ProposalRepository;
use Countersign\Proposals\StateMachine;
use Countersign\Rest\AgentRequests;
use Countersign\Rest\AgentsController;
use Countersign\Rest\AuditController;
use Countersign\Rest\BackupsController;
use Countersign\Rest\IntentsController;
use Countersign\Rest\MeController;
use Countersign\Rest\PostsController;
use Countersign\Rest\ProposalsController;
use Countersign\Rest\SettingsController;
use Countersign\Rest\MediaController;
use Countersign\Media\StagedMedia;
use Countersign\Rest\UsageController;
use WP_CLI;
use Countersign\Support\CacheFence;
use Countersign\Support\Database;
use Countersign\Support\PrimaryReads;

/**
 * Builds every service with its dependencies and hooks them. The only static entry point of the plugin.
 */
final class Plugin {

	/**
	 * The booted instance.
	 *
	 * @var Plugin|null
	 */
	private static ?Plugin $instance = null;

	/**
	 * The plugin's tables, named on $wpdb.
	 *
	 * @var Schema
	 */
	public readonly Schema $schema;

	/**
	 * Transactions and named locks.
	 *
	 * @var Database
	 */
	public readonly Database $db;

	/**
	 * Site-wide settings.
	 *
	 * @var Settings
	 */
	public readonly Settings $settings;

	/**
	 * Agent presets and the capability groups each grants.
	 *
	 * @var Presets
	 */
	public readonly Presets $presets;

	/**
	 * Agents: users carrying Countersign's agent meta.
	 *
	 * @var AgentRepository
	 */
	public readonly AgentRepository $agents;

	/**
	 * What an agent's WordPress role may still do.
	 *
	 * @var AgentRole
	 */
	public readonly AgentRole $agent_role;

	/**
	 * Agents' Application Passwords.
	 *
	 * @var Credentials
	 */
	public readonly Credentials $credentials;

	/**
	 * Countersign's capabilities on the core roles.
	 *
	 * @var Capabilities
	 */
	public readonly Capabilities $capabilities;

	/**
	 * The hash-chained audit log.
	 *
	 * @var AuditLog
	 */
	public readonly AuditLog $audit;

	/**
	 * The audit log's anchored head (outside the table).
	 *
	 * @var AuditHead
	 */
	public readonly AuditHead $audit_head;

	/**
	 * Filtered reads of the audit log.
	 *
	 * @var AuditQuery
	 */
	public readonly AuditQuery $audit_query;

	/**
	 * Verifies the audit chain.
	 *
	 * @var AuditVerifier
	 */
	public readonly AuditVerifier $audit_verifier;

	/**
	 * Risk levels and their overrides.
	 *
	 * @var RiskPolicy
	 */
	public readonly RiskPolicy $risk;

	/**
	 * One-time intents (confirmations of risky changes).
	 *
	 * @var Intents
	 */
	public readonly Intents $intents;

	/**
	 * Decides whether an agent may propose a change.
	 *
	 * @var Gate
	 */
	public readonly Gate $gate;

	/**
	 * Proposal state transitions.
	 *
	 * @var StateMachine
	 */
	public readonly StateMachine $states;

	/**
	 * Proposal storage.
	 *
	 * @var ProposalRepository
	 */
	public readonly ProposalRepository $proposals;

	/**
	 * Post snapshots taken before every apply and restore.
	 *
	 * @var BackupStore
	 */
	public readonly BackupStore $backups;

	/**
	 * Applies approved proposals.
	 *
	 * @var Applier
	 */
	public readonly Applier $applier;

	/**
	 * Approvals, rejections and supersedes.
	 *
	 * @var Decisions
	 */
	public readonly Decisions $decisions;

	/**
	 * Creates, pauses, resumes and revokes agents.
	 *
	 * @var AgentManager
	 */
	public readonly AgentManager $agent_manager;

	/**
	 * Monthly proposal and token budgets.
	 *
	 * @var Budget
	 */
	public readonly Budget $budget;

	/**
	 * Per-agent and per-IP rate limits.
	 *
	 * @var RateLimiter
	 */
	public readonly RateLimiter $limiter;

	/**
	 * Audit retention and table hardening.
	 *
	 * @var AuditRetention
	 */
	public readonly AuditRetention $retention;

	/**
	 * Multisite: per-site activation and clean-up.
	 *
	 * @var Network
	 */
	public readonly Network $network;

	/**
	 * Keeps applies out of the shared object cache until they commit.
	 *
	 * @var CacheFence
	 */
	public readonly CacheFence $fence;

	/**
	 * Agents' uploads, staged until approved.
	 *
	 * @var StagedMedia
	 */
	public readonly StagedMedia $media;

	/**
	 * Builds the services.
	 */
	private function __construct() {
		global $wpdb;
		$this->schema = new Schema( $wpdb );
		$this->schema->register();
		$this->db             = new Database( $wpdb );
		$this->fence          = new CacheFence( $this->db );
		$this->settings       = new Settings( $this->db );
		$this->presets        = new Presets();
		$this->agents         = new AgentRepository( $this->presets );
		$this->agent_role     = new AgentRole( $this->agents );
		$this->credentials    = new Credentials();
		$this->capabilities   = new Capabilities();
		$this->audit_head     = new AuditHead( $this->db );
		$this->audit          = new AuditLog( $this->db, $this->agents, $this->audit_head );
		$this->audit_query    = new AuditQuery( $wpdb );
		$this->audit_verifier = new AuditVerifier( $wpdb, $this->audit_head );
		$this->retention      = new AuditRetention( $this->db, $this->audit );
		$this->risk           = new RiskPolicy( $this->settings );
		$this->intents        = new Intents( $wpdb );
		$this->states         = new StateMachine( $this->db );
		$this->proposals      = new ProposalRepository();
		$this->budget         = new Budget( $wpdb, $this->proposals, new TokenMeter( $wpdb ), $this->settings );
		$this->limiter        = new RateLimiter( $wpdb );
		$this->gate           = new Gate( $this->agent_role, new CapabilityGroups(), $this->risk, $this->settings, $this->intents, $this->budget );
		$this->backups        = new BackupStore( $wpdb, $this->settings );
		$this->media          = new StagedMedia( $this->db, $this->settings );
		$this->applier        = new Applier( $this->db, $this->proposals, $this->states, $this->backups, $this->audit, $this->agents, $this->settings, new Merger(), $this->fence, $this->gate, $this->media );
		$this->decisions      = new Decisions( $this->db, $this->proposals, $this->states, $this->audit );
		$this->agent_manager  = new AgentManager( $this->agents, $this->presets, $this->credentials, $this->proposals, $this->states, $this->audit );
		$this->network        = new Network( array( self::class, 'activate_site' ), Schema::TABLES );
	}

	/**
	 * Boots the plugin once.
	 */
	public static function boot(): self {
		if ( null === self::$instance ) {
			self::$instance = new self();
			self::$instance->register();
		}
		return self::$instance;
	}

	/**
	 * The booted instance (for WP-CLI, tests and the demo seeder).
	 */
	public static function instance(): self {
		return self::boot();
	}

	/**
	 * Activation, on every site of the network when network-activated.
	 *
	 * @param bool $network_wide Whether the plugin is being activated for the whole network.
	 */
	public static function activate( bool $network_wide = false ): void {
		self::boot()->network->activate( $network_wide );
	}

	/**
	 * Activation on the current site: tables and capabilities.
	 */
	public static function activate_site(): void {
		$plugin = self::boot();
		$plugin->schema->install();
		$plugin->capabilities->grant();
		$plugin->retention->harden();
		if ( ! wp_next_scheduled( 'countersign_daily' ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', 'countersign_daily' );
		}
		ReviewerMailer::schedule();
		$plugin->audit->append( 'plugin.activated', array( 'object_type' => 'plugin' ) );
	}

	/**
	 * Deactivation is audited so a gap while the plugin was off is visible in the log (on each site when network-wide).
	 *
	 * @param bool $network_wide Whether the plugin is being deactivated for the whole network.
	 */
	public static function deactivate( bool $network_wide = false ): void {
		$plugin = self::boot();
		$sites  = $network_wide ? $plugin->network->site_ids() : array( get_current_blog_id() );
		foreach ( $sites as $site_id ) {
			$plugin->network->on_site(
				$site_id,
				static function () use ( $plugin ): void {
					wp_clear_scheduled_hook( 'countersign_daily' );
					wp_clear_scheduled_hook( ReviewerMailer::DIGEST_HOOK );
					wp_clear_scheduled_hook( Schema::CANONICAL_HOOK );
					$plugin->audit->append( 'plugin.deactivated', array( 'object_type' => 'plugin' ) );
				}
			);
		}
	}

	/**
	 * Hooks every service.
	 */
	private function register(): void {
		// First: behind a drop-in with replicas, a request that decides reads the primary before anything is read.
		( new PrimaryReads( $this->db ) )->register();
		( new ProposalPostType() )->register();
		$this->agent_role->register();
		$this->capabilities->register();
		$this->network->register();
		// Translations shipped in the plugin's languages/ (translate.wordpress.org's load on their own).
		add_action( 'init', static fn() => load_plugin_textdomain( 'countersign', false, dirname( plugin_basename( PLUGIN_FILE ) ) . '/languages' ) );
		( new AgentRequests( $this->agents, $this->gate, $this->audit, $this->limiter, $this->settings, $this->agent_manager, $this->audit_query ) )->register();
		$this->budget->register();
		$this->fence->register();
		$this->media->register();
		add_action( 'plugins_loaded', array( $this->schema, 'maybe_install' ) );
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
		add_action( 'countersign_daily', array( $this, 'daily' ) );
		add_filter( 'wp_ai_client_prevent_prompt', fn( $prevent ) => $prevent || $this->settings->kill_switch() );
		$links = new InboxLinks( $this->db->wpdb() );
		( new ReviewerMailer( $this->agents, $this->settings, $this->proposals, $links ) )->register();
		( new InboxDecision( $links ) )->register();
		( new BudgetAlerts( $this->db->wpdb(), $this->agents, $this->budget ) )->register();
		( new Abilities( $this->agents, $this->gate ) )->register();
		( new McpServer( $this->agents ) )->register();
		( new DisclosureBlock( $this->audit_query, $this->agents ) )->register();
		$assets = new Assets();
		$assets->register();
		$counts = new PendingCounts( $this->proposals );
		$counts->register();
		( new LiveUpdates() )->register();
		( new KillSwitchBanner( $this->settings ) )->register();
		( new AgentsInCore( $this->agents ) )->register();
		( new ReviewThroughLock() )->register();
		( new Menu( $assets, $this->presets, $counts ) )->register();
		if ( defined( 'WP_CLI' ) && WP_CLI ) {
			$this->register_cli();
		}
	}

	/**
	 * `wp countersign …`: each command runs the REST routes as `--user=`.
	 */
	private function register_cli(): void {
		global $wpdb;
		$commands = array(
			'agent'       => new AgentCommand(),
			'proposal'    => new ProposalCommand(),
			'audit'       => new AuditCommand( new AuditExport( $wpdb ) ),
			'kill-switch' => new KillSwitchCommand(),
			'usage'       => new UsageCommand(),
		);
		foreach ( $commands as $name => $command ) {
			// @phpstan-ignore argument.type (WP-CLI 2.4's docblock says callable; it takes command objects, as documented.)
			WP_CLI::add_command( 'countersign ' . $name, $command );
		}
	}

	/**
	 * Daily housekeeping: pending proposals past `proposal_expiry_days` expire, unused confirmation tokens past
	 * their five minutes go, and audit retention (when set) seals the oldest rows into a checkpoint and purges them.
	 */
	public function daily(): void {
		$this->decisions->expire_stale( (int) $this->settings->get( 'proposal_expiry_days' ) );
		$this->intents->purge_expired();
		( new InboxLinks( $this->db->wpdb() ) )->purge( time() );
		$this->media->purge_unclaimed();
		// Should the upgrade's background job have died mid-copy, the stored canonical column is added here.
		$this->schema->add_canonical();
		$days = (int) $this->settings->get( 'audit_retention_days' );
		if ( $days > 0 ) {
			$this->retention->purge( gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS ) );
		}
	}

	/**
	 * `rest_api_init` callback.
	 */
	public function register_routes(): void {
		global $wpdb;
		$usage       = new Usage( $wpdb );
		$controllers = array(
			new MeController( $this->agents, $this->settings, new Operations( $this->gate ), $this->budget, $this->limiter ),
			new AgentsController( $this->agents, $this->presets, $this->credentials, $this->settings, $this->audit, $this->agent_manager, $usage ),
			new ProposalsController( $this->agents, $this->proposals, $this->gate, $this->applier, $this->decisions, $this->audit, $this->media, $this->db, new FieldWords( $this->agents ) ),
			new MediaController( $this->agents, $this->media, $this->gate, $this->settings, $this->audit ),
			new BackupsController( $this->agents, $this->backups, $this->applier ),
			new AuditController( $this->agents, $this->audit_query, $this->audit_verifier, new AuditExport( $wpdb ), $this->audit, $this->retention, $this->audit_head ),
			new IntentsController( $this->agents, $this->intents, $this->audit, $this->gate ),
			new SettingsController( $this->agents, $this->settings, $this->audit ),
			new UsageController( $this->agents, $usage, $this->settings ),
			new PostsController( $this->agents, $this->gate ),
		);
		foreach ( $controllers as $controller ) {
			$controller->register_routes();
		}
	}
}
