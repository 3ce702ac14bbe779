/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ApiError } from './types';

/**
 * Whether a thrown value has the shape of a REST error body.
 *
 * @param error Anything caught from apiFetch.
 */
export function isApiError( error: unknown ): error is ApiError {
	return (
		typeof error === 'object' &&
		error !== null &&
		typeof ( error as { code?: unknown } ).code === 'string' &&
		typeof ( error as { message?: unknown } ).message === 'string'
	);
}

/**
 * Normalises anything apiFetch can throw (REST error, network failure,
 * programming error) into an ApiError, so the store keeps one error shape.
 *
 * @param error Anything caught from apiFetch.
 */
export function toApiError( error: unknown ): ApiError {
	if ( isApiError( error ) ) {
		return error;
	}
	if ( error instanceof Error ) {
		return { code: 'countersign_client_error', message: error.message };
	}
	return {
		code: 'countersign_unknown_error',
		message: __( 'Something went wrong. Please try again.', 'countersign' ),
	};
}
