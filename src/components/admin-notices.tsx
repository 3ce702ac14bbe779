/**
 * WordPress dependencies
 */
import { NoticeList, SnackbarList } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Renders the @wordpress/notices store on our admin screens, where (unlike in
 * the block editor) nothing else does: inline notices above the content and
 * snackbars at the bottom.
 */
export function AdminNotices() {
	const notices = useSelect(
		( select ) => select( noticesStore ).getNotices(),
		[]
	);
	const { removeNotice } = useDispatch( noticesStore );
	const inline = notices.filter( ( notice ) => notice.type !== 'snackbar' );
	const snackbars = notices.filter(
		( notice ) => notice.type === 'snackbar'
	);
	return (
		<>
			<NoticeList
				className="countersign-notices"
				notices={ inline }
				onRemove={ ( id ) => void removeNotice( id ) }
			/>
			<SnackbarList
				className="countersign-snackbars"
				notices={ snackbars }
				onRemove={ ( id ) => void removeNotice( id ) }
			/>
		</>
	);
}
