import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import './restartBanner.css';

/**
 * Shown once the simulation died too often to be restarted by itself (ui/workerSupervisor.ts):
 * says so, and restarts it from its last checkpoint when asked. The press is a count in the
 * store, as other requests from a panel are, which the supervisor watches.
 */
export function RestartBanner() {
  countRender('RestartBanner');
  const { store } = useSandboxContext();
  const stopped = useSandbox((s) => s.workerStopped);
  if (stopped === null) return null;
  return (
    <div className="notice notice-error restart-banner" role="alert" data-testid="restart-banner">
      <p>{stopped}</p>
      <div className="row">
        <button type="button" onClick={() => { store.setState((s) => ({ restartCalls: s.restartCalls + 1 })); }}>
          Restart
        </button>
      </div>
    </div>
  );
}
