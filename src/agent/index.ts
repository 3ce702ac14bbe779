/**
 * Entry point of the countersign-agent bundle (build/agent/countersign-agent.js).
 */

/**
 * Internal dependencies
 */
import { main } from './cli';

main().catch( ( error: unknown ) => {
	process.stderr.write(
		`countersign-agent: ${
			error instanceof Error
				? ( error.stack ?? error.message )
				: String( error )
		}\n`
	);
	process.exitCode = 1;
} );
