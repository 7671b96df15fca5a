/**
 * Test support (imported only by *.test.ts): small valid documents of the
 * counted collections, with only what a test cares about to be filled in.
 */
import type { Role, User } from '../schema/identity.ts';
import type { ReportRun } from '../schema/reports.ts';
import type { Workflow } from '../schema/workflows.ts';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
export const NOW = '2024-05-15T12:00:00.000Z';

let counter = 0;
/** A fresh UUIDv7-shaped id (deterministic per test file run). */
export function nextId(): string {
  counter += 1;
  return `01900000-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`;
}

const base = (tenantId: string | null) => ({ id: nextId(), tenantId, revision: 1, updatedAt: NOW, _deleted: false });

export const user = (fields: Partial<User> = {}): User => ({
  ...base(TENANT),
  email: 'someone@example.com',
  displayName: 'Someone',
  status: 'active',
  mfaEnabled: true,
  ...fields,
});

export const role = (fields: Partial<Role> = {}): Role => ({
  ...base(TENANT),
  name: 'Reviewer',
  description: '',
  scope: 'tenant',
  permissions: ['audit:read'],
  inherits: [],
  exclusiveWith: [],
  builtIn: false,
  ...fields,
});

export const workflow = (fields: Partial<Workflow> = {}): Workflow => ({
  ...base(TENANT),
  name: 'Access request',
  description: '',
  trigger: { type: 'manual' },
  steps: [{ id: 'approve', name: 'Approve', kind: 'approval', approverRoleIds: [], minApprovals: 1 }],
  enabled: true,
  ...fields,
});

export const reportRun = (fields: Partial<ReportRun> = {}): ReportRun => ({
  ...base(TENANT),
  reportId: '33333333-3333-4333-8333-333333333333',
  requestedBy: '44444444-4444-4444-8444-444444444444',
  generatedAt: '2024-05-10T08:00:00.000Z',
  format: 'pdf',
  status: 'succeeded',
  sha256: 'a'.repeat(64),
  signature: null,
  scope: { tenantIds: [], from: null, to: null },
  sizeBytes: 1_000,
  ...fields,
});
