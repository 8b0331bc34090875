// One input for a field, chosen by its kind: text, choice, number, date, time, flag, tags, a record of the same
// venture, people of the organization, files of the venture. JSON and computed fields are shown, not edited here.
import type { FieldSpec, WorkRecord } from './model';
import { label, titleOf } from './model';

export interface FieldContext {
  /** Records a REF/REFS field may name, by resource path. */
  options: Record<string, WorkRecord[]>;
  members: { id: string; name: string }[];
  /** The venture's files, for file fields. */
  files: { id: string; name: string }[];
}

const LONG_TEXT = 400;

export function FieldInput({ spec, value, onChange, context }: {
  spec: FieldSpec; value: unknown; onChange(v: unknown): void; context: FieldContext;
}) {
  const id = `field-${spec.name}`;
  const common = { id, name: spec.name, required: spec.required, 'aria-label': label(spec.name) };
  switch (spec.kind) {
    case 'TEXT':
      return spec.maxLength > LONG_TEXT
        ? <textarea {...common} rows={3} maxLength={spec.maxLength} value={(value as string) ?? ''}
                    onChange={(e) => onChange(e.target.value)} />
        : <input {...common} maxLength={spec.maxLength} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} />;
    case 'CHOICE':
      return (
        <select {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || null)}>
          <Empty required={spec.required} />
          {spec.choices.map((c) => <option key={c} value={c}>{label(c)}</option>)}
        </select>
      );
    case 'NUMBER':
    case 'INTEGER':
      return <input {...common} type="number" step={spec.kind === 'INTEGER' ? 1 : 'any'} min={spec.min ?? undefined}
                    max={spec.max ?? undefined} value={value === null || value === undefined ? '' : String(value)}
                    onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} />;
    case 'DATE':
      return <input {...common} type="date" value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || null)} />;
    case 'INSTANT':
      return <input {...common} type="datetime-local" value={toLocalInput(value as string | null)}
                    onChange={(e) => onChange(e.target.value ? new Date(e.target.value).toISOString() : null)} />;
    case 'FLAG':
      return <input {...common} required={false} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />;
    case 'TAGS':
      return <input {...common} placeholder="comma, separated" value={((value as string[]) ?? []).join(', ')}
                    onChange={(e) => onChange(e.target.value.split(',').map((t) => t.trim()).filter(Boolean))} />;
    case 'REF':
      return (
        <select {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || null)}>
          <Empty required={spec.required} />
          {(context.options[spec.target ?? ''] ?? []).map((r) => <option key={r.id} value={r.id}>{titleOf(r)}</option>)}
        </select>
      );
    case 'FILE':
      return (
        <select {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value || null)}>
          <Empty required={spec.required} />
          {context.files.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </select>
      );
    case 'REFS':
    case 'MEMBERS':
    case 'FILES': {
      const choices = spec.kind === 'MEMBERS' ? context.members : spec.kind === 'FILES' ? context.files
        : (context.options[spec.target ?? ''] ?? []).map((r) => ({ id: r.id, name: titleOf(r) }));
      const chosen = new Set((value as string[]) ?? []);
      return (
        <select {...common} multiple value={[...chosen]}
                onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}>
          {choices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      );
    }
    default:
      return <output id={id}>{show(spec, value, context)}</output>;
  }
}

/** The select's empty choice: "—" to leave an optional field empty; "Choose…" (not choosable) for a required one. */
function Empty({ required }: { required: boolean }) {
  return required ? <option value="" disabled>Choose…</option> : <option value="">—</option>;
}

/** A field's value as text in a list. */
export function show(spec: FieldSpec, value: unknown, context: FieldContext): string {
  if (value === null || value === undefined || value === '') return '';
  switch (spec.kind) {
    case 'CHOICE': return label(String(value));
    case 'FLAG': return value ? 'Yes' : '';
    case 'TAGS': return (value as string[]).join(', ');
    case 'INSTANT': return new Date(String(value)).toLocaleString();
    case 'NUMBER': return Number(value).toLocaleString();
    case 'DERIVED': return `${Math.round(Number(value) * 100)} %`;
    case 'REF': {
      const r = (context.options[spec.target ?? ''] ?? []).find((x) => x.id === value);
      return r ? titleOf(r) : '';
    }
    case 'REFS': return (value as string[]).map((id) => {
      const r = (context.options[spec.target ?? ''] ?? []).find((x) => x.id === id);
      return r ? titleOf(r) : '';
    }).filter(Boolean).join(', ');
    case 'MEMBERS': return (value as string[]).map((id) => context.members.find((m) => m.id === id)?.name ?? '')
      .filter(Boolean).join(', ');
    case 'FILE': return context.files.find((f) => f.id === value)?.name ?? '';
    case 'FILES': return (value as string[]).map((id) => context.files.find((f) => f.id === id)?.name ?? '')
      .filter(Boolean).join(', ');
    case 'JSON': case 'SECTIONS': return JSON.stringify(value);
    default: return String(value);
  }
}

function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
