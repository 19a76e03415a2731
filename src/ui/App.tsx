import { lazy, Suspense, useState } from 'react';
import { runAction, type ActionContext } from './actions.ts';
import { CommunityPanel } from './community/CommunityPanel.tsx';
import { SandboxContext, useSandbox } from './context.ts';
import { GameMasterPanel } from './gamemaster/GameMasterPanel.tsx';
import { GridLegend } from './layout/GridLegend.tsx';
import { shownScenario } from './layout/gridPane.ts';
import { paneId, ViewSwitcher, type ViewId } from './layout/ViewSwitcher.tsx';
import { AgentList } from './panels/AgentList.tsx';
import { ClassroomTabs } from './panels/ClassroomTabs.tsx';
import { Controls } from './panels/Controls.tsx';
import { CostPanel } from './panels/CostPanel.tsx';
import { ExportPanel } from './panels/ExportPanel.tsx';
import { SaveLoadPanel } from './panels/SaveLoadPanel.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { KeyConsent } from './panels/KeyConsent.tsx';
import { MetricsPanel } from './panels/MetricsPanel.tsx';
import { NoticeBanner } from './panels/NoticeBanner.tsx';
import { PresenterBoard } from './panels/PresenterBoard.tsx';
import { PresetsPanel } from './panels/PresetsPanel.tsx';
import { RestartBanner } from './panels/RestartBanner.tsx';
import { StageHost } from './panels/StageHost.tsx';
import { PipelinePanel } from './pipeline/PipelinePanel.tsx';
import { RelationshipsPanel } from './relationships/RelationshipsPanel.tsx';
import { SimBoard } from './relationships/SimBoard.tsx';
import { useShortcuts } from './shortcuts.ts';

/**
 * The DAG's graph is loaded when the pipeline is first shown: @xyflow/react and dagre (about
 * 75 kB gzipped) would otherwise weigh on every page that opens on the grid.
 */
const PipelineBoard = lazy(() => import('./pipeline/PipelineBoard.tsx').then((m) => ({ default: m.PipelineBoard })));

/**
 * The three columns: setup on the left, the grid and the classroom views in the middle, the run's
 * numbers and agents on the right. Below the breakpoint in styles.css the columns would leave the
 * grid no width, so one pane shows at a time and the switcher picks it. The whole workspace is
 * the page's main landmark and each side column a named region inside it: with one pane on show,
 * a hidden <main> beside visible <aside>s would leave the page without a main (axe).
 */
/** The grid, or in its place the relationship simulations' cards or the pipeline's DAG. */
function GridPane() {
  const scenario = useSandbox(shownScenario);
  if (scenario === 'relationships') return <SimBoard />;
  if (scenario === 'pipeline') {
    return (
      <Suspense fallback={<p className="dag-summary">Loading the graph…</p>}>
        <PipelineBoard />
      </Suspense>
    );
  }
  return (
    <>
      <div className="stage-wrap">
        <StageHost />
      </div>
      <GridLegend />
    </>
  );
}

function Workspace() {
  const [view, setView] = useState<ViewId>('grid');
  // A classroom view asked for from elsewhere (the race key, even when its tab was already the
  // chosen one) brings the classroom on screen on a phone too; set during render from the
  // previous value, as React advises, not in an effect.
  const calls = useSandbox((s) => s.classroomCalls);
  const [shownCalls, setShownCalls] = useState(calls);
  if (calls !== shownCalls) {
    setShownCalls(calls);
    setView('classroom');
  }
  return (
    <main className="workspace" data-view={view}>
      <ViewSwitcher view={view} onChange={setView} />
      <section className="left" id={paneId('controls')} aria-label="Presets and settings">
        <PresetsPanel />
        <Controls />
        <ExportPanel />
        <SaveLoadPanel />
      </section>
      <div className="center">
        <div className="grid-pane" id={paneId('grid')}>
          <GridPane />
        </div>
        <div className="classroom-pane" id={paneId('classroom')}>
          <CommunityPanel />
          <GameMasterPanel />
          <RelationshipsPanel />
          <PipelinePanel />
          <ClassroomTabs />
        </div>
      </div>
      <section className="right" id={paneId('metrics')} aria-label="Timing and agents">
        <MetricsPanel />
        <Inspector />
        <CostPanel />
        <AgentList />
      </section>
    </main>
  );
}

function Layout({ ctx }: { ctx: ActionContext }) {
  const presenter = useSandbox((s) => s.presenter);
  return (
    <div className={presenter ? 'app presenter' : 'app'}>
      <header className="app-header">
        <h1>
          Neon <span className="tagline">agents that think in parallel</span>
        </h1>
        <button type="button" aria-pressed={presenter} title="Presenter mode (key: p)" onClick={() => { void runAction(ctx, 'presenter'); }}>
          {presenter ? 'Leave presenter mode' : 'Presenter mode'}
        </button>
        <NoticeBanner />
        <RestartBanner />
        <KeyConsent />
      </header>
      {presenter ? <PresenterBoard /> : <Workspace />}
    </div>
  );
}

/** The page; each panel selects its own small slice of the store. */
export function App({ ctx }: { ctx: ActionContext }) {
  useShortcuts(ctx);
  return (
    <SandboxContext value={ctx}>
      <Layout ctx={ctx} />
    </SandboxContext>
  );
}
