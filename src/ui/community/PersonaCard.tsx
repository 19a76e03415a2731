/**
 * The selected persona's story: who it is, what it believes now and how that moved, its chats,
 * posts, memory and votes. Every string from a model is React text, never HTML.
 */
import type { CommunityViewWire, PersonaStoryWire } from '../../protocol/scene.ts';
import { useSandbox, useSandboxContext } from '../context.ts';
import { countRender } from '../renderCount.ts';
import { beliefColor, cssColor } from './beliefColors.ts';
import { beliefText, leaning, sparkPoints, trendText } from './personaText.ts';

type Topic = CommunityViewWire['topics'][number];

const SPARK_W = 72;
const SPARK_H = 20;

function BeliefRow({ topic, belief, history }: { readonly topic: Topic; readonly belief: number; readonly history: readonly number[] }) {
  const trend = trendText(history);
  return (
    <li>
      <span className="grid-swatch" style={{ background: cssColor(beliefColor(belief)) }} aria-hidden="true" />
      <span className="persona-topic">{topic.key}</span>
      <span className="persona-belief">{beliefText(belief)}</span>
      <svg className="sparkline" width={SPARK_W} height={SPARK_H} viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} role="img" aria-label={`${topic.key}: ${trend}`}>
        <line x1={0} x2={SPARK_W} y1={SPARK_H / 2} y2={SPARK_H / 2} className="sparkline-zero" />
        <polyline points={sparkPoints(history, SPARK_W, SPARK_H)} className="sparkline-line" />
      </svg>
      <span className="muted persona-leaning">{leaning(belief, topic)}</span>
    </li>
  );
}

function Story({ persona, topics }: { readonly persona: PersonaStoryWire; readonly topics: readonly Topic[] }) {
  const ctx = useSandboxContext();
  const topicKey = (id: number): string => topics.find((t) => t.id === id)?.key ?? `topic ${id}`;
  return (
    <>
      <dl className="facts">
        <dt>Temper</dt>
        <dd>{persona.temper}</dd>
        <dt>Interest</dt>
        <dd>{persona.interest}</dd>
        <dt>Openness</dt>
        <dd>{persona.openness.toFixed(2)}</dd>
        <dt>Threshold</dt>
        <dd>{persona.threshold.toFixed(2)}</dd>
      </dl>
      {persona.greyed ? <p className="persona-greyed">Its call in the latest phase fell back: it kept its beliefs (grey on the grid).</p> : null}
      <h4>Beliefs now, and over time</h4>
      <ul className="persona-beliefs">
        {topics.map((topic) => (
          <BeliefRow key={topic.id} topic={topic} belief={persona.beliefs[topic.id] ?? 0} history={persona.history.map((h) => h.beliefs[topic.id] ?? 0)} />
        ))}
      </ul>
      {persona.votes ? (
        <p>{`Voted: ${persona.votes.map((option, id) => topics.find((t) => t.id === id)?.options[option] ?? `option ${option}`).join(', ')}.`}</p>
      ) : null}
      <details>
        <summary>{`Chats (${persona.chats.length})`}</summary>
        {persona.chats.length === 0 ? <p className="muted">No chats yet.</p> : null}
        <ul className="persona-list">
          {persona.chats.map((chat, index) => (
            <li key={index}>
              {`Epoch ${chat.epoch}, with `}
              <button type="button" className="link-button" onClick={() => { void ctx.client.select(chat.partner); }}>
                {chat.partnerName}
              </button>
              <p>{`Said: ${chat.said}`}</p>
              <p className="muted">{`Heard: ${chat.heard}`}</p>
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>{`Posts (${persona.posts.length})`}</summary>
        {persona.posts.length === 0 ? <p className="muted">No posts yet.</p> : null}
        <ul className="persona-list">
          {persona.posts.map((post) => (
            <li key={post.id}>
              <span className="muted">{`Epoch ${post.epoch} · ${topicKey(post.topic)} · ▲ ${post.up} ▼ ${post.down}`}</span>
              <p>{post.text}</p>
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>{`Memory (${persona.memory.length})`}</summary>
        <ol className="memories">
          {persona.memory.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ol>
      </details>
    </>
  );
}

export function PersonaCard() {
  countRender('CommunityPanel.persona');
  const selectedId = useSandbox((s) => s.selectedId);
  const persona = useSandbox((s) => s.scene?.persona ?? null);
  const topics = useSandbox((s) => s.scene?.view.topics);
  const name = useSandbox((s) => (s.selectedId === null ? null : (s.world?.agents[s.selectedId]?.name ?? null)));
  if (selectedId === null) {
    return (
      <div className="community-persona" data-testid="community-persona">
        <h3>Persona</h3>
        <p className="muted">Click a persona on the grid to see its beliefs and chats.</p>
      </div>
    );
  }
  const ready = persona !== null && persona.id === selectedId;
  return (
    <div className="community-persona" data-testid="community-persona">
      <h3 data-testid="persona-name">{ready ? persona.name : (name ?? `Persona ${selectedId}`)}</h3>
      {ready ? <Story persona={persona} topics={topics ?? []} /> : <p className="muted">Loading…</p>}
    </div>
  );
}
