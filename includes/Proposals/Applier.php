<?php
/**
 * The one write path: approve, auto-apply and restore.
 *
 * @package Countersign
 */

declare(strict_types=1);

namespace Countersign\Proposals;

use Countersign\Agents\Agent;
use Countersign\Agents\AgentRepository;
use Countersign\Audit\AuditLog;
use Countersign\Backups\BackupStore;
use Countersign\Backups\Snapshot;
use Countersign\Media\StagedMedia;
use Countersign\Policy\Capabilities;
use Countersign\Policy\Gate;
use Countersign\Policy\Settings;
use Countersign\Support\CacheFence;
use Countersign\Support\Database;
use RuntimeException;
use Throwable;
use WP_Error;
use WP_Post;

/**
 * Applies a proposal inside one transaction while holding the target's lock: re-checks state, agent, kill switch
 * and reviewer; compares the target with the proposal's base; backs the target up; writes through core functions
 * (so revisions and hooks run); audits; commits. Any failure rolls back, leaves the post as it was, and marks the
 * proposal `cs_failed` with the reason.
 */
final class Applier {

	/**
	 * Constructor.
	 *
	 * @param Database           $db        Database.
	 * @param ProposalRepository $proposals Proposals.
	 * @param StateMachine       $states    States.
	 * @param BackupStore        $backups   Backups.
	 * @param AuditLog           $audit     Audit log.
	 * @param AgentRepository    $agents    Agents.
	 * @param Settings           $settings  Settings (kill switch).
	 * @param Merger             $merger    Block-aware content merge.
	 * @param CacheFence         $fence     Keeps the apply's writes out of the shared object cache until commit.
	 * @param Gate               $gate      Judges a reviewer's approval on the final change set.
	 * @param StagedMedia        $media     Staged uploads, turned into attachments on approval.
	 */
	public function __construct(
		private readonly Database $db,
		private readonly ProposalRepository $proposals,
		private readonly StateMachine $states,
		private readonly BackupStore $backups,
		private readonly AuditLog $audit,
		private readonly AgentRepository $agents,
		private readonly Settings $settings,
		private readonly Merger $merger,
		private readonly CacheFence $fence,
		private readonly Gate $gate,
		private readonly StagedMedia $media
	) {}

	/**
	 * Approves and applies a proposal.
	 *
	 * @param int                  $proposal_id Proposal.
	 * @param int                  $user_id     Reviewer, or the agent itself for an auto-apply.
	 * @param array<string, mixed> $edits       Reviewer's replacement values (validated).
	 * @param string               $note        Reviewer's note.
	 * @param bool                 $auto        Whether this is an autonomous agent's auto-apply.
	 * @return Proposal|WP_Error
	 */
	public function approve( int $proposal_id, int $user_id, array $edits = array(), string $note = '', bool $auto = false ): Proposal|WP_Error {
		// The proposal an agent submitted a moment ago may not have reached a replica yet.
		$this->db->primary();
		$proposal = $this->proposals->find( $proposal_id );
		if ( null === $proposal ) {
			return $this->error( 'countersign_not_found', __( 'No such proposal.', 'countersign' ), 404 );
		}
		$lock = $this->lock_name( $proposal );
		if ( ! $this->db->lock( $lock, 10 ) ) {
			return $this->error( 'countersign_invalid_state', __( 'Another decision on this post is in progress; try again.', 'countersign' ), 409 );
		}
		$rolled_back = true;
		try {
			$result      = $this->fence->around(
				$proposal->post,
				$lock,
				fn() => $this->db->transaction(
					function () use ( $proposal, $proposal_id, $user_id, $edits, $note, $auto ) {
						$this->lock_rows( $proposal->post );
						return $this->apply_locked( $proposal_id, $user_id, $edits, $note, $auto );
					}
				)
			);
			$rolled_back = false;
			return $result;
		} catch ( DecisionRefused $refused ) {
			return $refused->error;
		} catch ( Throwable $failure ) {
			return $this->fail( $proposal_id, $failure );
		} finally {
			if ( SiteSettings::in( $proposal->changes ) ) {
				SiteSettings::forget( (array) $proposal->changes->fields()[ SiteSettings::FIELD ] );
			}
			// Files core wrote into the uploads directory for a rolled-back apply are deleted with it.
			$this->media->forget_written( $rolled_back );
			$this->db->unlock( $lock );
		}
	}

	/**
	 * Restores a backup onto its post, snapshotting the current state first so the restore can be undone.
	 *
	 * @param int $backup_id Backup.
	 * @param int $user_id   Reviewer.
	 * @return array{restored: bool, backup_id: int, post: int}|WP_Error
	 */
	public function restore( int $backup_id, int $user_id ): array|WP_Error {
		$this->db->primary();
		$backup = $this->backups->find( $backup_id );
		if ( null === $backup ) {
			return $this->error( 'countersign_not_found', __( 'No such backup, or its snapshot no longer matches its checksum.', 'countersign' ), 404 );
		}
		$post_id = $backup['post_id'];
		if ( 0 === $post_id ) {
			return $this->restore_settings( $backup, $user_id );
		}
		$lock = 'post:' . $post_id;
		if ( ! $this->db->lock( $lock, 10 ) ) {
			return $this->error( 'countersign_invalid_state', __( 'Another decision on this post is in progress; try again.', 'countersign' ), 409 );
		}
		try {
			return $this->fence->around(
				$post_id,
				$lock,
				fn() => $this->db->transaction(
					function () use ( $backup, $post_id, $user_id ): array {
					$this->lock_rows( $post_id );
					clean_post_cache( $post_id );
					$post = get_post( $post_id );
					if ( ! $post instanceof WP_Post ) {
						throw new DecisionRefused( $this->error( 'countersign_not_found', __( 'The backed-up post no longer exists.', 'countersign' ), 404 ) );
					}
					$status   = (string) ( $backup['snapshot']['status'] ?? '' );
					$trashing = 'trash' === $post->post_status || 'trash' === $status;
					// The same checks an approval of this change would need: edit, plus delete across the trash.
					if ( ! user_can( $user_id, Capabilities::REVIEW_POST, $post_id ) || ( $trashing && ! user_can( $user_id, 'delete_post', $post_id ) ) ) {
						throw new DecisionRefused( $this->error( 'rest_forbidden', __( 'You may not restore this post.', 'countersign' ), 403 ) );
					}
					$attachments = array_map( 'intval', array_keys( (array) ( $backup['snapshot']['attachments'] ?? array() ) ) );
					foreach ( $attachments as $attachment ) {
						if ( ! user_can( $user_id, 'edit_post', $attachment ) ) {
							throw new DecisionRefused( $this->error( 'rest_forbidden', __( 'You may not restore this post.', 'countersign' ), 403 ) );
						}
					}
					$before = $this->backups->snapshot( $post, 0, $user_id, 'before_restore', $attachments );
					if ( 'trash' === $post->post_status && 'trash' !== $status && ! wp_untrash_post( $post_id ) ) {
						throw new RuntimeException( __( 'Could not take the post out of the trash.', 'countersign' ) );
					}
					$this->write( wp_update_post( wp_slash( Snapshot::to_postarr( $post_id, $backup['snapshot'] ) ), true ) );
					Snapshot::restore_extras( $post_id, $backup['snapshot'] );
					/** This action is documented in includes/Proposals/Applier.php (apply_locked). */
					do_action( 'countersign_after_write', $post_id, $backup['proposal_id'] );
					if ( $backup['proposal_id'] > 0 ) {
						$this->states->transition( $backup['proposal_id'], StateMachine::APPLIED, StateMachine::REVERTED );
					}
					$this->audit->append(
						'backup.restored',
						array(
							'object_type' => 'post',
							'object_id'   => $post_id,
							'proposal_id' => $backup['proposal_id'],
							'details'     => array(
								'backup_id'     => $backup['id'],
								'new_backup_id' => $before,
							),
						)
					);
					return array(
						'restored'  => true,
						'backup_id' => $before,
						'post'      => $post_id,
					);
					}
				)
			);
		} catch ( DecisionRefused $refused ) {
			return $refused->error;
		} catch ( Throwable $failure ) {
			clean_post_cache( $post_id );
			$this->audit->append(
				'backup.restore_failed',
				array(
					'object_type' => 'post',
					'object_id'   => $post_id,
					'outcome'     => 'failed',
					'details'     => array( 'reason' => $failure->getMessage() ),
				)
			);
			return $this->error( 'countersign_apply_failed', __( 'The restore failed; nothing was changed.', 'countersign' ), 409 );
		} finally {
			$this->db->unlock( $lock );
		}
	}

	/**
	 * Restores a site-settings backup: the settings as they are now are backed up first (so the restore can be undone),
	 * then written back through core, under the `settings` lock, by someone with manage_options; audited with both.
	 *
	 * @param array{id: int, post_id: int, proposal_id: int, created_at: string, created_by: int, reason: string, snapshot: array<string, mixed>} $backup  Backup.
	 * @param int                                                                                                                                 $user_id Reviewer.
	 * @return array{restored: bool, backup_id: int, post: int}|WP_Error
	 */
	private function restore_settings( array $backup, int $user_id ): array|WP_Error {
		if ( ! user_can( $user_id, Capabilities::REVIEW ) || ! user_can( $user_id, SiteSettings::CAPABILITY ) ) {
			return $this->error( 'rest_forbidden', __( 'You may not restore site settings.', 'countersign' ), 403 );
		}
		$values = (array) ( $backup['snapshot'][ SiteSettings::FIELD ] ?? array() );
		if ( ! $this->db->lock( 'site_settings', 10 ) ) {
			return $this->error( 'countersign_invalid_state', __( 'Another decision on the site settings is in progress; try again.', 'countersign' ), 409 );
		}
		try {
			return $this->db->transaction(
				function () use ( $backup, $values, $user_id ): array {
					$current = SiteSettings::current( $values );
					$before  = $this->backups->snapshot_settings( $current, 0, $user_id, 'before_restore' );
					SiteSettings::apply( $values );
					if ( $backup['proposal_id'] > 0 ) {
						$this->states->transition( $backup['proposal_id'], StateMachine::APPLIED, StateMachine::REVERTED );
					}
					$this->audit->append(
						'backup.restored',
						array(
							'object_type' => 'settings',
							'proposal_id' => $backup['proposal_id'],
							'details'     => array(
								'backup_id'     => $backup['id'],
								'new_backup_id' => $before,
								'settings'      => array(
									'before' => $current,
									'after'  => SiteSettings::current( $values ),
								),
							),
						)
					);
					return array(
						'restored'  => true,
						'backup_id' => $before,
						'post'      => 0,
					);
				}
			);
		} catch ( Throwable $failure ) {
			return $this->error( 'countersign_apply_failed', __( 'The restore failed; nothing was changed.', 'countersign' ), 409 );
		} finally {
			SiteSettings::forget( $values );
			$this->db->unlock( 'site_settings' );
		}
	}

	/**
	 * The body of approve(), inside the transaction and the lock.
	 *
	 * @param int                   $proposal_id Proposal.
	 * @param int                   $user_id     Reviewer or agent.
	 * @param array<string, string> $edits       Edits.
	 * @param string                $note        Note.
	 * @param bool                  $auto        Auto-apply.
	 * @throws DecisionRefused When the approval is not allowed; nothing is written.
	 * @throws RuntimeException When the target or the proposal vanished mid-apply; the transaction rolls back.
	 */
	private function apply_locked( int $proposal_id, int $user_id, array $edits, string $note, bool $auto ): Proposal|WP_Error {
		$proposal = $this->proposals->find( $proposal_id );
		if ( null === $proposal || ! in_array( $proposal->state, $this->states->decidable(), true ) ) {
			throw new DecisionRefused( $this->error( 'countersign_invalid_state', __( 'This proposal has already been decided.', 'countersign' ), 409 ) );
		}
		$agent = $this->agents->find( $proposal->agent_id );
		if ( null === $agent || Agent::STATUS_REVOKED === $agent->status ) {
			throw new DecisionRefused( $this->error( 'countersign_invalid_state', __( 'The proposing agent has been revoked.', 'countersign' ), 409 ) );
		}
		if ( Agent::STATUS_PAUSED === $agent->status ) {
			throw new DecisionRefused( $this->error( 'countersign_invalid_state', __( 'The proposing agent is paused: resume it on the Agents screen to apply its proposals, or reject them.', 'countersign' ), 409 ) );
		}
		if ( $auto && $this->settings->kill_switch() ) {
			throw new DecisionRefused( $this->error( 'countersign_kill_switch', __( 'The kill switch is on: nothing auto-applies.', 'countersign' ), 503 ) );
		}
		if ( ! $auto && ! user_can( $user_id, Capabilities::REVIEW_PROPOSAL, $proposal_id ) ) {
			throw new DecisionRefused( $this->error( 'rest_forbidden', __( 'You may not decide this proposal.', 'countersign' ), 403 ) );
		}
		$target = null;
		if ( $proposal->post > 0 ) {
			clean_post_cache( $proposal->post );
			$target = get_post( $proposal->post );
			if ( ! $target instanceof WP_Post ) {
				throw new RuntimeException( __( 'The target post no longer exists.', 'countersign' ) );
			}
		}
		if ( ! $auto ) {
			// What is written is the proposal with this reviewer's edits: that is what their capabilities, the risk
			// level, the token rule and the quorum are judged on, not the proposal as submitted.
			$risk = $this->gate->authorize_approval( $user_id, $proposal, $proposal->changes->with( $edits ), $target );
			if ( is_wp_error( $risk ) ) {
				throw new DecisionRefused( $risk );
			}
			if ( ! $this->quorum_reached( $proposal, $risk, $user_id, $edits, $note ) ) {
				return $this->proposals->find( $proposal_id ) ?? $proposal;
			}
		}

		$merged = array();
		if ( $target ) {
			$moved     = $this->moved_fields( $proposal, $target, $edits );
			$conflicts = array();
			// Content that moved on both sides is merged block by block; every other moved field conflicts.
			if ( in_array( 'content', $moved, true ) ) {
				$base   = (string) ( $this->proposals->base_values( $proposal_id )['content'] ?? '' );
				$result = $this->merger->merge( $base, $target->post_content, (string) $proposal->changes->fields()['content'] );
				if ( $result['ok'] ) {
					$merged['content'] = $result['content'];
					$moved             = array_values( array_diff( $moved, array( 'content' ) ) );
				} else {
					$conflicts = $result['conflicts'];
				}
			}
			if ( $moved ) {
				return $this->conflict( $proposal, $moved, $conflicts );
			}
		}

		if ( ! $this->states->transition( $proposal_id, $proposal->state, StateMachine::APPLIED ) ) {
			throw new DecisionRefused( $this->error( 'countersign_invalid_state', __( 'This proposal has already been decided.', 'countersign' ), 409 ) );
		}

		$chosen = $proposal->changes->with( $merged )->with( $edits );
		// Recorded and written as the approver may post them: without unfiltered_html, kses for the approver (what
		// core's content_save_pre does anyway), so the decision's `final` never keeps markup the post did not get.
		$final = $this->gate->for_approver( $user_id, $chosen );
		if ( $merged ) {
			$this->proposals->set_merge(
				$proposal_id,
				array(
					'fields'   => array_keys( $merged ),
					'strategy' => 'blocks',
					'time'     => gmdate( 'Y-m-d\TH:i:s' ),
				)
			);
		}
		$backup_id   = null;
		$settings    = SiteSettings::in( $final ) ? array( 'before' => SiteSettings::current( (array) $final->fields()[ SiteSettings::FIELD ] ) ) : null;
		$attachments = array_map( 'intval', array_keys( (array) ( $final->fields()['attachments'] ?? array() ) ) );
		// Described attachments are kept in the target's backup; without a target, in a backup of the first of them.
		$backed_up = $target ?? ( array() !== $attachments ? get_post( $attachments[0] ) : null );
		if ( $backed_up instanceof WP_Post ) {
			$backup_id = $this->backups->snapshot( $backed_up, $proposal_id, $user_id, 'before_apply', $attachments );
			$this->proposals->set_backup( $proposal_id, $backup_id );
		} elseif ( null !== $settings ) {
			$backup_id = $this->backups->snapshot_settings( $settings['before'], $proposal_id, $user_id, 'before_apply' );
			$this->proposals->set_backup( $proposal_id, $backup_id );
		}
		list( $post_id, $final ) = $this->write_changes( $final, $target, $proposal );
		if ( null !== $settings ) {
			$settings['after'] = SiteSettings::current( $settings['before'] );
		}
		if ( null === $target && $post_id > 0 ) {
			$this->proposals->set_target( $proposal_id, $post_id );
		}
		/**
		 * Fires after a proposal's changes (or, on restore, a backup) are written, before the transaction commits.
		 * Throwing here rolls the whole apply back (used by the fault-injection tests).
		 *
		 * @param int $post_id     The changed post.
		 * @param int $proposal_id The proposal.
		 */
		do_action( 'countersign_after_write', $post_id, $proposal_id );

		$edited = array() !== array_intersect_key( $edits, $proposal->changes->fields() ) && $proposal->changes->with( $merged )->fields() !== $chosen->fields();
		$this->proposals->set_decision(
			$proposal_id,
			array(
				'user'   => $user_id,
				'time'   => gmdate( 'Y-m-d\TH:i:s' ),
				'action' => 'approve',
				'reason' => $note,
				'edited' => $edited,
				'auto'   => $auto,
				'final'  => $final->fields(),
			)
		);
		$created = array_values( array_filter( array_column( (array) ( $final->fields()['media'] ?? array() ), 'attachment' ) ) );
		$this->audit->append(
			$auto ? 'proposal.auto_applied' : 'proposal.approved',
			array(
				'object_type' => null !== $settings ? 'settings' : ( $post_id > 0 ? $proposal->post_type : 'attachment' ),
				'object_id'   => $post_id > 0 || null !== $settings ? $post_id : (int) ( $created[0] ?? $attachments[0] ?? 0 ),
				'proposal_id' => $proposal_id,
				'agent_id'    => $proposal->agent_id,
				// A site-settings change records each setting's old and new value.
				'details'     => array(
					'fields'    => array_keys( $final->fields() ),
					'edited'    => $edited,
					'note'      => $note,
					'backup_id' => $backup_id,
					'risk'      => $proposal->risk,
					'merged'    => array_keys( $merged ),
					'uploads'   => $created,
				) + ( null === $settings ? array() : array( 'settings' => $settings ) ),
			)
		);
		return $this->proposals->find( $proposal_id ) ?? throw new RuntimeException( __( 'The proposal vanished.', 'countersign' ) );
	}

	/**
	 * Separation of duties: a level 4-5 proposal needs `quorum` distinct reviewers' approvals of the same final
	 * values. An approval is recorded with the hash of what it approved, so approvals never carry over to values a
	 * later reviewer edited. Returns whether this approval completes the quorum.
	 *
	 * @param Proposal             $proposal Proposal.
	 * @param int                  $risk     The risk of the final values (proposal plus edits).
	 * @param int                  $user_id  Reviewer.
	 * @param array<string, mixed> $edits    Reviewer's edits.
	 * @param string               $note     Note.
	 * @throws DecisionRefused When this reviewer already approved these values.
	 */
	private function quorum_reached( Proposal $proposal, int $risk, int $user_id, array $edits, string $note ): bool {
		$needed = $risk >= 4 ? max( 1, (int) $this->settings->get( 'quorum' ) ) : 1;
		if ( $needed < 2 ) {
			return true;
		}
		$hash  = $proposal->changes->with( $edits )->hash();
		$valid = array_filter( $this->proposals->approvals( $proposal->id ), fn( array $approval ): bool => $approval['changes'] === $hash );
		$users = array_unique( array_map( fn( array $approval ): int => (int) $approval['user'], $valid ) );
		if ( in_array( $user_id, $users, true ) ) {
			throw new DecisionRefused( $this->error( 'countersign_invalid_state', __( 'You have already approved this proposal; it needs another reviewer.', 'countersign' ), 409 ) );
		}
		if ( count( $users ) + 1 >= $needed ) {
			return true;
		}
		$this->proposals->add_approval(
			$proposal->id,
			array(
				'user'    => $user_id,
				'time'    => gmdate( 'Y-m-d\TH:i:s' ),
				'note'    => $note,
				'changes' => $hash,
			)
		);
		$this->audit->append(
			'proposal.approval_recorded',
			array(
				'object_type' => $proposal->post_type,
				'object_id'   => $proposal->post,
				'proposal_id' => $proposal->id,
				'agent_id'    => $proposal->agent_id,
				'outcome'     => 'pending',
				'details'     => array(
					'approvals' => count( $users ) + 1,
					'needed'    => $needed,
				),
			)
		);
		return false;
	}

	/**
	 * Writes a change set through core: staged uploads become attachments (media_handle_sideload) and the set's
	 * references to them their ids and URLs; then wp_insert_post / wp_update_post (so revisions and hooks run), terms,
	 * meta, featured image and attachments' descriptions, then wp_trash_post / wp_untrash_post for the trash so core's
	 * bookkeeping runs. A set of only media-library fields and no target writes no post (post id 0).
	 *
	 * @param ChangeSet    $final    What to write.
	 * @param WP_Post|null $target   Target, null for a new post.
	 * @param Proposal     $proposal The proposal.
	 * @return array{0: int, 1: ChangeSet} The post written, and the set as written (references resolved).
	 * @throws RuntimeException When core refuses a write.
	 */
	private function write_changes( ChangeSet $final, ?WP_Post $target, Proposal $proposal ): array {
		if ( SiteSettings::in( $final ) ) {
			SiteSettings::apply( (array) $final->fields()[ SiteSettings::FIELD ] );
			return array( 0, $final );
		}
		$uploads  = (array) ( $final->fields()['media'] ?? array() );
		$created  = array() === $uploads ? array() : $this->media->materialize( $uploads, $target ? $target->ID : 0 );
		$final    = $final->with_uploads( $created );
		$fields   = $final->fields();
		$postarr  = $final->to_postarr();
		$revision = null === $target ? 0 : self::latest_revision( $target->ID );
		if ( null === $target && $final->library_only() ) {
			$final->apply_extras( 0 );
			return array( 0, $final );
		}
		if ( null === $target ) {
			$post_id    = $this->write(
				wp_insert_post(
					wp_slash(
						$postarr + array(
							'post_type'   => $proposal->post_type,
							'post_status' => 'draft',
							'post_author' => $proposal->agent_id,
						)
					),
					true
				)
			);
			$clone_from = (int) ( $proposal->base['clone_from'] ?? 0 );
			if ( $clone_from > 0 ) {
				update_post_meta( $post_id, CloneSource::META, $clone_from );
			}
		} else {
			$post_id = $target->ID;
			if ( 'trash' === $target->post_status && isset( $fields['status'] ) && 'trash' !== $fields['status'] && ! wp_untrash_post( $post_id ) ) {
				throw new RuntimeException( __( 'Could not restore the post from the trash.', 'countersign' ) );
			}
			if ( $postarr ) {
				$this->write( wp_update_post( wp_slash( array( 'ID' => $post_id ) + $postarr ), true ) );
			}
		}
		// The revision core made of this write names the proposal, so core's Revisions screen can say whose it was.
		$made = self::latest_revision( $post_id );
		if ( $made > $revision ) {
			add_metadata( 'post', $made, ProposalRepository::META_REVISION_OF, $proposal->id, true );
		}
		if ( null === $target ) {
			// Uploads of a new post belong to it, as if added in its editor.
			foreach ( $created as $attachment ) {
				$this->write(
					wp_update_post(
						array(
							'ID'          => $attachment,
							'post_parent' => $post_id,
						),
						true
					)
				);
			}
		}
		$final->apply_extras( $post_id );
		if ( 'trash' === ( $fields['status'] ?? '' ) && ! wp_trash_post( $post_id ) ) {
			throw new RuntimeException( __( 'Could not move the post to the trash.', 'countersign' ) );
		}
		return array( $post_id, $final );
	}

	/**
	 * The id of a post's newest revision (0: none).
	 *
	 * @param int $post_id Post.
	 */
	private static function latest_revision( int $post_id ): int {
		$ids = wp_get_post_revisions(
			$post_id,
			array(
				'numberposts' => 1,
				'fields'      => 'ids',
				'orderby'     => 'ID',
				'order'       => 'DESC',
			)
		);
		return (int) ( array_values( $ids )[0] ?? 0 );
	}

	/**
	 * Fields whose current value is no longer the one the proposal was based on (and the reviewer did not resolve).
	 *
	 * @param Proposal              $proposal Proposal.
	 * @param WP_Post               $target   Target now.
	 * @param array<string, string> $edits    Reviewer's edits: an edited field counts as resolved.
	 * @return list<string>
	 */
	private function moved_fields( Proposal $proposal, WP_Post $target, array $edits ): array {
		$hashes = (array) ( $proposal->base['hashes'] ?? array() );
		$moved  = array();
		foreach ( $proposal->changes->current_values( $target ) as $field => $current ) {
			if ( array_key_exists( $field, $edits ) ) {
				continue;
			}
			$base = (string) ( $hashes[ $field ] ?? '' );
			if ( '' !== $base && ! hash_equals( $base, ChangeSet::hash_value( $current ) ) ) {
				$moved[] = $field;
			}
		}
		return $moved;
	}

	/**
	 * The blocks of a proposal's content that conflict with the post as it is now, each with its three versions
	 * and the reviewer's side, and the content merged with those sides once every block has one: what a reviewer
	 * resolves a conflict with, block by block, before approving it with that content as an edit.
	 *
	 * @param Proposal              $proposal Proposal.
	 * @param array<string, string> $choices  Conflict path => "current" or "proposed".
	 * @return array{blocks: list<array{path: string, reason: string, base: string, current: ?string, proposed: ?string, choice: ?string}>, content: ?string}
	 */
	public function content_conflicts( Proposal $proposal, array $choices ): array {
		$fields = $proposal->changes->fields();
		$target = $proposal->post > 0 ? get_post( $proposal->post ) : null;
		if ( ! $target instanceof WP_Post || ! array_key_exists( 'content', $fields ) ) {
			return array(
				'blocks'  => array(),
				'content' => null,
			);
		}
		$base   = (string) ( $this->proposals->base_values( $proposal->id )['content'] ?? '' );
		$result = $this->merger->merge( $base, $target->post_content, (string) $fields['content'], $choices );
		$blocks = array();
		foreach ( $this->merger->sides() as $path => $sides ) {
			$blocks[] = array( 'path' => (string) $path ) + $sides + array( 'choice' => $choices[ $path ] ?? null );
		}
		return array(
			'blocks'  => $blocks,
			'content' => $result['ok'] ? $result['content'] : null,
		);
	}

	/**
	 * Records a conflict: the state persists (this is not a rollback), nothing is written to the target.
	 *
	 * @param Proposal                                  $proposal  Proposal.
	 * @param list<string>                              $moved     Fields that moved.
	 * @param list<array{path: string, reason: string}> $conflicts Blocks the content merge could not resolve.
	 */
	private function conflict( Proposal $proposal, array $moved, array $conflicts = array() ): WP_Error {
		if ( StateMachine::CONFLICT !== $proposal->state ) {
			$this->states->transition( $proposal->id, $proposal->state, StateMachine::CONFLICT );
		}
		$this->audit->append(
			'proposal.conflict',
			array(
				'object_type' => $proposal->post_type,
				'object_id'   => $proposal->post,
				'proposal_id' => $proposal->id,
				'agent_id'    => $proposal->agent_id,
				'outcome'     => 'conflict',
				'details'     => array(
					'fields' => $moved,
					'blocks' => $conflicts,
				),
			)
		);
		return new WP_Error(
			'countersign_conflict',
			__( 'The post changed since the agent proposed this. Approve with edits to resolve the conflict.', 'countersign' ),
			array(
				'status'    => 409,
				'fields'    => $moved,
				'conflicts' => $conflicts,
			)
		);
	}

	/**
	 * After a rollback: marks the proposal failed with the reason and audits it.
	 *
	 * @param int       $proposal_id Proposal.
	 * @param Throwable $failure     What went wrong.
	 */
	private function fail( int $proposal_id, Throwable $failure ): WP_Error {
		$proposal = $this->proposals->find( $proposal_id );
		if ( $proposal ) {
			clean_post_cache( $proposal->post );
			if ( StateMachine::FAILED !== $proposal->state ) {
				$this->states->transition( $proposal_id, $proposal->state, StateMachine::FAILED );
			}
			$this->proposals->set_decision(
				$proposal_id,
				array(
					'user'   => get_current_user_id(),
					'time'   => gmdate( 'Y-m-d\TH:i:s' ),
					'action' => 'failed',
					'reason' => $failure->getMessage(),
					'edited' => false,
				)
			);
		}
		$this->audit->append(
			'proposal.failed',
			array(
				'proposal_id' => $proposal_id,
				'object_id'   => $proposal ? $proposal->post : 0,
				'outcome'     => 'failed',
				'details'     => array( 'reason' => $failure->getMessage() ),
			)
		);
		return $this->error( 'countersign_apply_failed', __( 'Applying the proposal failed; the post was not changed.', 'countersign' ) . ' ' . $failure->getMessage(), 409 );
	}

	/**
	 * Unwraps a core write result.
	 *
	 * @param int|WP_Error $result wp_insert_post / wp_update_post result.
	 * @throws RuntimeException On failure.
	 */
	private function write( int|WP_Error $result ): int {
		if ( is_wp_error( $result ) || 0 === $result ) {
			throw new RuntimeException( is_wp_error( $result ) ? $result->get_error_message() : 'WordPress refused the write.' );
		}
		return $result;
	}

	/**
	 * Locks the target's row before anything else is read in the transaction. Our named lock keeps other decisions
	 * out, but a person saving through core does not take it: the row lock makes their save wait for our commit
	 * (or ours for theirs), and because it is the transaction's first read, every later read sees their words.
	 *
	 * @param int $post_id Target (0 for a new post: nothing to lock).
	 */
	private function lock_rows( int $post_id ): void {
		if ( $post_id > 0 ) {
			$wpdb = $this->db->wpdb();
			// A row lock (FOR UPDATE) has no WordPress API; a refused one (lock wait timeout) stops the apply.
			$this->db->locked_row( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE ID = %d FOR UPDATE", $post_id ) );
		}
	}

	/**
	 * The lock that serialises decisions on one target.
	 *
	 * @param Proposal $proposal Proposal.
	 */
	private function lock_name( Proposal $proposal ): string {
		if ( SiteSettings::in( $proposal->changes ) ) {
			// Site-settings applies and restores take one lock, so they happen one after another.
			return 'site_settings';
		}
		return $proposal->post > 0 ? 'post:' . $proposal->post : 'proposal:' . $proposal->id;
	}

	/**
	 * A WP_Error with a status.
	 *
	 * @param string $code    Code.
	 * @param string $message Message.
	 * @param int    $status  HTTP status.
	 */
	private function error( string $code, string $message, int $status ): WP_Error {
		return new WP_Error( $code, $message, array( 'status' => $status ) );
	}
}
