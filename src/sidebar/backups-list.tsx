/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useSelect } from '@wordpress/data';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { store as proposalsStore } from '../store';
import { age } from '../utils/format';

interface BackupsListProps {
	postId: number;
	now: Date;
	canRestore: boolean;
	onRestore: ( backupId: number ) => Promise< void >;
}

/**
 * The post's backups, newest first, each restorable after a confirmation.
 *
 * @param props            Component props.
 * @param props.postId     Post id.
 * @param props.now        Reference time for ages.
 * @param props.canRestore Whether restoring is allowed right now (no unsaved edits).
 * @param props.onRestore  Restores a backup.
 */
export function BackupsList( {
	postId,
	now,
	canRestore,
	onRestore,
}: BackupsListProps ) {
	const [ confirming, setConfirming ] = useState< number | null >( null );
	const { backups, error, isResolved, restoring } = useSelect(
		( select ) => {
			const proposals = select( proposalsStore );
			const list = proposals.getBackups( postId );
			return {
				backups: list,
				error: proposals.getBackupsError( postId ),
				isResolved: proposals.hasFinishedResolution( 'getBackups', [
					postId,
				] ),
				restoring:
					list.find( ( backup ) =>
						proposals.isBackupRestoring( backup.id )
					)?.id ?? null,
			};
		},
		[ postId ]
	);

	if ( error ) {
		return (
			<Notice status="error" isDismissible={ false }>
				{ error.message }
			</Notice>
		);
	}
	if ( ! isResolved && backups.length === 0 ) {
		return <Spinner />;
	}
	if ( backups.length === 0 ) {
		return (
			<p>
				{ __(
					'No backups yet. One is taken before every applied change.',
					'countersign'
				) }
			</p>
		);
	}
	return (
		<ul className="countersign-backups">
			{ backups.map( ( backup ) => (
				<li key={ backup.id } className="countersign-backups__item">
					<div>
						<span className="countersign-backups__age">
							{ age( backup.created_at, now ) }
						</span>
						{ backup.description !== '' && (
							<span className="countersign-backups__reason">
								{ backup.description }
							</span>
						) }
					</div>
					{ confirming === backup.id ? (
						<div
							className="countersign-backups__confirm"
							role="group"
							aria-label={ __(
								'Confirm restore',
								'countersign'
							) }
						>
							<Button
								size="compact"
								variant="primary"
								isBusy={ restoring === backup.id }
								disabled={ restoring !== null || ! canRestore }
								accessibleWhenDisabled
								onClick={ async () => {
									await onRestore( backup.id );
									setConfirming( null );
								} }
							>
								{ __( 'Restore now', 'countersign' ) }
							</Button>
							<Button
								size="compact"
								variant="tertiary"
								onClick={ () => setConfirming( null ) }
							>
								{ __( 'Cancel', 'countersign' ) }
							</Button>
						</div>
					) : (
						<Button
							size="compact"
							variant="secondary"
							disabled={ restoring !== null || ! canRestore }
							accessibleWhenDisabled
							label={ sprintf(
								/* translators: %s: how long ago the backup was taken. */
								__(
									'Restore the backup from %s',
									'countersign'
								),
								age( backup.created_at, now )
							) }
							showTooltip={ false }
							onClick={ () => setConfirming( backup.id ) }
						>
							{ __( 'Restore', 'countersign' ) }
						</Button>
					) }
				</li>
			) ) }
		</ul>
	);
}
