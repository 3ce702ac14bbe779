/**
 * WordPress dependencies
 */
import { useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { toApiError } from '../api';

/** A failed save: the server's message and, when it named one, the field. */
export interface FormError {
	message: string;
	field?: string | undefined;
}

/**
 * The values of `draft` that differ from `saved` (compared as JSON, so
 * objects such as the risk overrides compare by content): what a PUT sends.
 *
 * @example
 * ```ts
 * changedFields( { a: 1, b: { x: 1 } }, { a: 2, b: { x: 1 } } ); // { a: 2 }
 * ```
 *
 * @param saved What the server has.
 * @param draft What the form holds.
 */
export function changedFields< T extends object >(
	saved: T,
	draft: T
): Partial< T > {
	const patch: Partial< T > = {};
	for ( const key of Object.keys( draft ) as Array< keyof T > ) {
		if (
			JSON.stringify( draft[ key ] ) !== JSON.stringify( saved[ key ] )
		) {
			patch[ key ] = draft[ key ];
		}
	}
	return patch;
}

/**
 * A form's save: busy while `work` runs, and the API error it threw, with the
 * field the server named (`data.field`) so the form can show it there.
 */
export function useSubmit() {
	const [ isBusy, setIsBusy ] = useState( false );
	const [ error, setError ] = useState< FormError | null >( null );
	const submit = async ( work: () => Promise< void > ) => {
		setIsBusy( true );
		setError( null );
		try {
			await work();
		} catch ( failure ) {
			const apiError = toApiError( failure );
			setError( {
				message: apiError.message,
				field: apiError.data?.field,
			} );
		} finally {
			setIsBusy( false );
		}
	};
	const fieldError = ( field: string ): string | undefined =>
		error?.field === field ? error.message : undefined;
	return { isBusy, error, setError, submit, fieldError };
}
