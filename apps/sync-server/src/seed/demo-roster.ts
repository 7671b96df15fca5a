/**
 * Who works at each demo tenant, as data: plans, custom roles, and a roster
 * per tenant. demo-people.ts turns it into documents. Kept apart so the
 * story of the demo (who joined when, whose access is about to lapse) reads
 * in one place.
 */
import { BUILT_IN_ROLE_IDS, type Plan, type Tenant } from '@steward/domain';
import type { DemoJob } from './demo-model.ts';

export interface CustomRoleSpec {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly string[];
  readonly inherits: readonly string[];
  readonly exclusiveWith: readonly string[];
}

export interface CustomGrant {
  readonly role: string;
  readonly reason: string;
  /** Days until it lapses; negative when it already has. Absent: open-ended. */
  readonly expiresInDays?: number;
}

export interface RosterEntry {
  readonly job: DemoJob;
  /** A documented demo account (job@slug.example) rather than first.last@slug.example. */
  readonly demo?: true;
  readonly joinedDaysAgo: number;
  readonly status?: 'invited' | 'disabled';
  /** For a disabled account: when it was disabled. */
  readonly leftDaysAgo?: number;
  /** A contractor: the built-in assignment ends in this many days. */
  readonly expiresInDays?: number;
  readonly custom?: readonly CustomGrant[];
}

export interface TenantSpec {
  readonly slug: string;
  readonly name: string;
  readonly plan: Plan;
  readonly createdDaysAgo: number;
  readonly primaryColor: string;
  readonly featureFlags: Tenant['featureFlags'];
  readonly retentionDays: number;
  readonly quotaOverrides: Tenant['quotaOverrides'];
  readonly regimes: readonly string[];
  readonly eventShare: number;
  readonly historyDays: number;
  readonly utcOffsetHours: number;
  readonly roles: readonly CustomRoleSpec[];
  readonly roster: readonly RosterEntry[];
}

const ids = BUILT_IN_ROLE_IDS;

const ACCESS_REVIEWER: CustomRoleSpec = {
  key: 'access-reviewer',
  name: 'Access reviewer',
  description: 'Works through quarterly access reviews: sees who holds which role and marks audit events reviewed. Independent of the auditor, who checks the review.',
  permissions: ['role:read', 'user:read', 'audit:read', 'audit:review'],
  inherits: [],
  exclusiveWith: [ids.auditor],
};

const demoAccounts = (): RosterEntry[] => [
  { job: 'admin', demo: true, joinedDaysAgo: 600 },
  { job: 'officer', demo: true, joinedDaysAgo: 560 },
  { job: 'auditor', demo: true, joinedDaysAgo: 380 },
  { job: 'member', demo: true, joinedDaysAgo: 300 },
];

export const DEMO_TENANT_SPECS: readonly TenantSpec[] = [
  {
    slug: 'acme',
    name: 'Acme Corporation',
    plan: 'business',
    createdDaysAgo: 640,
    primaryColor: '#c2410c',
    featureFlags: { auditExport: true, scheduledReports: true, ssoEnforced: true },
    retentionDays: 1_095,
    quotaOverrides: {},
    regimes: ['SOX', 'GDPR.art30', 'ISO27001'],
    eventShare: 0.6,
    historyDays: 90,
    utcOffsetHours: -5,
    roles: [
      ACCESS_REVIEWER,
      { key: 'security-analyst', name: 'Security analyst', description: 'Member access plus the audit trail and on-demand reports, for the security team investigating incidents.', permissions: ['audit:read', 'role:read', 'report:run'], inherits: [ids.member], exclusiveWith: [] },
      { key: 'change-approver', name: 'Change approver', description: 'Approves production change requests (SOX change management).', permissions: ['workflow:read', 'workflow:approve'], inherits: [], exclusiveWith: [] },
    ],
    roster: [
      ...demoAccounts(),
      { job: 'admin', joinedDaysAgo: 520 },
      { job: 'officer', joinedDaysAgo: 210 },
      { job: 'auditor', joinedDaysAgo: 230 },
      { job: 'member', joinedDaysAgo: 350, custom: [{ role: 'security-analyst', reason: 'Security operations rota' }] },
      { job: 'member', joinedDaysAgo: 280, custom: [{ role: 'access-reviewer', reason: 'Q-end access review campaign', expiresInDays: 3 }] },
      { job: 'member', joinedDaysAgo: 260, custom: [{ role: 'change-approver', reason: 'Release manager for the payments platform' }] },
      { job: 'member', joinedDaysAgo: 240 },
      { job: 'member', joinedDaysAgo: 180 },
      { job: 'member', joinedDaysAgo: 150 },
      { job: 'member', joinedDaysAgo: 120, expiresInDays: 5 },
      { job: 'member', joinedDaysAgo: 100, custom: [{ role: 'change-approver', reason: 'Cover for the release manager during leave', expiresInDays: -12 }] },
      { job: 'member', joinedDaysAgo: 60 },
      { job: 'member', joinedDaysAgo: 20 },
      { job: 'member', joinedDaysAgo: 4, status: 'invited' },
      { job: 'member', joinedDaysAgo: 1, status: 'invited' },
      { job: 'member', joinedDaysAgo: 200, status: 'disabled', leftDaysAgo: 40 },
    ],
  },
  {
    slug: 'globex',
    name: 'Globex Health',
    plan: 'team',
    createdDaysAgo: 420,
    primaryColor: '#0f766e',
    featureFlags: { auditExport: true, phiMasking: true },
    retentionDays: 365,
    quotaOverrides: {},
    regimes: ['HIPAA', 'SOC2'],
    eventShare: 0.3,
    historyDays: 90,
    utcOffsetHours: 1,
    roles: [
      ACCESS_REVIEWER,
      { key: 'privacy-officer', name: 'Privacy officer', description: 'HIPAA privacy officer: reviews access to patient data and runs the disclosure reports.', permissions: ['user:read', 'audit:read', 'audit:review', 'report:read', 'report:run'], inherits: [], exclusiveWith: [ids.auditor] },
    ],
    roster: [
      ...demoAccounts(),
      { job: 'officer', joinedDaysAgo: 300, custom: [{ role: 'privacy-officer', reason: 'Designated HIPAA privacy officer' }] },
      { job: 'member', joinedDaysAgo: 330, custom: [{ role: 'access-reviewer', reason: 'Quarterly access review', expiresInDays: 6 }] },
      { job: 'member', joinedDaysAgo: 310, custom: [{ role: 'privacy-officer', reason: 'Deputy privacy officer during the audit', expiresInDays: -20 }] },
      { job: 'member', joinedDaysAgo: 250 },
      { job: 'member', joinedDaysAgo: 190 },
      { job: 'member', joinedDaysAgo: 140, expiresInDays: 9 },
      { job: 'member', joinedDaysAgo: 30 },
      { job: 'member', joinedDaysAgo: 2, status: 'invited' },
    ],
  },
  {
    slug: 'initech',
    name: 'Initech',
    plan: 'free',
    createdDaysAgo: 120,
    primaryColor: '#4338ca',
    featureFlags: {},
    retentionDays: 90,
    // Two seats bought on top of Free's three: four people hold seats, one is left.
    quotaOverrides: { seats: 5 },
    regimes: ['GDPR.art30'],
    eventShare: 0.1,
    // Free keeps 30 days of audit history; older events would already be purged.
    historyDays: 30,
    utcOffsetHours: -6,
    roles: [
      ACCESS_REVIEWER,
      { key: 'helpdesk', name: 'Helpdesk', description: 'Resets accounts and updates profiles; cannot grant roles.', permissions: ['user:read', 'user:update'], inherits: [ids.member], exclusiveWith: [] },
    ],
    roster: [
      { job: 'admin', demo: true, joinedDaysAgo: 118 },
      { job: 'officer', demo: true, joinedDaysAgo: 110 },
      { job: 'auditor', demo: true, joinedDaysAgo: 60 },
      { job: 'member', demo: true, joinedDaysAgo: 100, custom: [{ role: 'helpdesk', reason: 'Covers the service desk' }] },
      { job: 'member', joinedDaysAgo: 90, status: 'disabled', leftDaysAgo: 10 },
    ],
  },
];

export const FIRST_NAMES = [
  'Maya', 'Jonas', 'Priya', 'Tomás', 'Aiko', 'Samuel', 'Leila', 'Oskar', 'Nadia', 'Ravi', 'Elena', 'Kwame', 'Ingrid', 'Mateo', 'Yara', 'Lukas',
  'Chloé', 'Arjun', 'Sofia', 'Dmitri', 'Amara', 'Henrik', 'Zoe', 'Farid', 'Grace', 'Kenji', 'Lucía', 'Olu', 'Hannah', 'Idris', 'Marta', 'Noah',
  'Freya', 'Tariq', 'Beatriz', 'Colin', 'Mei', 'Viktor', 'Ana', 'Emeka',
] as const;

export const LAST_NAMES = [
  'Chen', 'Okafor', 'Lindqvist', 'Moreno', 'Tanaka', 'Brennan', 'Haddad', 'Novak', 'Petrova', 'Iyer', 'Rossi', 'Mensah', 'Dubois', 'Schmidt',
  'Alvarez', 'Kowalski', 'Nakamura', 'Osei', 'Fischer', 'Costa', 'Nguyen', 'Walsh', 'Adeyemi', 'Larsen', 'Silva', 'Kapoor', 'Murphy', 'Berg',
] as const;
