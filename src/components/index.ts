export { AgentChip } from './agent-chip';
export { RiskBadge } from './risk-badge';
export { StatusBadge } from './status-badge';
export { AdminNotices } from './admin-notices';
export { ModalActions } from './modal-actions';
export { RejectReasonForm } from './reject-reason-form';
export { TableBox } from './table-box';
export { RiskReasons } from './risk-reasons';
