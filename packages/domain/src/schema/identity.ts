/** Tenants, users, roles and role assignments. */
import { z } from 'zod';
import {
  LIMITS,
  boundedRecord,
  description,
  documentBase,
  httpsUrl,
  list,
  name,
  permission,
  timestamp,
  uuidRef,
} from './primitives.ts';

export const PLANS = ['free', 'team', 'business', 'enterprise'] as const;
export const TENANT_STATUSES = ['active', 'suspended', 'archived'] as const;

/** The limits a plan sets and a tenant may override (null = unlimited). */
export const QUOTA_KEYS = [
  'seats',
  'roles',
  'workflows',
  'reportRunsPerMonth',
  'storageBytes',
  'apiCallsPerDay',
  'auditRetentionDays',
] as const;

const featureFlagKey = z
  .string()
  .max(64)
  .regex(/^[a-z][A-Za-z0-9._-]*$/, { error: 'must start with a lowercase letter and use only letters, digits, ".", "_" and "-"' });

export const tenantSchema = z
  .strictObject({
    ...documentBase,
    /** A tenant is its own tenant: equals `id`. */
    tenantId: uuidRef,
    name,
    slug: z
      .string()
      .max(41)
      .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, { error: 'must be 2–41 lowercase letters, digits or "-", not starting with "-"' }),
    plan: z.enum(PLANS),
    status: z.enum(TENANT_STATUSES),
    branding: z.strictObject({
      primaryColor: z.string().length(7).regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #1a2b3c' }),
      logoUrl: httpsUrl.optional(),
    }),
    featureFlags: boundedRecord(featureFlagKey, z.boolean(), LIMITS.recordEntries),
    /** Days that deleted data is kept before it is purged. */
    retentionDays: z.int().min(1).max(36_500),
    quotaOverrides: z.partialRecord(z.enum(QUOTA_KEYS), z.int().min(0).nullable()),
  })
  .refine((tenant) => tenant.tenantId === tenant.id, {
    path: ['tenantId'],
    error: "must equal the tenant's own id",
  });

export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;

export const userSchema = z.strictObject({
  ...documentBase,
  email: z.email({ error: 'must be an email address' }).max(LIMITS.email),
  displayName: name,
  status: z.enum(USER_STATUSES),
  mfaEnabled: z.boolean(),
});

export const ROLE_SCOPES = ['tenant', 'platform'] as const;

export const roleSchema = z
  .strictObject({
    ...documentBase,
    name,
    description,
    scope: z.enum(ROLE_SCOPES),
    permissions: list(permission, LIMITS.listMedium),
    /** Role ids this role inherits from (a DAG; the RBAC module rejects cycles). */
    inherits: list(uuidRef, LIMITS.listSmall),
    /** Role ids that no one may hold together with this one (separation of duties). */
    exclusiveWith: list(uuidRef, LIMITS.listSmall),
    builtIn: z.boolean(),
  })
  .refine((role) => role.scope !== 'platform' || role.tenantId === null, {
    path: ['tenantId'],
    error: 'must be null for a platform-scope role (a tenant cannot define platform roles)',
  });

export const roleAssignmentSchema = z
  .strictObject({
    ...documentBase,
    userId: uuidRef,
    roleId: uuidRef,
    grantedBy: uuidRef,
    validFrom: timestamp,
    expiresAt: timestamp.nullable(),
    reason: z.string().min(1, { error: 'must say why the role is granted' }).max(LIMITS.reason),
  })
  .refine((assignment) => assignment.expiresAt === null || assignment.expiresAt > assignment.validFrom, {
    path: ['expiresAt'],
    error: 'must be later than validFrom',
  });

export type Tenant = z.infer<typeof tenantSchema>;
export type User = z.infer<typeof userSchema>;
export type Role = z.infer<typeof roleSchema>;
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
export type Plan = (typeof PLANS)[number];
export type QuotaKey = (typeof QUOTA_KEYS)[number];
