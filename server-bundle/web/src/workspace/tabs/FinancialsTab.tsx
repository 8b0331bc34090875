// Revenue streams and costs, and the forecast the server works out from them.
import { useEffect, useState } from 'react';
import { ErrorNote, messageOf } from '../../components/Notes';
import { useSession } from '../../context';
import type { ForecastResult } from '../model';
import { AiButton } from '../AiButton';
import { ResourceSection } from '../ResourceSection';
import { useRecords } from '../useRecords';
import { useWorkspace } from '../Workspace';

const money = (n: number) => Number(n).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function FinancialsTab() {
  const { ventureId } = useWorkspace();
  const streams = useRecords(ventureId, 'revenue-streams');
  const costs = useRecords(ventureId, 'costs');
  return (
    <>
      <ResourceSection path="revenue-streams" title="Revenue streams" records={streams}
                       columns={['name', 'price', 'frequency', 'quantity', 'monthlyGrowthPct', 'startMonth']} />
      <ResourceSection path="costs" title="Costs" records={costs}
                       columns={['name', 'amount', 'frequency', 'category', 'monthlyGrowthPct', 'startMonth']} />
      <ForecastTable changes={[...streams.records, ...costs.records].map((r) => `${r.id}:${r.revision}`).join()} />
    </>
  );
}

function ForecastTable({ changes }: { changes: string }) {
  const { api, org } = useSession();
  const { ventureId } = useWorkspace();
  const [months, setMonths] = useState(12);
  const [result, setResult] = useState<ForecastResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.forecast(org.id, ventureId, months).then((r) => { setResult(r); setError(null); }, (e) => setError(messageOf(e)));
  }, [api, org.id, ventureId, months, changes]);
  return (
    <section className="card" aria-label="Forecast">
      <div className="page-head">
        <h2>Forecast</h2>
        <label className="inline">Months
          <select value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            {[12, 24, 36].map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      <AiButton label="Explain this forecast" page="financials" action="view" ask={async () =>
        (await api.aiAction<{ text: string }>(org.id, ventureId, 'forecast-explanation', { months })).text} />
      {result && (
        <>
          <p>Revenue {money(result.totalRevenue)} · costs {money(result.totalCosts)} · result <strong>{money(result.totalProfit)}</strong>
            {' · '}{result.breakEvenMonth ? `break-even in month ${result.breakEvenMonth}` : 'no break-even in this period'}</p>
          <div className="scroll">
            <table className="records" aria-label="Forecast by month">
              <thead><tr><th scope="col">Month</th><th scope="col">Revenue</th><th scope="col">Costs</th><th scope="col">Result</th><th scope="col">Cumulative</th></tr></thead>
              <tbody>{result.months.map((m) => (
                <tr key={m.month}><td>{m.month}</td><td>{money(m.revenue)}</td><td>{money(m.costs)}</td><td>{money(m.profit)}</td>
                  <td className={m.cumulative < 0 ? 'negative' : undefined}>{money(m.cumulative)}</td></tr>
              ))}</tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
