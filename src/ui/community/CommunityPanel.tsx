/**
 * The community scenario's panel under the grid: the phases with their timing and ceiling, the
 * beliefs per topic (whose colours the grid uses), the feed, the vote, and the selected persona
 * with an interview box. Shown only while the world on screen is a community; each part selects
 * its own small slice of the store, which the client publishes at most 4 times a second.
 */
import { useSandbox } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { BeliefHistogram } from './BeliefHistogram.tsx';
import { Feed } from './Feed.tsx';
import { InterviewBox } from './InterviewBox.tsx';
import { PersonaCard } from './PersonaCard.tsx';
import { PhaseStrip } from './PhaseStrip.tsx';
import { VoteTally } from './VoteTally.tsx';
import './community.css';

/** The interview box for the selected persona, or nothing when none is selected. */
function SelectedInterview() {
  const selectedId = useSandbox((s) => s.selectedId);
  const name = useSandbox((s) => (s.selectedId === null ? null : (s.scene?.persona?.id === s.selectedId ? s.scene.persona.name : (s.world?.agents[s.selectedId]?.name ?? null))));
  if (selectedId === null) return null;
  return <InterviewBox key={selectedId} agentId={selectedId} name={name ?? `persona ${selectedId}`} />;
}

export function CommunityPanel() {
  countRender('CommunityPanel');
  const community = useSandbox((s) => s.world?.scenario === 'community');
  if (!community) return null;
  return (
    <section className="panel community" aria-label="Community" data-testid="community-panel">
      <h2>Community</h2>
      <PhaseStrip />
      <div className="community-grid">
        <BeliefHistogram />
        <div className="community-persona-box">
          <PersonaCard />
          <SelectedInterview />
        </div>
        <Feed />
        <VoteTally />
      </div>
    </section>
  );
}
