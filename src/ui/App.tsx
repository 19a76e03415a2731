import { runAction, type ActionContext } from './actions.ts';
import { SandboxContext, useSandbox } from './context.ts';
import { AgentList } from './panels/AgentList.tsx';
import { ClassroomTabs } from './panels/ClassroomTabs.tsx';
import { Controls } from './panels/Controls.tsx';
import { CostPanel } from './panels/CostPanel.tsx';
import { ExportPanel } from './panels/ExportPanel.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { KeyConsent } from './panels/KeyConsent.tsx';
import { MetricsPanel } from './panels/MetricsPanel.tsx';
import { NoticeBanner } from './panels/NoticeBanner.tsx';
import { PresenterBoard } from './panels/PresenterBoard.tsx';
import { PresetsPanel } from './panels/PresetsPanel.tsx';
import { StageHost } from './panels/StageHost.tsx';
import { useShortcuts } from './shortcuts.ts';

function Workspace() {
  return (
    <>
      <aside className="left">
        <PresetsPanel />
        <Controls />
        <ExportPanel />
      </aside>
      <main className="center">
        <div className="stage-wrap">
          <StageHost />
        </div>
        <ClassroomTabs />
      </main>
      <aside className="right">
        <MetricsPanel />
        <Inspector />
        <CostPanel />
        <AgentList />
      </aside>
    </>
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
