/** The rules every write passes on both ends: access per collection, server-set fields, and the one write check. */
export { COLLECTION_ACCESS, auditActionOf, operationOf, type CollectionAccess, type WriteOperation } from './collection-access.ts';
export { SERVER_SET_FIELDS, sameClientState, withAuthoritativeFields, type Authority } from './server-fields.ts';
export { applyToState, tenantStateOf, type TenantDocuments, type TenantState } from './tenant-state.ts';
export { checkWrite, type WriteCheck } from './check-write.ts';
