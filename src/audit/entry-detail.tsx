/**
 * WordPress dependencies
 */
import { Modal } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { AuditEntry } from '../api';
import { AgentChip } from '../components';
import { entrySections } from './describe';

/**
 * Label/value pairs as a description list.
 *
 * @param props       Component props.
 * @param props.pairs Pairs.
 * @param props.mono  Values in a monospace font (hashes).
 */
function Pairs( {
	pairs,
	mono = false,
}: {
	pairs: Array< [ string, string ] >;
	mono?: boolean;
} ) {
	return (
		<dl
			className={ `countersign-audit-detail__pairs${
				mono ? ' is-mono' : ''
			}` }
		>
			{ pairs.map( ( [ label, value ] ) => (
				<div key={ label }>
					<dt>{ label }</dt>
					<dd>{ value }</dd>
				</div>
			) ) }
		</dl>
	);
}

/**
 * One audit entry in full: who, what and when; the request; the change; the
 * decision; and its place in the chain (its hash and the previous one).
 *
 * @param props         Component props.
 * @param props.entry   The entry.
 * @param props.onClose Closes the view.
 */
export function EntryDetail( {
	entry,
	onClose,
}: {
	entry: AuditEntry;
	onClose: () => void;
} ) {
	const sections = entrySections( entry );
	const rest = Object.keys( sections.other ).length > 0;
	return (
		<Modal
			title={ sprintf(
				/* translators: 1: entry id, 2: action. */
				__( 'Audit entry #%1$d: %2$s', 'countersign' ),
				entry.id,
				entry.action
			) }
			onRequestClose={ onClose }
			size="large"
			className="countersign-audit-detail"
		>
			<section aria-labelledby="countersign-audit-detail-summary">
				<h2 id="countersign-audit-detail-summary">
					{ __( 'Summary', 'countersign' ) }
				</h2>
				<dl className="countersign-audit-detail__pairs">
					<div>
						<dt>{ __( 'When (UTC)', 'countersign' ) }</dt>
						<dd>{ entry.created_at }</dd>
					</div>
					<div>
						<dt>{ __( 'Actor', 'countersign' ) }</dt>
						<dd>
							{ entry.actor.name }{ ' ' }
							<span className="countersign-audit-detail__muted">
								{ `(${ entry.actor_type }${
									entry.actor_id
										? ` #${ entry.actor_id }`
										: ''
								})` }
							</span>
						</dd>
					</div>
					{ entry.agent && (
						<div>
							<dt>{ __( 'Agent', 'countersign' ) }</dt>
							<dd>
								<AgentChip agent={ entry.agent } />
							</dd>
						</div>
					) }
					<div>
						<dt>{ __( 'Outcome', 'countersign' ) }</dt>
						<dd>{ entry.outcome }</dd>
					</div>
					{ entry.object_type && (
						<div>
							<dt>{ __( 'Object', 'countersign' ) }</dt>
							<dd>
								{ entry.object_id
									? `${ entry.object_type } #${ entry.object_id }`
									: entry.object_type }
							</dd>
						</div>
					) }
					{ entry.proposal_id > 0 && (
						<div>
							<dt>{ __( 'Proposal', 'countersign' ) }</dt>
							<dd>
								{ entry.object_id > 0 ? (
									<a
										href={ addQueryArgs( 'post.php', {
											post: entry.object_id,
											action: 'edit',
											countersign: entry.proposal_id,
										} ) }
									>
										{ sprintf(
											/* translators: %d: proposal id. */
											__( 'Proposal #%d', 'countersign' ),
											entry.proposal_id
										) }
									</a>
								) : (
									`#${ entry.proposal_id }`
								) }
							</dd>
						</div>
					) }
				</dl>
			</section>
			{ sections.request.length > 0 && (
				<section aria-labelledby="countersign-audit-detail-request">
					<h2 id="countersign-audit-detail-request">
						{ __( 'Request', 'countersign' ) }
					</h2>
					<Pairs pairs={ sections.request } />
				</section>
			) }
			{ sections.change.length > 0 && (
				<section aria-labelledby="countersign-audit-detail-change">
					<h2 id="countersign-audit-detail-change">
						{ __( 'Change', 'countersign' ) }
					</h2>
					<Pairs pairs={ sections.change } />
				</section>
			) }
			{ sections.decision.length > 0 && (
				<section aria-labelledby="countersign-audit-detail-decision">
					<h2 id="countersign-audit-detail-decision">
						{ __( 'Decision', 'countersign' ) }
					</h2>
					<Pairs pairs={ sections.decision } />
				</section>
			) }
			{ rest && (
				<section aria-labelledby="countersign-audit-detail-more">
					<h2 id="countersign-audit-detail-more">
						{ __( 'More details', 'countersign' ) }
					</h2>
					<pre className="countersign-audit-detail__json">
						{ JSON.stringify( sections.other, null, 2 ) }
					</pre>
				</section>
			) }
			<section aria-labelledby="countersign-audit-detail-chain">
				<h2 id="countersign-audit-detail-chain">
					{ __( 'Integrity', 'countersign' ) }
				</h2>
				<Pairs
					mono
					pairs={ [
						[ __( 'Hash', 'countersign' ), entry.hash ],
						[
							__( 'Previous hash', 'countersign' ),
							entry.prev_hash,
						],
					] }
				/>
				<p className="countersign-audit-detail__muted">
					{ __(
						'Each hash is an HMAC of the previous hash and this entry, so changing, removing or reordering any entry breaks every hash after it.',
						'countersign'
					) }
				</p>
			</section>
		</Modal>
	);
}
