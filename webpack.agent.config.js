/**
 * Bundles the countersign-agent command (src/agent) for Node: one file,
 * build/agent/countersign-agent.js, run by bin/countersign-agent.
 *
 * It reuses @wordpress/scripts' loaders (Babel with TypeScript) so the CLI
 * compiles exactly like the screens that share src/api, but targets Node and
 * bundles its dependencies (marked) instead of mapping them to wp-* globals.
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

module.exports = {
	mode: 'production',
	target: 'node20',
	entry: {
		'countersign-agent': path.resolve( __dirname, 'src/agent/index.ts' ),
	},
	output: {
		path: path.resolve( __dirname, 'build/agent' ),
		filename: '[name].js',
		library: { type: 'commonjs2' },
		clean: true,
	},
	resolve: defaultConfig.resolve,
	module: defaultConfig.module,
	optimization: { minimize: false },
	devtool: false,
	performance: { hints: false },
};
