import { useEffect, useRef } from 'react';
import type { RenderSource } from '../../render/source.ts';
import { mountStage, type StageHandle } from '../../render/stage.ts';
import { runAction } from '../actions.ts';
import { useSandboxContext } from '../context.ts';
import { setNotice } from '../store.ts';
import './stage.css';

/**
 * The grid, and a button that fits it back into view after zooming or panning (as a double
 * click does). React renders this once; PixiJS draws into the div from the store, frame by frame.
 */
export function StageHost() {
  const ctx = useSandboxContext();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { store, client } = ctx;
    const source: RenderSource = {
      world: () => store.getState().world,
      frames: () => store.getState().live.frame,
      selected: () => store.getState().selectedId,
      colorTopic: () => store.getState().colorTopic,
      select: (agentId) => {
        void client.select(agentId);
      },
      reportFps: (fps) => {
        store.setState({ fps });
      },
    };
    let handle: StageHandle | undefined;
    let unmounted = false;
    mountStage(element, source).then(
      (mounted) => {
        if (unmounted) {
          mounted.destroy();
          return;
        }
        handle = mounted;
        ctx.stage.current = {
          locate: (agentId) => {
            const positions = store.getState().live.frame?.curr.positions;
            const x = positions?.[agentId * 2];
            const y = positions?.[agentId * 2 + 1];
            if (x === undefined || y === undefined) return null;
            const point = mounted.cellToScreen(x, y);
            const box = element.getBoundingClientRect();
            return { x: box.left + point.x, y: box.top + point.y };
          },
          fitView: () => {
            mounted.fitView();
          },
        };
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        setNotice(store, 'render', { level: 'error', message: `The grid cannot be drawn in this browser (${reason}); the panels still work.` });
      },
    );
    return () => {
      unmounted = true;
      ctx.stage.current = null;
      handle?.destroy();
      // No stage draws now (the relationships' cards or the DAG took its place): no frame rate
      // stays behind in the snapshot (`window.sandbox`) from the grid that was.
      store.setState({ fps: 0 });
    };
  }, [ctx]);
  return (
    <>
      <div className="stage" ref={container} data-testid="stage" aria-label="The grid: click an agent to select it; drag to pan; scroll to zoom; double-click to fit it in view" role="application" />
      <button
        type="button"
        className="stage-fit"
        data-action="fit"
        title="Fit the whole grid in view (or double-click the grid)"
        onClick={() => {
          void runAction(ctx, 'fit');
        }}
      >
        Fit grid
      </button>
    </>
  );
}
