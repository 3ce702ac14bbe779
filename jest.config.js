/**
 * Jest configuration: the @wordpress/scripts unit preset (jsdom), limited to
 * the `__tests__` folders beside the code in src/ and bin/.
 */
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config' );

module.exports = {
	...defaultConfig,
	rootDir: __dirname,
	roots: [ '<rootDir>/src', '<rootDir>/bin' ],
	testMatch: [ '**/__tests__/**/*.test.[jt]s?(x)' ],
	testPathIgnorePatterns: [ '/node_modules/', '/build/' ],
	setupFiles: [ '<rootDir>/tests/jest/setup-globals.js' ],
	// @wordpress/components and @wordpress/blocks pull in packages that ship ES
	// modules only (uuid, marked, parsel-js, @wordpress/theme's .mjs build):
	// babel compiles those like our own sources.
	transform: {
		...defaultConfig.transform,
		'\\.mjs$': require.resolve(
			'@wordpress/scripts/config/babel-transform'
		),
	},
	transformIgnorePatterns: [
		'/node_modules/(?!(uuid|marked|parsel-js|@wordpress/theme)/)',
	],
};
