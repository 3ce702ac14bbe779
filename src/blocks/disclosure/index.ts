/**
 * The AI-disclosure block's editor script (block.json `editorScript`). The
 * block is dynamic: it saves nothing and the server renders it from the
 * audit trail, so the editor shows that rendering.
 */

/**
 * WordPress dependencies
 */
import { registerBlockType, type BlockConfiguration } from '@wordpress/blocks';

/**
 * Internal dependencies
 */
import metadata from '../../../block.json';
import Edit, { type DisclosureAttributes } from './edit';

registerBlockType< DisclosureAttributes >(
	metadata as unknown as BlockConfiguration< DisclosureAttributes >,
	{
		edit: Edit,
		save: () => null,
	}
);
