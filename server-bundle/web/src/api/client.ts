// The one way the page talks to the server: JSON over fetch with the session's bearer token, every failure
// turned into an ApiError whose message a person can read.
import type {
  AcceptedInvitation, AccountSession, SsoFound, SsoProvider, SsoSettings, AdminReset, AuthOptions, EmailChange, OutboxMail, AiStatus, Invitation, ListedInvitation, Member, Metric, OpenedInvitation, Organization, Role,
  ServerVersion, StoredFile, Unit, User, Venture, VenturePatch,
} from './types';
import type { CustomRole, FileVersion, ForecastResult, MyAccess, Notice, RecordPage, ResourceSpec, WorkRecord } from '../workspace/model';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }

  /** The server could not be reached or is restarting (nginx answers 502/503/504 while the backend is away). */
  get unreachable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

const UNREACHABLE = 'The server cannot be reached right now (it may be restarting for an update). Try again in a moment.';

export async function errorOf(response: Response): Promise<ApiError> {
  if ([502, 503, 504].includes(response.status)) {
    return new ApiError(response.status, 'unreachable', UNREACHABLE);
  }
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string') {
      return new ApiError(response.status, String(body.error ?? 'error'), capitalize(body.message));
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, 'error', `The server answered ${response.status} ${response.statusText}.`);
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}

export class Api {
  constructor(private token: string | null, private readonly onSignedOut: () => void) {}

  withToken(token: string | null): Api {
    return new Api(token, this.onSignedOut);
  }

  get bearer(): string | null {
    return this.token;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'unreachable', UNREACHABLE);
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (response.status === 401 && this.token) this.onSignedOut();
      throw error;
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  // auth
  login(email: string, password: string) {
    return this.request<{ token: string; user: User; mustChangePassword: boolean }>('POST', '/api/auth/login',
      { email, password });
  }
  /** Signs out; with a session from an identity provider, where to end it there too. */
  logout() {
    return this.request<{ providerLogout?: string } | undefined>('POST', '/api/auth/logout');
  }
  async ssoFor(email: string): Promise<SsoFound | null> {
    try {
      const found = await this.request<Partial<SsoFound>>('POST', '/api/auth/sso/discover', { email });
      return found.orgId ? found as SsoFound : null;
    } catch {
      return null;   // a server before 1.2.0, or none: sign in with a password
    }
  }
  ssoStart(orgId: string) {
    return this.request<{ url: string }>('POST', '/api/auth/sso/start', { orgId });
  }
  ssoExchange(code: string) {
    return this.request<{ token: string; orgId: string }>('POST', '/api/auth/sso/exchange', { code });
  }
  ssoSettings(orgId: string) {
    return this.request<SsoSettings>('GET', `/api/orgs/${orgId}/sso`);
  }
  saveSso(orgId: string, provider: SsoProvider & { clientSecret: string }) {
    return this.request<SsoSettings>('PUT', `/api/orgs/${orgId}/sso`, provider);
  }
  removeSso(orgId: string) {
    return this.request<void>('DELETE', `/api/orgs/${orgId}/sso`);
  }
  me() {
    return this.request<User>('GET', '/api/auth/me');
  }
  changePassword(currentPassword: string, newPassword: string) {
    return this.request<{ token: string }>('POST', '/api/auth/password', { currentPassword, newPassword });
  }
  version() {
    return this.request<ServerVersion>('GET', '/version');
  }
  /** What signing in offers here; a server before 1.2.0 has no such call and offers nothing more. */
  async authOptions(): Promise<AuthOptions> {
    try {
      return await this.request<AuthOptions>('GET', '/api/auth/options');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return { passwordResetByMail: false };
      throw e;
    }
  }
  requestPasswordReset(email: string) {
    return this.request<{ message: string }>('POST', '/api/auth/password-reset/request', { email });
  }
  resetPassword(token: string, newPassword: string) {
    return this.request<void>('POST', '/api/auth/password-reset', { token, newPassword });
  }
  rename(name: string) {
    return this.request<User>('PATCH', '/api/auth/me', { name });
  }
  changeEmail(email: string, password: string) {
    return this.request<EmailChange>('POST', '/api/auth/email', { email, password });
  }
  confirmEmail(token: string) {
    return this.request<{ email: string }>('POST', '/api/auth/email/confirm', { token });
  }
  notices() {
    return this.request<{ offered: boolean; installation: boolean }>('GET', '/api/auth/notices');
  }
  setNotices(installation: boolean) {
    return this.request<{ offered: boolean; installation: boolean }>('PUT', '/api/auth/notices', { installation });
  }
  sessions() {
    return this.request<AccountSession[]>('GET', '/api/auth/sessions');
  }
  endSession(id: string) {
    return this.request<void>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`);
  }
  endOtherSessions() {
    return this.request<{ ended: number }>('DELETE', '/api/auth/sessions');
  }

  // organizations and members
  organizations() {
    return this.request<Organization[]>('GET', '/api/orgs');
  }
  createOrganization(name: string) {
    return this.request<Organization>('POST', '/api/orgs', { name });
  }
  members(orgId: string) {
    return this.request<Member[]>('GET', `/api/orgs/${orgId}/members`);
  }
  changeRole(orgId: string, userId: string, role: Role) {
    return this.request<void>('PATCH', `/api/orgs/${orgId}/members/${userId}`, { role });
  }
  removeMember(orgId: string, userId: string) {
    return this.request<void>('DELETE', `/api/orgs/${orgId}/members/${userId}`);
  }
  resetMemberPassword(orgId: string, userId: string, byMail: boolean) {
    return this.request<AdminReset>('POST', `/api/orgs/${orgId}/members/${userId}/password-reset`, { byMail });
  }
  signOutMember(orgId: string, userId: string) {
    return this.request<{ ended: number }>('POST', `/api/orgs/${orgId}/members/${userId}/sign-out`, {});
  }
  organizationMail(orgId: string) {
    return this.request<{ enabled: boolean; mail: OutboxMail[] }>('GET', `/api/orgs/${orgId}/mail`);
  }
  invite(orgId: string, email: string, role: Role) {
    return this.request<Invitation>('POST', `/api/orgs/${orgId}/invitations`, { email, role });
  }
  invitations(orgId: string) {
    return this.request<ListedInvitation[]>('GET', `/api/orgs/${orgId}/invitations`);
  }
  revokeInvitation(orgId: string, id: string) {
    return this.request<void>('DELETE', `/api/orgs/${orgId}/invitations/${id}`);
  }
  resendInvitation(orgId: string, id: string) {
    return this.request<Invitation>('POST', `/api/orgs/${orgId}/invitations/${id}/resend`);
  }
  openInvitation(token: string) {
    return this.request<OpenedInvitation>('POST', '/api/invitations/open', { token });
  }
  acceptInvitation(token: string, name: string, password: string) {
    return this.request<AcceptedInvitation>('POST', '/api/invitations/accept', { token, name, password });
  }

  // workspace records: one set of calls for every resource the server describes
  resources() {
    return this.request<ResourceSpec[]>('GET', '/api/resources');
  }
  records(orgId: string, ventureId: string, path: string, after?: string | null) {
    const query = new URLSearchParams({ limit: '200' });
    if (after) query.set('after', after);
    return this.request<RecordPage>('GET', `/api/orgs/${orgId}/ventures/${ventureId}/${path}?${query}`);
  }
  createRecord(orgId: string, ventureId: string, path: string, body: Record<string, unknown>) {
    return this.request<WorkRecord>('POST', `/api/orgs/${orgId}/ventures/${ventureId}/${path}`, body);
  }
  updateRecord(orgId: string, ventureId: string, path: string, id: string, body: Record<string, unknown>, revision: number) {
    return this.request<WorkRecord>('PATCH', `/api/orgs/${orgId}/ventures/${ventureId}/${path}/${id}`, { ...body, revision });
  }
  createRecords(orgId: string, ventureId: string, path: string, create: Record<string, unknown>[]) {
    return this.request<{ items: WorkRecord[] }>('POST', `/api/orgs/${orgId}/ventures/${ventureId}/${path}/bulk`, { create });
  }
  deleteRecords(orgId: string, ventureId: string, path: string, ids: string[]) {
    return this.request<{ deleted: number }>('POST', `/api/orgs/${orgId}/ventures/${ventureId}/${path}/bulk-delete`, { ids });
  }
  deleteRecord(orgId: string, ventureId: string, path: string, id: string, revision: number) {
    return this.request<void>('DELETE', `/api/orgs/${orgId}/ventures/${ventureId}/${path}/${id}?revision=${revision}`);
  }
  forecast(orgId: string, ventureId: string, months: number) {
    return this.request<ForecastResult>('GET', `/api/orgs/${orgId}/ventures/${ventureId}/forecast?months=${months}`);
  }
  /** A named snapshot of a canvas or document ({@code path} is canvases or documents). */
  snapshot(orgId: string, ventureId: string, path: string, id: string, name: string) {
    return this.request<WorkRecord>('POST', `/api/orgs/${orgId}/ventures/${ventureId}/${path}/${id}/snapshot`, { name });
  }
  restoreSnapshot(orgId: string, ventureId: string, path: string, id: string, versionId: string, revision: number) {
    return this.request<WorkRecord>('POST', `/api/orgs/${orgId}/ventures/${ventureId}/${path}/${id}/restore`,
      { versionId, revision });
  }

  /** One of the workspace's AI actions (1.2.0); a suggestion, nothing saved. */
  aiAction<T>(orgId: string, ventureId: string, action: string, body?: Record<string, unknown>) {
    return this.request<T>('POST', `/api/orgs/${orgId}/ventures/${ventureId}/ai/${action}`, body);
  }

  // notifications (1.2.0)
  notifications(orgId: string) {
    return this.request<{ items: Notice[]; unread: number }>('GET', `/api/orgs/${orgId}/notifications`);
  }
  markNotificationRead(orgId: string, id: string) {
    return this.request<void>('POST', `/api/orgs/${orgId}/notifications/${id}/read`);
  }
  markAllNotificationsRead(orgId: string) {
    return this.request<{ marked: number }>('POST', `/api/orgs/${orgId}/notifications/read-all`);
  }

  // custom roles (1.2.0)
  myAccess(orgId: string) {
    return this.request<MyAccess>('GET', `/api/orgs/${orgId}/access`);
  }
  customRoles(orgId: string) {
    return this.request<CustomRole[]>('GET', `/api/orgs/${orgId}/roles`);
  }
  createCustomRole(orgId: string, role: Omit<CustomRole, 'id' | 'revision' | 'holders'>) {
    return this.request<CustomRole>('POST', `/api/orgs/${orgId}/roles`, role);
  }
  deleteCustomRole(orgId: string, id: string) {
    return this.request<void>('DELETE', `/api/orgs/${orgId}/roles/${id}`);
  }
  assignCustomRole(orgId: string, userId: string, customRoleId: string | null) {
    return this.request<void>('PUT', `/api/orgs/${orgId}/members/${userId}/custom-role`, { customRoleId });
  }

  // ventures
  ventures(orgId: string) {
    return this.request<Venture[]>('GET', `/api/orgs/${orgId}/ventures`);
  }
  venture(orgId: string, id: string) {
    return this.request<Venture>('GET', `/api/orgs/${orgId}/ventures/${id}`);
  }
  createVenture(orgId: string, name: string, hypothesis: string, profile: Record<string, string> = {}) {
    return this.request<Venture>('POST', `/api/orgs/${orgId}/ventures`, { name, hypothesis, data: {}, ...profile });
  }
  updateVenture(orgId: string, id: string, patch: VenturePatch,
    revision: number) {
    return this.request<Venture>('PATCH', `/api/orgs/${orgId}/ventures/${id}`, { ...patch, revision });
  }
  deletedVentures(orgId: string) {
    return this.request<(Venture & { deletedAt: string })[]>('GET', `/api/orgs/${orgId}/deleted-ventures`);
  }
  restoreVenture(orgId: string, id: string) {
    return this.request<Venture>('POST', `/api/orgs/${orgId}/ventures/${id}/restore`);
  }
  archiveVenture(orgId: string, id: string) {
    return this.request<void>('DELETE', `/api/orgs/${orgId}/ventures/${id}`);
  }

  // metrics
  metrics(orgId: string, ventureId: string) {
    return this.request<Metric[]>('GET', `/api/orgs/${orgId}/ventures/${ventureId}/metrics?limit=10000`);
  }
  addMetric(orgId: string, ventureId: string, point: { name: string; value: number; recordedAt?: string; unit?: Unit }) {
    return this.request<Metric>('POST', `/api/orgs/${orgId}/ventures/${ventureId}/metrics`, point);
  }

  // files
  files(orgId: string, ventureId: string) {
    return this.request<StoredFile[]>('GET', `/api/orgs/${orgId}/files?ventureId=${ventureId}`);
  }
  /** Streams the file as the request body, reporting progress (fetch cannot report upload progress). */
  upload(orgId: string, ventureId: string, file: File, onProgress: (fraction: number) => void,
         folderId?: string | null): Promise<StoredFile> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const query = new URLSearchParams({ name: file.name, ventureId });
      if (folderId) query.set('folderId', folderId);
      xhr.open('POST', `/api/orgs/${orgId}/files?${query}`);
      if (this.token) xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
      xhr.onerror = () => reject(new ApiError(0, 'unreachable', UNREACHABLE));
      xhr.onload = async () => {
        const response = new Response(xhr.responseText || null, { status: xhr.status, statusText: xhr.statusText });
        if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as StoredFile);
        else reject(await errorOf(response));
      };
      xhr.send(file);
    });
  }
  // files from 1.2.0: folders, tags, search, versions
  findFiles(orgId: string, ventureId: string, where: { folderId?: string; topLevel?: boolean; tag?: string; q?: string }) {
    const query = new URLSearchParams({ ventureId });
    if (where.folderId) query.set('folderId', where.folderId);
    if (where.topLevel) query.set('topLevel', 'true');
    if (where.tag) query.set('tag', where.tag);
    if (where.q) query.set('q', where.q);
    return this.request<StoredFile[]>('GET', `/api/orgs/${orgId}/files?${query}`);
  }
  changeFile(orgId: string, id: string, change: { name?: string; folderId?: string; toTopLevel?: boolean; tags?: string[] }) {
    return this.request<StoredFile>('PATCH', `/api/orgs/${orgId}/files/${id}`, change);
  }
  fileVersions(orgId: string, id: string) {
    return this.request<FileVersion[]>('GET', `/api/orgs/${orgId}/files/${id}/versions`);
  }
  async uploadVersion(orgId: string, id: string, file: File): Promise<StoredFile> {
    let response: Response;
    try {
      response = await fetch(`/api/orgs/${orgId}/files/${id}/versions?${new URLSearchParams({ name: file.name })}`, {
        method: 'POST', body: file,
        headers: { 'Content-Type': file.type || 'application/octet-stream', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      });
    } catch {
      throw new ApiError(0, 'unreachable', UNREACHABLE);
    }
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as StoredFile;
  }
  async download(orgId: string, file: Pick<StoredFile, 'id'>, version?: number): Promise<Blob> {
    let response: Response;
    try {
      response = await fetch(`/api/orgs/${orgId}/files/${file.id}${version ? `/versions/${version}` : ''}`,
        { headers: this.token ? { Authorization: `Bearer ${this.token}` } : {} });
    } catch {
      throw new ApiError(0, 'unreachable', UNREACHABLE);
    }
    if (!response.ok) throw await errorOf(response);
    return response.blob();
  }

  // AI
  aiStatus() {
    return this.request<AiStatus>('GET', '/api/ai/status');
  }
  generate(prompt: string) {
    return this.request<{ provider: string; text: string }>('POST', '/api/ai/generate', { prompt });
  }
}
