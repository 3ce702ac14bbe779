export * from './types';
export * from './errors';
export * as api from './client';
export { NAMESPACE } from './client';
export * as reviewApi from './review';
export type { BatchAction, BatchResult } from './review';
export * as auditApi from './audit';
export type {
	ActorType,
	AgentUsage,
	AuditEntry,
	AuditPage,
	AuditQuery,
	ChainStatus,
	UsageCounters,
	UsageDay,
	UsageQuery,
	UsageReport,
} from './audit';
