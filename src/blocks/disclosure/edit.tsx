/**
 * WordPress dependencies
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody, TextControl, ToggleControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import ServerSideRender from '@wordpress/server-side-render';

// A type alias, not an interface: registerBlockType wants attributes assignable to Record< string, unknown >.
export type DisclosureAttributes = {
	wording: string;
	showAgentNames: boolean;
	showApprovers: boolean;
};

export const DEFAULT_WORDING = __(
	'Parts of this post were proposed by AI agents and reviewed by people before publication.',
	'countersign'
);

/**
 * Shown in place of the preview while no agent has changed the post: the
 * block renders nothing on the front end then, which would look like a bug.
 */
function EmptyPreview() {
	return (
		<p className="countersign-disclosure__empty">
			{ __(
				'AI disclosure: no agent has changed this post yet. Once an agent’s proposal is applied, this label names the agents and the people who approved their changes.',
				'countersign'
			) }
		</p>
	);
}

/**
 * The block in the editor: the server's own rendering of the label for this
 * post (the audit trail is on the server), and its settings in the sidebar.
 *
 * @param props Block edit props.
 */
export default function DisclosureEdit(
	props: BlockEditProps< DisclosureAttributes >
) {
	const { attributes, setAttributes, context } = props;
	const postId =
		typeof context.postId === 'number' ? context.postId : undefined;
	const blockProps = useBlockProps( {
		className: 'countersign-disclosure-preview',
	} );
	return (
		<>
			<InspectorControls>
				<PanelBody title={ __( 'Disclosure settings', 'countersign' ) }>
					<TextControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'Wording', 'countersign' ) }
						help={ __(
							'Leave empty for the default statement.',
							'countersign'
						) }
						placeholder={ DEFAULT_WORDING }
						value={ attributes.wording }
						onChange={ ( wording ) => setAttributes( { wording } ) }
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __( 'Show agent names', 'countersign' ) }
						checked={ attributes.showAgentNames }
						onChange={ ( showAgentNames ) =>
							setAttributes( { showAgentNames } )
						}
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __( 'Show who approved', 'countersign' ) }
						checked={ attributes.showApprovers }
						onChange={ ( showApprovers ) =>
							setAttributes( { showApprovers } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<div { ...blockProps }>
				<ServerSideRender
					block="countersign/ai-disclosure"
					attributes={ { ...attributes } }
					urlQueryArgs={ postId ? { post_id: postId } : {} }
					EmptyResponsePlaceholder={ EmptyPreview }
				/>
			</div>
		</>
	);
}
