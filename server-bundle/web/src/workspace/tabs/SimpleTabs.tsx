// The tabs that are lists of one or two kinds of record.
import { useState } from 'react';
import { ErrorNote, messageOf } from '../../components/Notes';
import { useAction } from '../../components/useAction';
import { useSession } from '../../context';
import type { WorkRecord } from '../model';
import { AiButton } from '../AiButton';
import { ResourceSection } from '../ResourceSection';
import { useRecords, type Records } from '../useRecords';
import { useWorkspace } from '../Workspace';

export function CustomersTab() {
  const { api, org } = useSession();
  const { ventureId } = useWorkspace();
  const interviews = useRecords(ventureId, 'interviews');
  const videos = useRecords(ventureId, 'video-interviews');
  return (
    <>
      <ResourceSection path="interviews" title="Customer interviews" records={interviews}
                       intro="Who you talked to, how they felt and whether they would pay."
                       columns={['name', 'customerStatus', 'sentiment', 'willingnessToPay', 'segment', 'nextFollowUpAt']} />
      <ResourceSection path="video-interviews" title="Video interviews" records={videos} options={{ interviews: interviews.records }}
                       intro="Recorded interviews with the signed waiver; upload both under Files first."
                       columns={['name', 'email', 'interviewId', 'waiverFileId', 'videoFileId']} />
      <BulkInterviews ventureId={ventureId} names={interviews.records.map((i) => ({ id: i.id, name: String(i.name) }))} />
      <AiButton label="Analyze the interviews" page="customers" ask={async () =>
        (await api.aiAction<{ text: string }>(org.id, ventureId, 'interview-analysis')).text} />
    </>
  );
}

export function MarketTab() {
  const { ventureId } = useWorkspace();
  const sizes = useRecords(ventureId, 'market-sizes');
  return (
    <>
      <ResourceSection path="market-sizes" title="Market size" records={sizes}
                       intro="Total, serviceable and obtainable market, with the sources you used."
                       columns={['name', 'tam', 'sam', 'som', 'currency', 'naicsCode', 'status']} />
      <MarketResearch add={sizes.create} />
    </>
  );
}

type MarketSize = { name: string; tam: number; sam: number; som: number; currency: string; reportContent: string;
  sources: { title: string; url: string }[] };

/** The AI sizes a market named in the founder's words; the sizing is added (marked as the AI's) only when accepted. */
function MarketResearch({ add }: { add(body: Record<string, unknown>): Promise<WorkRecord> }) {
  const { api, org } = useSession();
  const { ventureId, ai, can } = useWorkspace();
  const [market, setMarket] = useState('');
  const [suggested, setSuggested] = useState<MarketSize | null>(null);
  const { error, run } = useAction();
  if (!ai || !can('market', 'create')) return null;
  const money = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 0 });
  return (
    <section className="card" aria-label="Market research">
      <label>Market to size<input maxLength={200} value={market} placeholder="e.g. village shops in Kenya"
                                  onChange={(e) => setMarket(e.target.value)} /></label>
      <AiButton label="Size this market with AI" page="market" action="create" ask={async () => {
        setSuggested(await api.aiAction<MarketSize>(org.id, ventureId, 'market-size', { market }));
      }}>
        {suggested && (
          <div className="note" role="status" aria-label="Suggested market size">
            <p><span className="tag ai">AI</span> <strong>{suggested.name}</strong>: TAM {money(suggested.tam)}, SAM{' '}
              {money(suggested.sam)}, SOM {money(suggested.som)} {suggested.currency}</p>
            <p>{suggested.reportContent}</p>
            {suggested.sources.length > 0 && <p className="muted small">Sources: {suggested.sources.map((s) => s.title).join('; ')}</p>}
            <ErrorNote error={error} />
            <button type="button" onClick={() => run(async () => {
              await add({ ...suggested, source: 'ai' });
              setSuggested(null);
            })}>Add this market size</button>
          </div>
        )}
      </AiButton>
    </section>
  );
}

export function CompetitorsTab() {
  const { api, org } = useSession();
  const { ventureId } = useWorkspace();
  const attributes = useRecords(ventureId, 'competitor-attributes');
  const competitors = useRecords(ventureId, 'competitors');
  return (
    <>
      <ResourceSection path="competitors" title="Competitors" records={competitors}
                       columns={['name', 'website', 'strengths', 'weaknesses', 'opportunities', 'threats']} />
      <ResourceSection path="competitor-attributes" title="Attributes compared" records={attributes}
                       columns={['name', 'tab', 'position']} />
      <Matrix competitors={competitors} attributes={[...attributes.records]
        .sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0)).map((a) => String(a.name))} />
      {competitors.records.map((c) => (
        <AiButton key={c.id} label={`Fill ${String(c.name)}'s cells with AI`} page="competitors" ask={async () => {
          const r = await api.aiAction<{ values: Record<string, string> }>(org.id, ventureId, 'competitor-cells', { competitorId: c.id });
          await competitors.update(c, { attributes: { ...((c.attributes as object) ?? {}), ...r.values }, source: 'ai' });
          return Object.entries(r.values).map(([k, v]) => `${k}: ${v}`).join('; ');
        }} />
      ))}
    </>
  );
}

export function JourneyTab() {
  const { ventureId, can } = useWorkspace();
  const milestones = useRecords(ventureId, 'milestones');
  return (
    <ResourceSection path="milestones" title="Journey" records={milestones} columns={['title', 'date', 'type']}>
      {(shown, edit) => (
        <ol className="timeline">
          {[...shown].sort((a, b) => String(a.date).localeCompare(String(b.date))).map((m) => (
            <li key={m.id} className={m.isMonumental ? 'monumental' : undefined}>
              <time dateTime={String(m.date)}>{String(m.date)}</time> <strong>{String(m.title)}</strong>
              {m.description ? <p>{String(m.description)}</p> : null}
              {can('journey', 'edit') && <button type="button" className="link" onClick={() => edit(m)}
                                                  aria-label={`Edit ${String(m.title)}`}>Edit</button>}
            </li>
          ))}
        </ol>
      )}
    </ResourceSection>
  );
}

export function CalendarTab() {
  const { ventureId } = useWorkspace();
  const events = useRecords(ventureId, 'calendar-events');
  const sorted = [...events.records].sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt)));
  return <ResourceSection path="calendar-events" title="Calendar" records={{ ...events, records: sorted }}
                          columns={['title', 'startsAt', 'endsAt', 'location']} />;
}

/** Competitors against the attributes compared, each cell editable where the role allows (saved when left). */
function Matrix({ competitors, attributes }: { competitors: Records; attributes: string[] }) {
  const editable = useWorkspace().can('competitors', 'edit');
  const [error, setError] = useState<string | null>(null);
  if (attributes.length === 0 || competitors.records.length === 0) return null;
  async function save(c: WorkRecord, attribute: string, value: string) {
    const cells = (c.attributes as Record<string, string> | null) ?? {};
    if ((cells[attribute] ?? '') === value) return;
    try {
      await competitors.update(c, { attributes: { ...cells, [attribute]: value } });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <section className="card scroll" aria-label="Comparison">
      <h2>Comparison</h2>
      <ErrorNote error={error} />
      <table className="records" aria-label="Competitors by attribute">
        <thead><tr><th scope="col">Competitor</th>{attributes.map((a) => <th key={a} scope="col">{a}</th>)}</tr></thead>
        <tbody>{competitors.records.map((c) => (
          <tr key={c.id}><th scope="row">{String(c.name)}</th>{attributes.map((a) => {
            const value = ((c.attributes as Record<string, string> | null) ?? {})[a] ?? '';
            return <td key={a}>{editable
              ? <input key={`${c.revision}`} aria-label={`${a} of ${String(c.name)}`} defaultValue={value} maxLength={200}
                       onBlur={(e) => save(c, a, e.target.value)} />
              : value}</td>;
          })}</tr>
        ))}</tbody>
      </table>
    </section>
  );
}

/** Several interviews at once: names pasted one per line, added in one go; or chosen and deleted in one go. */
function BulkInterviews({ ventureId, names }: { ventureId: string; names: { id: string; name: string }[] }) {
  const { api, org } = useSession();
  const { can } = useWorkspace();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const { error, run: act } = useAction();
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return (
    <details className="card">
      <summary>Add or delete several interviews</summary>
      <ErrorNote error={error} />
      {can('customers', 'create') && (
        <div className="row wrap">
          <label>Names, one per line<textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} /></label>
          <button type="button" disabled={lines.length === 0} onClick={() => act(async () => {
            await api.createRecords(org.id, ventureId, 'interviews', lines.map((name) => ({ name })));
            setText('');
          })}>Add {lines.length || ''} interviews</button>
        </div>
      )}
      {can('customers', 'delete') && names.length > 0 && (
        <div className="row wrap">
          <label>Interviews to delete
            <select multiple value={chosen} onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => o.value))}>
              {names.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
            </select>
          </label>
          <button type="button" className="danger" disabled={chosen.length === 0} onClick={() => {
            if (confirm(`Delete ${chosen.length} interviews?`)) {
              act(async () => { await api.deleteRecords(org.id, ventureId, 'interviews', chosen); setChosen([]); });
            }
          }}>Delete {chosen.length || ''} interviews</button>
        </div>
      )}
    </details>
  );
}
