<?php
/**
 * One proposal.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

/**
 * Immutable view of a stored proposal.
 */
final class Proposal {

	/**
	 * Constructor.
	 *
	 * @param int                       $id        Proposal id.
	 * @param int                       $agent_id  Proposing agent's user id.
	 * @param int                       $post      Target post id (0 for a new post not yet applied).
	 * @param string                    $post_type Target's post type.
	 * @param string                    $state     cs_* state.
	 * @param int                       $risk      Risk level 1-5.
	 * @param ChangeSet                 $changes   Proposed values.
	 * @param string                    $rationale Why the agent proposes it.
	 * @param array<string, mixed>      $source    Model, tool, run id.
	 * @param string                    $created   ISO 8601 UTC.
	 * @param string                    $modified  ISO 8601 UTC.
	 * @param array<string, mixed>      $base      revision_id, modified_gmt, hashes.
	 * @param array<string, mixed>|null $decision  Who decided what, when.
	 * @param int|null                  $backup_id Backup taken before applying.
	 */
	public function __construct(
		public readonly int $id,
		public readonly int $agent_id,
		public readonly int $post,
		public readonly string $post_type,
		public readonly string $state,
		public readonly int $risk,
		public readonly ChangeSet $changes,
		public readonly string $rationale,
		public readonly array $source,
		public readonly string $created,
		public readonly string $modified,
		public readonly array $base,
		public readonly ?array $decision,
		public readonly ?int $backup_id
	) {}
}
