import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState } from 'react';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import type { AgentRow } from '../store.ts';
import { formatCount } from '../numbers.ts';

const ROW_HEIGHT = 28;

/**
 * Who answered an agent's last decision, in words. The grid's colours say what an agent is doing
 * now (its legend is under the grid); a coloured dot here, for a different meaning, misled.
 */
const SOURCE_WORDS: Readonly<Record<Exclude<AgentRow['source'], 'none'>, string>> = {
  mock: 'mock',
  gemini: 'Gemini',
  openai: 'OpenAI-compatible',
  fallback: 'fell back',
};

/**
 * The search box, apart so the list's re-render when decisions land (rows) leaves it alone:
 * React rewrites an input's name and type on every update it commits to it.
 */
const NameFilter = memo(function NameFilter({ value, onChange }: { value: string; onChange: (next: string) => void }) {
  return (
    <input
      type="search"
      placeholder="Find by name"
      aria-label="Find an agent by name"
      value={value}
      onChange={(event) => {
        onChange(event.target.value);
      }}
    />
  );
});

/** Every agent by name, filterable; only the visible rows are in the DOM, so 10,000 is fine. */
export function AgentList() {
  countRender('AgentList');
  const ctx = useSandboxContext();
  const agents = useSandbox((s) => s.world?.agents);
  const rows = useSandbox((s) => s.rows);
  const selectedId = useSandbox((s) => s.selectedId);
  const [filter, setFilter] = useState('');
  const matches = useMemo(() => {
    const all = agents ?? [];
    const needle = filter.trim().toLowerCase();
    return needle === '' ? all : all.filter((a) => a.name.toLowerCase().includes(needle));
  }, [agents, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this component re-renders at panel rate only
  const virtualizer = useVirtualizer({ count: matches.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  return (
    <section className="panel agent-list" aria-label="Agent list">
      <h2>{`Agents (${formatCount((agents ?? []).length)})`}</h2>
      <p className="muted list-caption">Beside each name: who answered its last decision.</p>
      <NameFilter value={filter} onChange={setFilter} />
      <div className="list-scroller" ref={scroller} data-testid="agent-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const agent = matches[item.index];
            if (!agent) return null;
            const source = rows[agent.id]?.source ?? 'none';
            return (
              <button
                type="button"
                key={agent.id}
                className={agent.id === selectedId ? 'list-row selected' : 'list-row'}
                aria-pressed={agent.id === selectedId}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  void ctx.client.select(agent.id);
                }}
              >
                <span className="list-name">{agent.name}</span>
                {/* Hidden from the button's name, which stays the agent's (the inspector says the source). */}
                {source === 'none' ? null : <span className={`source-tag source-${source}`} aria-hidden="true">{SOURCE_WORDS[source]}</span>}
              </button>
            );
          })}
        </div>
      </div>
      {matches.length === 0 ? <p className="muted">No agent is called that.</p> : null}
    </section>
  );
}
