/**
 * Shapes of the countersign/v1 REST resources, as the server sends them.
 *
 * Shared by the store, the screens, the tests and any script that talks to
 * the API, so a contract change shows up as a type error everywhere at once.
 */

export type ProposalStatus =
	| 'pending'
	| 'applied'
	| 'rejected'
	| 'withdrawn'
	| 'conflict'
	| 'failed'
	| 'expired'
	| 'reverted';

/** 1 read, 2 low, 3 medium, 4 high, 5 extreme. */
export type RiskLevel = 1 | 2 | 3 | 4 | 5;

export type AgentRole = 'contributor' | 'author' | 'editor';

export type AgentAutonomy = 'supervised' | 'autonomous';

export type AgentStatus = 'active' | 'paused' | 'revoked';

export type Preset =
	| 'read_only'
	| 'seo_specialist'
	| 'media_manager'
	| 'draft_only'
	| 'content_manager'
	| 'standard'
	| 'full_access'
	| 'custom';

/** The agent as embedded in a proposal. */
export interface AgentRef {
	id: number;
	label: string;
	color: string;
	/** In proposals: whether the proposing agent is active, paused or revoked (its proposals then cannot apply). */
	status?: AgentStatus;
}

/** A field-level change set. Every key is optional: only changed fields are present. */
export interface ChangeSet {
	title?: string;
	content?: string;
	excerpt?: string;
	slug?: string;
	status?: string;
	date?: string;
	author?: number;
	/** An attachment id, or the `ref` of an upload listed in `media`. */
	featured_media?: number | string;
	terms?: Record< string, Array< number | string > >;
	meta?: Record< string, unknown >;
	/** Site settings by their /wp/v2/settings names (post 0, alone in its change set). */
	site_settings?: Record< string, unknown >;
	/** Staged uploads this proposal adds to the media library. */
	media?: MediaUpload[];
	/** Attachment id => new title, alt text, caption or description. */
	attachments?: Record< string, MediaText >;
}

/** What an upload or an attachment may be given. */
export interface MediaText {
	title?: string;
	alt?: string;
	caption?: string;
	description?: string;
}

/** One upload in a change set: a staged file by reference, with its texts. */
export interface MediaUpload extends MediaText {
	/** `cs-upload-…`, as POST /media answered; also usable in content as an image's src, id or wp-image class. */
	ref: string;
}

/** A staged file, as POST /media and a proposal's `uploads` describe it. */
export interface StagedFile {
	ref: string;
	name: string;
	type: string;
	size: number;
	width: number;
	height: number;
	proposal_id: number;
	created: string;
	/** Where its agent and the proposal's reviewers read the bytes (authenticated). */
	preview: string;
}

export type ChangeField = keyof ChangeSet;

export interface ProposalBase {
	revision_id: number | null;
	modified_gmt: string | null;
	hashes: Record< string, string >;
}

/**
 * The last decision on a proposal: a reviewer's approval or rejection, an autonomous agent's auto-apply
 * (`approve` with `auto`), its agent withdrawing or superseding it (`withdraw`, with `superseded_by`), or an
 * approval whose apply failed (`failed`, the error as `reason`), or the daily expiry of a proposal nobody decided
 * (`expire`).
 */
export interface ProposalDecision {
	user: number;
	user_name: string;
	time: string;
	action: 'approve' | 'reject' | 'withdraw' | 'failed' | 'expire';
	reason: string;
	edited: boolean;
	auto?: boolean;
	superseded_by?: number;
}

export interface Proposal {
	id: number;
	agent: AgentRef;
	post: number;
	post_type: string;
	post_title: string;
	edit_link: string;
	status: ProposalStatus;
	risk: RiskLevel;
	/** At level 5, what kses would remove and where; empty below. */
	risk_reasons?: RiskReason[];
	changes: ChangeSet;
	rationale: string;
	source: Record< string, unknown >;
	/** ISO 8601, UTC, without a zone designator (e.g. 2026-11-23T01:02:03). */
	created: string;
	modified: string;
	base: ProposalBase;
	/** For a clone (a new post copied from another), the post it copies. */
	clone_from?: CloneSourceRef | null;
	decision: ProposalDecision | null;
	backup_id: number | null;
	/** Approvals so far (a quorum of two applies from risk 4 when configured). */
	approvals?: ProposalApproval[];
	/** Files the proposal adds, while they wait for a decision. */
	uploads?: StagedFile[];
}

/** The post a clone copies: its title and edit link only where the caller may read it. */
export interface CloneSourceRef {
	id: number;
	title: string;
	edit_link: string;
}

/** One thing kses would remove from an agent's markup (the reason for level 5). */
export interface RiskReason {
	field: string;
	kind: 'element' | 'attribute' | 'url' | 'style' | 'block';
	element: string;
	attribute: string;
	/** A sentence in the site's language, e.g. "the onerror attribute on <img>". */
	message: string;
}

export interface ProposalApproval {
	user: number;
	user_name: string;
	time: string;
}

/** One changed field: its value when the proposal was made, now, and as proposed. */
export interface FieldComparison {
	base: unknown;
	current: unknown;
	proposed: unknown;
}

/** What the changed values are called, keyed by the value (ids as strings). */
export interface FieldWords {
	users: Record< string, { name: string; avatar: string; agent: boolean } >;
	media: Record< string, { title: string; thumbnail: string } >;
	terms: Record< string, { label: string; names: Record< string, string > } >;
	statuses: Record< string, string >;
	dates: Record< string, string >;
	meta: Record< string, string >;
}

export interface ProposalDetail extends Proposal {
	fields: Partial< Record< string, FieldComparison > >;
	/** Where a detail lacks it (a store copy made before the fetch), values show as sent. */
	words?: FieldWords;
}

export interface Backup {
	id: number;
	post_id: number;
	proposal_id: number | null;
	created_at: string;
	created_by: number;
	reason: string;
	/** Why it was taken, in words: "Before approving #12 by Claude (approved by Jane)". */
	description: string;
}

export interface RestoreResult {
	restored: true;
	/** The backup of the state the restore replaced, so the restore can itself be undone. */
	backup_id: number;
	post: number;
}

export interface Agent {
	id: number;
	user_login: string;
	label: string;
	description: string;
	color: string;
	preset: Preset;
	groups: string[];
	role: AgentRole;
	autonomy: AgentAutonomy;
	status: AgentStatus;
	rate_limit: number;
	daily_proposal_budget: number;
	/** Proposals a UTC month; 0 = no monthly limit. */
	monthly_proposal_budget: number;
	/** tokens_in + tokens_out (reported in a proposal's source) a UTC month; 0 = no limit. */
	monthly_token_budget: number;
	/** Cents of the site's currency a UTC month, at the model prices; 0 = no limit. */
	monthly_spend_budget: number;
	/** When auto-pause paused the agent (ISO 8601, UTC); null when it did not or it was resumed. */
	auto_paused_at: string | null;
	created_by: number;
	created_at: string;
	last_seen_at: string | null;
	/** Requests the agent made today (UTC). */
	requests_today?: number;
	/** Its proposals waiting for a reviewer. */
	pending_proposals?: number;
}

/** PUT /agents/{id}: any of these. Widening the preset rotates the credentials. */
export type AgentPatch = Partial<
	Pick<
		Agent,
		| 'label'
		| 'description'
		| 'color'
		| 'preset'
		| 'groups'
		| 'autonomy'
		| 'rate_limit'
		| 'daily_proposal_budget'
		| 'monthly_proposal_budget'
		| 'monthly_token_budget'
		| 'monthly_spend_budget'
	>
>;

/** An agent as PUT /agents/{id} and POST …/credentials answer: a new password when one was issued. */
export type UpdatedAgent = Agent & { application_password?: string | null };

export type AgentAction = 'pause' | 'resume' | 'revoke';

/** GET/PUT /settings. */
export interface Settings {
	kill_switch: boolean;
	ip_rate_limit: number;
	/** Seconds in a rate-limit window (each agent's limit and the per-IP one). */
	rate_limit_window: number;
	/** Model name (as agents report it in source.model) => price per million tokens, in `currency`. */
	model_prices: Record< string, number >;
	/** ISO 4217 code of prices and spend budgets. */
	currency: string;
	/** Cents a month for new agents; 0 = no limit. */
	default_monthly_spend_budget: number;
	default_rate_limit: number;
	default_daily_proposal_budget: number;
	backup_retention: number;
	/** Field => raised level (2-4); levels are only ever raised. */
	risk_overrides: Record< string, number >;
	level5_enabled: boolean;
	quorum: number;
	notifications: boolean;
	/** `immediate`: one email per risky proposal; `digest`: one a day per reviewer. */
	notification_mode: 'immediate' | 'digest';
	audit_retention_days: number;
	/** Pending proposals nobody decided within this many days expire; 0 keeps them waiting. */
	proposal_expiry_days: number;
	/** 0 = no monthly limit. */
	default_monthly_proposal_budget: number;
	/** Tokens a month (tokens_in + tokens_out reported in `source`); 0 = no limit. */
	default_monthly_token_budget: number;
	/** Refusals for limits within auto_pause_minutes that pause an agent; 0 = off. */
	auto_pause_refusals: number;
	auto_pause_minutes: number;
	/** Leave the audit table in place when the plugin is deleted. */
	keep_audit_on_uninstall: boolean;
	/** The largest file an agent may upload (multipart), in MB. */
	media_max_upload_mb: number;
	/** The largest file an agent may send as base64 in JSON, in KB. */
	media_base64_max_kb: number;
	/** The most an agent may have staged (waiting for decisions) at once, in MB. */
	media_staged_quota_mb: number;
	/** The most pixels an uploaded image may declare, in millions. */
	media_max_megapixels: number;
}

export interface CreatedAgent extends Agent {
	/** Shown once; the server keeps only its hash. */
	application_password: string;
}

export interface NewAgent {
	label: string;
	role: AgentRole;
	preset: Preset;
	/** With the `custom` preset: the capability groups chosen one by one (`read` is always held). */
	groups?: string[];
	description?: string;
	color?: string;
	autonomy?: AgentAutonomy;
}

/**
 * Filters accepted by GET /proposals. `undefined` is allowed explicitly: screens
 * build queries from optional UI state, and normalizeQuery() drops empty filters.
 */
export interface ProposalQuery {
	post?: number | undefined;
	status?: ProposalStatus | undefined;
	agent?: number | undefined;
	risk?: RiskLevel | undefined;
	/** Searches the proposed title and content. */
	search?: string | undefined;
	/** The target's post type (or the new post's). */
	post_type?: string | undefined;
	/** ISO 8601: proposed after / before this moment. */
	after?: string | undefined;
	before?: string | undefined;
	orderby?: 'date' | 'risk' | undefined;
	order?: 'asc' | 'desc' | undefined;
	page?: number | undefined;
	per_page?: number | undefined;
}

export interface ProposalPage {
	items: Proposal[];
	total: number;
	totalPages: number;
}

export interface ApproveArgs {
	edits?: Partial< ChangeSet >;
	note?: string;
}

/** Which version of a conflicting block or field wins: the post's as it is now, or the agent's. */
export type ConflictSide = 'current' | 'proposed';

/** A block both the site and the agent changed, in its three versions (null: that side deleted it). */
export interface ConflictBlock {
	/** Block index path in the current content ("3", "1/0"); a block the site deleted counts in the base. */
	path: string;
	reason: string;
	base: string;
	current: string | null;
	proposed: string | null;
	choice: ConflictSide | null;
}

/** GET /proposals/{id}/conflicts. */
export interface ConflictResolution {
	blocks: ConflictBlock[];
	/** The content merged with the choices; null while a block still lacks one. */
	content: string | null;
}

/** The body of every error the API answers with. */
export interface ApiError {
	code: string;
	message: string;
	data?: {
		status?: number;
		field?: string;
		/** countersign_conflict: the fields that moved and why the merge failed. */
		fields?: string[];
		conflicts?: Array< { path: string; reason: string } >;
	};
}

/** POST /proposals: what an agent sends. */
export interface NewProposal {
	/** Target post id; 0 or absent for a new post. */
	post?: number;
	/** Post type of a new post (default post). */
	post_type?: string;
	changes: ChangeSet;
	/** The version the agent read, so a stale proposal is merged or flagged. */
	base?: { modified_gmt: string };
	rationale?: string;
	source?: Record< string, unknown >;
	/** From POST /intents, required from risk 4. */
	confirm_token?: string;
	/** Id of the agent's own proposal for the same post that this one revises: an open one is withdrawn, a rejected one names this revision. */
	supersedes?: number;
	/** Clone this post into a new draft (with `post` 0); `changes` are laid over the copy. */
	clone_from?: number;
}

/** The kinds of target an operation applies to (a new post, or an existing post in that state). */
export type OperationTarget = 'new' | 'draft' | 'published' | 'trash';

/** Whether an operation is allowed on one kind of post and, if not, the error a proposal of it would get. */
export interface OperationPermission {
	allowed: boolean;
	/** The error code the proposal would get (countersign_forbidden_group, countersign_role_denies…). */
	why_not: string | null;
	/** What refused it: `group:NAME`, `cap:CAPABILITY`, `level5_enabled`… */
	rule: string | null;
}

/** The Gate's verdict on one operation for one kind of target. */
export interface OperationVerdict extends OperationPermission {
	/** Capability groups the preset must include. */
	groups: string[];
	/** Risk level, after the site's risk overrides. */
	risk: RiskLevel;
	risk_label: string;
	/**
	 * Where it is allowed: `any` post (or the new one), only posts the agent wrote (`own`), only posts somebody
	 * else wrote (`others`); null when nowhere. `allowed` is true when this is not null, and `why_not` then names
	 * the refusal where it is not allowed.
	 */
	scope: 'any' | 'own' | 'others' | null;
	/** The proposal must carry a confirmation token from POST /intents. */
	needs_token: boolean;
	/** A human must approve it; false: an autonomous agent's proposal is applied at once. */
	needs_approval: boolean;
	/** Existing posts: the verdict on a post the agent wrote and on somebody else's. */
	by_author?: { own: OperationPermission; others: OperationPermission };
}

/** POST /intents: the change a confirmation token is asked for (the same post and changes the proposal will carry). */
export interface NewIntent {
	/** Target post id; 0 or absent for a new post. */
	post?: number;
	post_type?: string;
	changes: ChangeSet;
}

/** POST /intents: a single-use token, bound to the agent, the post and the exact change set. */
export interface Intent {
	token: string;
	/** ISO 8601, UTC; five minutes after it was issued. */
	expires: string;
}

/** One row of GET /me's operations table. */
export interface AgentOperation {
	/** The change-set fields the operation sets. */
	fields: ChangeField[];
	/** A change set of this operation as POST /proposals takes it; null when this site cannot take one. */
	example: ChangeSet | null;
	/** meta operations: the registered keys of this kind. */
	keys?: string[];
	/** terms: the post type's taxonomies. */
	taxonomies?: string[];
	/** Allowed on at least one kind of target. */
	allowed: boolean;
	targets: Partial< Record< OperationTarget, OperationVerdict > >;
}

/** Where one rate limit stands in the current window. */
export interface RateLimitWindow {
	/** Requests allowed per window; 0 = no limit. */
	limit: number;
	used: number;
	/** Null when there is no limit. */
	remaining: number | null;
	/** Seconds until the window resets. */
	reset: number;
	/** ISO 8601, UTC. */
	resets_at: string;
}

/** The budgets' use; the monthly ones are 0 (and their remaining null) when unlimited. */
export interface BudgetState {
	daily_proposals: number;
	used_today: number;
	remaining_today: number;
	resets_at: string;
	monthly_proposals: number;
	used_this_month: number;
	remaining_this_month: number | null;
	monthly_tokens: number;
	tokens_this_month: number;
	tokens_remaining: number | null;
	/** Spend budget and use this month, in cents of `currency`. */
	monthly_spend: number;
	spend_this_month: number;
	spend_remaining: number | null;
	currency: string;
	month_resets_at: string;
	/** The spent budget a new proposal would be refused for (429 countersign_budget_exceeded), or null. */
	exhausted:
		| 'daily_proposal_budget'
		| 'monthly_proposal_budget'
		| 'monthly_token_budget'
		| 'monthly_spend_budget'
		| null;
}

/** GET /me: the agent, what it may do and where its limits stand. */
export interface AgentProfile extends Agent {
	/** The post type the operations are for (GET /me?post_type=, default post). */
	post_type: string;
	/** Every operation, by name (create_post, title, publish, trash, restore, seo_meta…). */
	operations: Record< string, AgentOperation >;
	/** The agent's own limit and its IP address's shared one, this request counted. */
	rate_limit_state: {
		/** Window length in seconds. */
		window: number;
		agent: RateLimitWindow;
		ip: RateLimitWindow;
	};
	budget: BudgetState;
	kill_switch: boolean;
}
