/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { __, sprintf } from '@wordpress/i18n';
import { addQueryArgs } from '@wordpress/url';

/**
 * Internal dependencies
 */
import type { MediaUpload, StagedFile } from '../api';

/**
 * The wp_rest nonce core's inline script gives apiFetch (`wp.apiFetch.nonceMiddleware`). An `<img>` cannot send the
 * X-WP-Nonce header, so the preview URL carries it as `_wpnonce`, as core's own REST links for downloads do.
 */
function restNonce(): string {
	const fetcher = apiFetch as unknown as {
		nonceMiddleware?: { nonce?: string };
	};
	return fetcher.nonceMiddleware?.nonce ?? '';
}

/**
 * A size in bytes as people read it.
 *
 * @param bytes Bytes.
 */
export function formatSize( bytes: number ): string {
	if ( bytes >= 1048576 ) {
		return sprintf(
			/* translators: %s: size in megabytes. */
			__( '%s MB', 'countersign' ),
			( bytes / 1048576 ).toFixed( 1 )
		);
	}
	return sprintf(
		/* translators: %s: size in kilobytes. */
		__( '%s KB', 'countersign' ),
		String( Math.max( 1, Math.round( bytes / 1024 ) ) )
	);
}

/**
 * The files a proposal adds, as the reviewer must see them before approving: an image preview (through the
 * authenticated route; the file is nowhere public yet), the name, type, size and dimensions, and the title, alt text
 * and caption the agent gives it.
 *
 * @param props         Component props.
 * @param props.uploads The proposal's staged files.
 * @param props.media   The proposal's `changes.media` (texts by reference).
 */
export function StagedUploads( {
	uploads,
	media,
}: {
	uploads: readonly StagedFile[];
	media: readonly MediaUpload[];
} ) {
	if ( uploads.length === 0 ) {
		return null;
	}
	const nonce = restNonce();
	return (
		<ul
			className="countersign-staged-uploads"
			aria-label={ __( 'Files to add', 'countersign' ) }
		>
			{ uploads.map( ( file ) => {
				const texts = media.find( ( item ) => item.ref === file.ref );
				const src = addQueryArgs( file.preview, { _wpnonce: nonce } );
				return (
					<li
						key={ file.ref }
						className="countersign-staged-uploads__item"
					>
						{ file.type.startsWith( 'image/' ) && (
							<img
								src={ src }
								alt={ sprintf(
									/* translators: %s: file name. */
									__( 'Preview of %s', 'countersign' ),
									file.name
								) }
								className="countersign-staged-uploads__preview"
							/>
						) }
						<dl className="countersign-staged-uploads__facts">
							<dt>{ __( 'File', 'countersign' ) }</dt>
							<dd>{ file.name }</dd>
							<dt>{ __( 'Type and size', 'countersign' ) }</dt>
							<dd>
								{ file.type } · { formatSize( file.size ) }
								{ file.width > 0 &&
									` · ${ sprintf(
										/* translators: 1: width, 2: height, in pixels. */
										__( '%1$d × %2$d px', 'countersign' ),
										file.width,
										file.height
									) }` }
							</dd>
							{ texts?.title && (
								<>
									<dt>{ __( 'Title', 'countersign' ) }</dt>
									<dd>{ texts.title }</dd>
								</>
							) }
							{ texts?.alt && (
								<>
									<dt>{ __( 'Alt text', 'countersign' ) }</dt>
									<dd>{ texts.alt }</dd>
								</>
							) }
							{ texts?.caption && (
								<>
									<dt>{ __( 'Caption', 'countersign' ) }</dt>
									<dd>{ texts.caption }</dd>
								</>
							) }
						</dl>
					</li>
				);
			} ) }
		</ul>
	);
}
