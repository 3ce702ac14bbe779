/**
 * Extends the @wordpress/scripts configuration with Countersign's entries (the screens and the disclosure block's editor script).
 *
 * Each entry gets its own build/NAME.js and build/NAME.asset.php (dependency
 * extraction stays on, so WordPress packages load as wp-* script handles).
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

module.exports = {
	...defaultConfig,
	entry: {
		sidebar: path.resolve( __dirname, 'src/sidebar/index.tsx' ),
		queue: path.resolve( __dirname, 'src/queue/index.tsx' ),
		agents: path.resolve( __dirname, 'src/agents/index.tsx' ),
		settings: path.resolve( __dirname, 'src/settings/index.tsx' ),
		// The AI-disclosure block's editor preview (block.json editorScript).
		'disclosure-editor': path.resolve(
			__dirname,
			'src/blocks/disclosure/index.ts'
		),
		audit: path.resolve( __dirname, 'src/audit/index.tsx' ),
		usage: path.resolve( __dirname, 'src/usage/index.tsx' ),
	},
	output: {
		...defaultConfig.output,
		// Lazy chunks (the markup diff viewer) are resolved relative to the
		// script that loads them, so they work from wp-content/plugins/countersign/build/
		// whatever the site's URL layout.
		publicPath: 'auto',
	},
	optimization: {
		...defaultConfig.optimization,
		splitChunks: {
			...defaultConfig.optimization.splitChunks,
			cacheGroups: {
				...defaultConfig.optimization.splitChunks.cacheGroups,
				// Keep the diff viewer's libraries in its own named chunk instead
				// of anonymous vendor chunks.
				defaultVendors: false,
				// Syntax grammars the diff viewer can load on demand: one chunk, not forty.
				diffGrammars: {
					test: /[\\/]node_modules[\\/]refractor[\\/]lang[\\/]/,
					chunks: 'async',
					name: 'markup-diff-grammars',
					enforce: true,
				},
			},
		},
	},
};
