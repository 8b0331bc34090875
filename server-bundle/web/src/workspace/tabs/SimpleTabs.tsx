// The tabs that are lists of one or two kinds of record.
import { ResourceSection } from '../ResourceSection';
import { useRecords } from '../useRecords';
import { useWorkspace } from '../Workspace';

export function CustomersTab() {
  const { ventureId } = useWorkspace();
  const interviews = useRecords(ventureId, 'interviews');
  return <ResourceSection path="interviews" title="Customer interviews" records={interviews}
                          intro="Who you talked to, how they felt and whether they would pay."
                          columns={['name', 'customerStatus', 'sentiment', 'willingnessToPay', 'segment', 'nextFollowUpAt']} />;
}

export function MarketTab() {
  const { ventureId } = useWorkspace();
  const sizes = useRecords(ventureId, 'market-sizes');
  return <ResourceSection path="market-sizes" title="Market size" records={sizes}
                          intro="Total, serviceable and obtainable market, with the sources you used."
                          columns={['name', 'tam', 'sam', 'som', 'currency', 'naicsCode', 'status']} />;
}

export function CompetitorsTab() {
  const { ventureId } = useWorkspace();
  const attributes = useRecords(ventureId, 'competitor-attributes');
  const competitors = useRecords(ventureId, 'competitors');
  return (
    <>
      <ResourceSection path="competitors" title="Competitors" records={competitors}
                       columns={['name', 'website', 'strengths', 'weaknesses', 'opportunities', 'threats']} />
      <ResourceSection path="competitor-attributes" title="Attributes compared" records={attributes}
                       columns={['name', 'tab', 'position']} />
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
