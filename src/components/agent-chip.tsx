/**
 * Internal dependencies
 */
import type { AgentRef } from '../api';
import { initials, readableTextColor, safeColor } from '../utils/format';

interface AgentChipProps {
	agent: Pick< AgentRef, 'label' | 'color' >;
	/** Show only the avatar; the label is then its accessible name. */
	compact?: boolean;
}

/**
 * An agent's identity: a coloured avatar with its initials, and its label.
 *
 * @param props         Component props.
 * @param props.agent   The agent.
 * @param props.compact Avatar only.
 */
export function AgentChip( { agent, compact = false }: AgentChipProps ) {
	const background = safeColor( agent.color );
	return (
		<span className="countersign-agent-chip">
			<span
				className="countersign-agent-chip__avatar"
				style={ {
					backgroundColor: background,
					color: readableTextColor( background ),
				} }
				aria-hidden={ compact ? undefined : true }
				role={ compact ? 'img' : undefined }
				aria-label={ compact ? agent.label : undefined }
			>
				{ initials( agent.label ) }
			</span>
			{ ! compact && (
				<span className="countersign-agent-chip__label">
					{ agent.label }
				</span>
			) }
		</span>
	);
}
