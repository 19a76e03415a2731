/**
 * On a narrow screen the workspace shows one view at a time; these buttons pick it. On a wide
 * screen every view is on show at once and styles.css hides the switcher, so the choice only
 * matters below the breakpoint there. Each button names the pane it shows (`aria-controls`).
 */
export const VIEWS = [
  { id: 'controls', label: 'Controls', pane: 'pane-controls' },
  { id: 'grid', label: 'Grid', pane: 'pane-grid' },
  { id: 'classroom', label: 'Classroom', pane: 'pane-classroom' },
  { id: 'metrics', label: 'Metrics', pane: 'pane-metrics' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/** The pane element id of a view, for the markup the switcher controls. */
export function paneId(view: ViewId): string {
  return VIEWS.find((v) => v.id === view)?.pane ?? view;
}

export function ViewSwitcher({ view, onChange }: { view: ViewId; onChange: (view: ViewId) => void }) {
  return (
    <nav className="view-switcher" aria-label="Views" data-testid="view-switcher">
      {VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          aria-pressed={v.id === view}
          aria-controls={v.pane}
          data-view={v.id}
          onClick={() => {
            onChange(v.id);
          }}
        >
          {v.label}
        </button>
      ))}
    </nav>
  );
}
