/**
 * Jest configuration: the @wordpress/scripts unit preset, limited to the
 * `__tests__` folders beside the code in src/.
 */
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config' );

module.exports = {
	...defaultConfig,
	rootDir: __dirname,
	roots: [ '<rootDir>/src' ],
	testMatch: [ '**/__tests__/**/*.test.[jt]s?(x)' ],
	testPathIgnorePatterns: [ '/node_modules/', '/build/' ],
	// @wordpress/components pulls in packages that ship ES modules only (uuid, marked, parsel-js,
	// @wordpress/theme's .mjs build); let babel compile those for the component tests.
	transform: {
		...defaultConfig.transform,
		'\\.mjs$': defaultConfig.transform[ '\\.[jt]sx?$' ],
	},
	setupFiles: [ '<rootDir>/tests/jest/setup-globals.js' ],
	transformIgnorePatterns: [ '/node_modules/(?!(uuid|marked|parsel-js|@wordpress/theme)/)' ],
};
