// The WordPress block-editor package ships no type declarations; these are the
// two exports the disclosure block uses, typed as the package documents them.
declare module '@wordpress/block-editor' {
	import type { ComponentType, ReactNode } from 'react';

	export const useBlockProps: (
		props?: Record< string, unknown >
	) => Record< string, unknown >;

	export const InspectorControls: ComponentType< {
		children?: ReactNode;
		group?: string;
	} >;
}
