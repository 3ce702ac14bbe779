export * from './types';
export * from './errors';
export * as api from './client';
export { NAMESPACE } from './client';
