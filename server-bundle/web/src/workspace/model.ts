// The workspace's records as the server describes them (GET /api/resources): each resource's fields, kinds and
// limits come from the server's one declaration, so forms and lists here follow it without a second copy.
export type FieldKind = 'TEXT' | 'CHOICE' | 'NUMBER' | 'INTEGER' | 'DATE' | 'INSTANT' | 'FLAG' | 'TAGS' | 'REF' | 'REFS'
  | 'MEMBERS' | 'FILE' | 'FILES' | 'JSON' | 'SECTIONS' | 'DERIVED';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  maxLength: number;
  choices: string[];
  min: number | null;
  max: number | null;
  target: string | null;
}

export interface ResourceSpec {
  path: string;
  noun: string;
  page: string;
  fields: FieldSpec[];
}

export interface WorkRecord {
  id: string;
  ventureId: string;
  source: 'human' | 'ai';
  revision: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

export interface RecordPage {
  items: WorkRecord[];
  next: string | null;
}

export interface ForecastMonth {
  month: number;
  revenue: number;
  costs: number;
  profit: number;
  cumulative: number;
}

export interface ForecastResult {
  months: ForecastMonth[];
  totalRevenue: number;
  totalCosts: number;
  totalProfit: number;
  breakEvenMonth: number | null;
}

const WORDS: Record<string, string> = {
  tam: 'TAM (total market)', sam: 'SAM (serviceable)', som: 'SOM (obtainable)', naicsCode: 'NAICS code',
  monthlyGrowthPct: 'Monthly growth %', startMonth: 'Starts in month', uniqueValueProposition: 'Unique value proposition',
  isMonumental: 'Monumental', aiAnalysis: 'AI analysis', customData: 'Notes', nextFollowUpAt: 'Next follow-up',
  lastContactAt: 'Last contact', startsAt: 'Starts', endsAt: 'Ends', goalId: 'Goal', divisionId: 'Division',
  initiativeId: 'Initiative', canvasId: 'Canvas', interviewId: 'Interview', waiverFileId: 'Signed waiver',
  videoFileId: 'Video', fileIds: 'Linked files', folderId: 'Folder', parentId: 'Inside folder', documentId: 'Document', linkedCustomerIds: 'Linked customers', assignedTo: 'Assigned to',
  willingnessToPay: 'Willingness to pay', mvp: 'MVP',
};

/** A field or choice name as a person reads it: targetDate -> Target date, in_progress -> In progress. */
export function label(name: string): string {
  if (WORDS[name]) return WORDS[name];
  const words = name.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function field(spec: ResourceSpec, name: string): FieldSpec {
  const f = spec.fields.find((x) => x.name === name);
  if (!f) throw new Error(`${spec.path} has no field ${name}`);
  return f;
}

/** What a record is called in a list: its title or name, else its description or content. */
export function titleOf(r: WorkRecord): string {
  for (const key of ['title', 'name', 'description', 'content']) {
    if (typeof r[key] === 'string' && r[key]) return r[key] as string;
  }
  return r.id.slice(0, 8);
}

export interface CustomRole {
  id: string;
  name: string;
  description: string;
  allowedPages: string[];
  canCreate: boolean;
  canEdit: boolean;
  canDelete: boolean;
  revision: number;
  holders?: string[];
}

export interface MyAccess {
  role: string;
  customRole: CustomRole | null;
  pages: string[];
}

/** What a grant allows, as the server's access check decides it. */
export function allows(access: MyAccess, page: string, action: 'view' | 'create' | 'edit' | 'delete'): boolean {
  if (access.role === 'founder' || access.role === 'admin') return true;
  const c = access.customRole;
  if (c) {
    if (!c.allowedPages.includes(page)) return false;
    return action === 'view' || (action === 'create' && c.canCreate) || (action === 'edit' && c.canEdit)
      || (action === 'delete' && c.canDelete);
  }
  return action === 'view' || access.role === 'member';
}

export interface Notice {
  id: string;
  orgId: string;
  ventureId: string | null;
  kind: string;
  title: string;
  resource: string | null;
  recordId: string | null;
  actorId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface FileVersion {
  version: number;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string | null;
  current: boolean;
}
