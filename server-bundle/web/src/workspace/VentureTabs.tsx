// A venture's workspace (server 1.2.0 and newer): one tab per page of the founder's tools. The resources'
// descriptions and the organization's people are loaded once here and shared with every tab.
import { useEffect, useState, type ReactNode } from 'react';
import type { Venture } from '../api/types';
import { ErrorNote, messageOf } from '../components/Notes';
import { useSession } from '../context';
import { hrefOf } from '../router';
import { allows, type ResourceSpec } from './model';
import { Onboarding } from './Onboarding';
import { CanvasTab } from './tabs/CanvasTab';
import { DocumentsTab } from './tabs/DocumentsTab';
import { FilesTab } from './tabs/FilesTab';
import { FinancialsTab } from './tabs/FinancialsTab';
import { GoalsTab } from './tabs/GoalsTab';
import { RoadmapTab } from './tabs/RoadmapTab';
import { CalendarTab, CompetitorsTab, CustomersTab, JourneyTab, MarketTab } from './tabs/SimpleTabs';
import { Workspace, type WorkspaceContext } from './Workspace';

/** The page (in custom roles' terms) a tab shows; the same name unless said here. */
const PAGE_OF: Record<string, string> = {};

export const TABS: [string, string][] = [['overview', 'Overview'], ['canvas', 'Canvas'], ['goals', 'Goals'],
  ['roadmap', 'Roadmap'], ['customers', 'Customers'], ['market', 'Market'], ['competitors', 'Competitors'],
  ['financials', 'Financials'], ['documents', 'Documents'], ['files', 'Files'], ['journey', 'Journey'],
  ['calendar', 'Calendar']];

export function VentureTabs({ venture, tab, overview }: { venture: Venture; tab: string; overview: ReactNode }) {
  const { api, org } = useSession();
  const [context, setContext] = useState<WorkspaceContext | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([api.resources(), api.members(org.id), api.myAccess(org.id),
      api.aiStatus().catch(() => ({ configured: false })), api.files(org.id, venture.id).catch(() => [])])
      .then(([specs, members, access, ai, files]) => {
      setContext({
        ventureId: venture.id, can: (page, action) => allows(access, page, action), ai: ai.configured,
        specs: Object.fromEntries(specs.map((s: ResourceSpec) => [s.path, s])),
        members: members.map((m) => ({ id: m.userId, name: m.name || m.email })),
        files: files.map((f) => ({ id: f.id, name: f.name })),
      });
    }, (e) => setError(messageOf(e)));
  }, [api, org, venture.id]);
  const visible = TABS.filter(([key]) => key === 'overview' || !context || context.can(PAGE_OF[key] ?? key, 'view'));
  // the new venture's first steps (not a tab of its own): for who may edit the profile and the canvas
  const welcome = tab === 'welcome' && context !== null && context.can('canvas', 'edit');
  const current = welcome ? 'welcome' : visible.some(([key]) => key === tab) ? tab : 'overview';
  return (
    <>
      <nav className="tabs" aria-label="Venture pages">
        {visible.map(([key, title]) => (
          <a key={key} href={hrefOf({ page: 'venture', id: venture.id, tab: key })}
             aria-current={key === current ? 'page' : undefined}>{title}</a>
        ))}
      </nav>
      <ErrorNote error={error} />
      {current === 'overview' ? overview : context && (
        <Workspace.Provider value={context}>
          {current === 'welcome' && <Onboarding venture={venture} />}
          {current === 'canvas' && <CanvasTab currentCanvasId={venture.currentCanvasId ?? null} />}
          {current === 'goals' && <GoalsTab />}
          {current === 'roadmap' && <RoadmapTab />}
          {current === 'customers' && <CustomersTab />}
          {current === 'market' && <MarketTab />}
          {current === 'competitors' && <CompetitorsTab />}
          {current === 'financials' && <FinancialsTab />}
          {current === 'documents' && <DocumentsTab />}
          {current === 'files' && <FilesTab />}
          {current === 'journey' && <JourneyTab />}
          {current === 'calendar' && <CalendarTab />}
        </Workspace.Provider>
      )}
    </>
  );
}
