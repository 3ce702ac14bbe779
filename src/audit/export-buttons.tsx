/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import { auditApi, type AuditQuery } from '../api';

declare global {
	interface Window {
		/** Printed by the Audit log page (includes/Admin/Menu.php). */
		countersignAudit?: {
			exportUrl: string;
			headUrl: string;
			nonce: string;
		};
	}
}

/**
 * CSV and JSON downloads of every entry matching the current filters. They
 * are plain links: the server streams the file row by row and the browser
 * writes it to disk as it arrives, however long the log is. Beside them, the
 * signed head of the log, to keep outside the site: POST it to /audit/verify
 * later and a log cut short, even with its anchor rolled back, is caught.
 *
 * @param props       Component props.
 * @param props.query The current filters.
 */
export function ExportButtons( { query }: { query: AuditQuery } ) {
	const config = window.countersignAudit;
	if ( ! config ) {
		return null;
	}
	return (
		<div className="countersign-audit__export">
			{ ( [ 'csv', 'json' ] as const ).map( ( format ) => (
				<Button
					key={ format }
					variant="secondary"
					__next40pxDefaultSize
					href={ auditApi.exportUrl(
						config.exportUrl,
						config.nonce,
						format,
						query
					) }
					download
				>
					{ format === 'csv'
						? __( 'Export CSV', 'countersign' )
						: __( 'Export JSON', 'countersign' ) }
				</Button>
			) ) }
			<Button
				variant="secondary"
				__next40pxDefaultSize
				href={ addQueryArgs( config.headUrl, {
					_wpnonce: config.nonce,
				} ) }
				download="countersign-audit-head.json"
			>
				{ __( 'Export head', 'countersign' ) }
			</Button>
		</div>
	);
}
