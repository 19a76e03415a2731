import { useEffect } from 'react';
import { ACTIONS, runAction, type ActionContext, type ActionId } from './actions.ts';
import { SandboxContext } from './context.ts';
import { AgentList } from './panels/AgentList.tsx';
import { Controls } from './panels/Controls.tsx';
import { CostPanel } from './panels/CostPanel.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { MetricsPanel } from './panels/MetricsPanel.tsx';
import { NoticeBanner } from './panels/NoticeBanner.tsx';
import { StageHost } from './panels/StageHost.tsx';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Runs an action's keyboard shortcut, unless the user is typing in a field. */
function useShortcuts(ctx: ActionContext): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof HTMLElement && (TYPING.has(event.target.tagName) || event.target.isContentEditable)) return;
      const entry = Object.entries(ACTIONS).find(([, action]) => 'key' in action && action.key === event.key);
      if (!entry) return;
      event.preventDefault();
      void runAction(ctx, entry[0] as ActionId);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [ctx]);
}

/** The page layout; each panel selects its own small slice of the store. */
export function App({ ctx }: { ctx: ActionContext }) {
  useShortcuts(ctx);
  return (
    <SandboxContext value={ctx}>
      <div className="app">
        <header className="app-header">
          <h1>
            Neon <span className="tagline">agents that think in parallel</span>
          </h1>
          <NoticeBanner />
        </header>
        <aside className="left">
          <Controls />
        </aside>
        <main className="center">
          <StageHost />
        </main>
        <aside className="right">
          <MetricsPanel />
          <Inspector />
          <CostPanel />
          <AgentList />
        </aside>
      </div>
    </SandboxContext>
  );
}
