import type { Notice, WorkRecord } from '../workspace/model';
// The server's JSON, as the REST API sends it (server-bundle's records).

export type Role = 'founder' | 'admin' | 'member' | 'viewer';

export interface User {
  id: string;
  email: string;
  name: string | null;
  mustChangePassword: boolean;
}

export interface Organization {
  id: string;
  name: string;
  role: Role;
}

export interface Member {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
}

/** A new or re-sent invitation: its token is told this once. */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  token: string;
  /** Whether the link is on its way to the person by mail (the installation sends mail and knows its address). */
  mailed?: boolean;
  /** The link on the app's public address (server 1.2.0 with an address set); else made from this page's. */
  link?: string | null;
}

/** What the sign-in page may offer on this installation (server 1.2.0; older servers: none of it). */
export interface AuthOptions {
  passwordResetByMail: boolean;
}

/** The organization whose company account an email signs in with. */
export interface SsoFound {
  orgId: string;
  organization: string;
  ssoOnly: boolean;
}

/** An organization's identity provider, as its admins see it (never the client secret). */
export interface SsoProvider {
  issuer: string;
  clientId: string;
  groupsClaim: string;
  roleMapping: Record<string, Role>;
  defaultRole: Role;
  emailDomains: string[];
  ssoOnly: boolean;
}

export interface SsoSettings {
  available: boolean;
  redirectUri: string | null;
  provider: SsoProvider | null;
  hasClientSecret: boolean;
}

/** One of the signed-in person's sessions, as their profile lists it. */
export interface AccountSession {
  id: string;
  /** Unknown (null) for a session opened before release 1.2.0. */
  signedInAt: string | null;
  lastActiveAt: string;
  client: string;
  browser: string;
  current: boolean;
}

/** An address change: waiting for its confirmation by mail, or made (with the session replacing the old ones). */
export interface EmailChange {
  pending: boolean;
  email: string;
  token: string | null;
}

/** What an admin's reset of a member's password did. */
export interface AdminReset {
  method: 'mail' | 'one-time password';
  email: string;
  oneTimePassword: string | null;
  sessionsEnded: number;
}

/** A mail of the organization (its invitations) and how its delivery went. */
export interface OutboxMail {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: 'waiting' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

/** An invitation as the organization's admins see it (from server 1.2.0). */
export interface ListedInvitation {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  invitedBy: string | null;
  acceptedAt: string | null;
}

/** What an invitation link is for, as its holder sees it before accepting. */
export interface OpenedInvitation {
  organization: string;
  role: Role;
  email: string;
  status: InvitationStatus;
  expiresAt: string;
}

/** The organization joined and the new session (absent when accepted while signed in). */
export interface AcceptedInvitation {
  id: string;
  name: string;
  role: Role;
  token: string | null;
}

/** The lean canvas, kept in the venture's JSONB data under `leanCanvas`. */
export type LeanCanvas = Partial<Record<CanvasField, string>>;

export const CANVAS_FIELDS = [
  ['problem', 'Problem'],
  ['customerSegments', 'Customer segments'],
  ['uniqueValueProposition', 'Unique value proposition'],
  ['solution', 'Solution'],
  ['channels', 'Channels'],
  ['revenueStreams', 'Revenue streams'],
  ['costStructure', 'Cost structure'],
  ['keyMetrics', 'Key metrics'],
  ['unfairAdvantage', 'Unfair advantage'],
] as const;
export type CanvasField = (typeof CANVAS_FIELDS)[number][0];

export interface Venture {
  id: string;
  orgId: string;
  name: string;
  hypothesis: string;
  data: { leanCanvas?: LeanCanvas; [module: string]: unknown };
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** The profile, from server 1.2.0. */
  slug?: string | null;
  foundingDate?: string | null;
  industry?: string | null;
  stage?: string | null;
  currentCanvasId?: string | null;
  logoFileId?: string | null;
}

/** A venture's stages, in order (the server's check accepts these). */
export const VENTURE_STAGES = ['idea', 'validation', 'mvp', 'growth', 'scale'] as const;

/** A change to a venture: absent fields stay; {@code clear} names profile fields to empty (1.2.0). */
export type VenturePatch = Partial<Pick<Venture, 'name' | 'hypothesis' | 'data' | 'slug' | 'foundingDate' | 'industry'
  | 'stage' | 'currentCanvasId' | 'logoFileId'>> & { clear?: string[] };

export type Unit = 'USD' | 'percent' | 'count' | 'none';
export const UNITS: Unit[] = ['none', 'count', 'USD', 'percent'];

export interface Metric {
  id: number;
  ventureId: string;
  name: string;
  value: number;
  /** null on release 1.0.0, which has no units. */
  unit: Unit | null;
  recordedAt: string;
}

export interface StoredFile {
  id: string;
  ventureId: string | null;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  /** From server 1.2.0. */
  folderId?: string | null;
  tags?: string[];
  version?: number;
}

export interface ServerVersion {
  version: string;
}

export interface AiStatus {
  configured: boolean;
  provider: string;
}

/** What the WebSocket pushes after a change commits. */
export type LiveEvent =
  | { type: 'venture.created' | 'venture.updated'; orgId: string; data: Venture }
  | { type: 'venture.archived'; orgId: string; data: { id: string } }
  | { type: 'metric.added'; orgId: string; data: Metric }
  | { type: 'file.uploaded' | 'file.changed'; orgId: string; data: StoredFile }
  | { type: 'record.created' | 'record.updated'; orgId: string; data: { resource: string; ventureId: string; record: WorkRecord } }
  | { type: 'record.deleted'; orgId: string; data: { resource: string; ventureId: string; id: string } }
  | { type: 'notification.created'; orgId: string; data: Notice };

export function canEdit(role: Role): boolean {
  return role !== 'viewer';
}

export function canManageMembers(role: Role): boolean {
  return role === 'founder' || role === 'admin';
}
