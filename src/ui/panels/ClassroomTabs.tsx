import { useId, type ComponentType, type KeyboardEvent } from 'react';
import { ChartsPanel } from '../charts/ChartsPanel.tsx';
import { useSandbox, useSandboxContext } from '../context.ts';
import type { ClassroomTab } from '../store.ts';
import { RacePanel } from '../timeline/RacePanel.tsx';
import { RequestTimeline } from '../timeline/RequestTimeline.tsx';

const TABS = [
  { id: 'timeline', label: 'Request timeline', Panel: RequestTimeline },
  { id: 'race', label: 'Race', Panel: RacePanel },
  { id: 'charts', label: 'Charts', Panel: ChartsPanel },
] as const satisfies readonly { id: ClassroomTab; label: string; Panel: ComponentType }[];

/**
 * The classroom views under the grid, one at a time, as an accessible tab list. The tab on show
 * is the store's, so the race key (`g`) can switch to the race from anywhere.
 */
export function ClassroomTabs() {
  const { store } = useSandboxContext();
  const active = useSandbox((s) => s.classroomTab);
  const setActive = (tab: ClassroomTab): void => {
    store.setState({ classroomTab: tab });
  };
  const id = useId();
  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((tab) => tab.id === active);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    setActive(next.id);
    // The arrow moves focus with the selection, as a tab list does.
    document.getElementById(`${id}-${next.id}`)?.focus();
  };
  const current = TABS.find((tab) => tab.id === active) ?? TABS[0];
  return (
    <div className="classroom">
      <div className="tabs" role="tablist" aria-label="Classroom views" onKeyDown={onKey}>
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${id}-${tab.id}`}
            aria-selected={tab.id === active}
            aria-controls={`${id}-panel`}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => {
              setActive(tab.id);
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${current.id}`}>
        <current.Panel />
      </div>
    </div>
  );
}
