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
		'^uuid$': '<rootDir>/tests/js/uuid.js',
		// marked ships ES modules only; its UMD build is the CommonJS one jest can load.
		'^marked$': '<rootDir>/node_modules/marked/lib/marked.umd.js',
	},
	// A few WordPress packages ship only ES modules (.mjs): compile them like our own sources.
	transform: {
		...defaultConfig.transform,
		'\\.mjs$': require.resolve(
			'@wordpress/scripts/config/babel-transform'
		),
	},
	transformIgnorePatterns: [ '/node_modules/(?!@wordpress/theme/)' ],
};
