/**
 * jest only: uuid 14 ships as ES modules alone, which jest 29 cannot require.
 * @wordpress/components needs v4() (instance ids), which Node's crypto provides.
 */
const { randomUUID } = require( 'crypto' );

module.exports = { v4: () => randomUUID() };
