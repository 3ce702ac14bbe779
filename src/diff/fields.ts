/**
 * Internal dependencies
 */
import type { ProposalDetail } from '../api';
import { fieldText } from '../utils/format';
import { fieldLabel } from '../utils/labels';

export interface DiffableField {
	name: string;
	label: string;
	/** The post's value now. */
	before: string;
	/** The value the agent proposes. */
	after: string;
}

/** Reading order of the fields people care about most; the rest follow alphabetically. */
const FIELD_ORDER = [ 'title', 'excerpt', 'content' ];

/**
 * Turns a proposal detail's `fields` into text pairs for the markup diff:
 * what the post holds now (`current`, not `base`, because that is what
 * approving would replace) against what the agent proposes.
 *
 * @example
 * ```ts
 * diffableFields( detail ); // [ { name: 'title', label: 'Title', before: 'Old', after: 'New' } ]
 * ```
 *
 * @param detail A proposal with `fields`.
 */
export function diffableFields(
	detail: Pick< ProposalDetail, 'fields' >
): DiffableField[] {
	const rank = ( name: string ): number => {
		const index = FIELD_ORDER.indexOf( name );
		return index === -1 ? FIELD_ORDER.length : index;
	};
	return Object.keys( detail.fields )
		.sort( ( a, b ) => rank( a ) - rank( b ) || a.localeCompare( b ) )
		.flatMap( ( name ) => {
			const field = detail.fields[ name ];
			if ( ! field ) {
				return [];
			}
			return [
				{
					name,
					label: fieldLabel( name ),
					before: fieldText( field.current ),
					after: fieldText( field.proposed ),
				},
			];
		} );
}

/**
 * Whether the value moved since the agent read it (current differs from base),
 * which means approving may need a merge.
 *
 * @param detail A proposal with `fields`.
 * @return Names of the fields that moved.
 */
export function movedFields(
	detail: Pick< ProposalDetail, 'fields' >
): string[] {
	return Object.entries( detail.fields )
		.filter(
			( [ , field ] ) =>
				field !== undefined &&
				fieldText( field.base ) !== fieldText( field.current )
		)
		.map( ( [ name ] ) => name );
}
