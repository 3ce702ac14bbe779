/** The REST namespace every Countersign route lives in. */
export const NAMESPACE = '/countersign/v1';
