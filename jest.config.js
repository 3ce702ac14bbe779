/**
 * Jest configuration: the @wordpress/scripts unit preset, limited to the
 * `__tests__` folders beside the code in src/.
 */
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config' );

module.exports = {
	...defaultConfig,
	rootDir: __dirname,
	roots: [ '<rootDir>/src', '<rootDir>/bin' ],
	testMatch: [ '**/__tests__/**/*.test.[jt]s?(x)' ],
	testPathIgnorePatterns: [ '/node_modules/', '/build/' ],
	moduleNameMapper: {
		...defaultConfig.moduleNameMapper,
		// marked ships ES modules only; its UMD build is the CommonJS one jest can load.
		'^marked$': '<rootDir>/node_modules/marked/lib/marked.umd.js',
	},
};
