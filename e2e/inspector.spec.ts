/**
 * The inspector shows what was decided and, apart from it, where the agent is heading (issue 9,
 * item 7): a Gemini reply of "action":"W" reads "Decided: W" even after a wall turned the agent
 * north, and the mock's thought never names a direction other than the one it decided.
 */
import { expect, test, type Page } from '@playwright/test';
import { fakeServerBackend, TEST_KEY } from './liveBackends.ts';
import { command, openSandbox, snapshot, waitForSnapshot, type Snapshot } from './sandbox.ts';

const WORDS: Readonly<Record<string, string>> = { N: 'north', E: 'east', S: 'south', W: 'west' };
/** Panels copy the live state at most every 250 ms (src/ui/client.ts); wait a few of those. */
const PANEL_SETTLE_MS = 750;

interface InspectorView {
  readonly name: string;
  readonly decided: string;
  readonly heading: string;
  readonly thought: string;
  readonly raw: string | null;
}

/**
 * Selects an agent and steps the paused world once, so the inspector's last refresh comes from
 * a tick: there, the decision on the agent and the call it came from are the same one. (A
 * refresh sent for the selection itself can show a reply that arrived while paused beside the
 * decision before it: the reply is applied on the next tick.)
 */
async function inspect(page: Page, agentId: number): Promise<InspectorView> {
  await page.evaluate((id) => (window as unknown as { sandbox: { select(id: number): Promise<void> } }).sandbox.select(id), agentId);
  await command(page, 'step');
  const name = (await snapshot(page)).agents[agentId]?.name ?? '';
  await expect(page.getByTestId('inspector-name')).toHaveText(name);
  await page.waitForTimeout(PANEL_SETTLE_MS);
  const text = async (testId: string): Promise<string> => (await page.getByTestId(testId).textContent()) ?? '';
  const raw = page.getByTestId('inspector-raw');
  return {
    name,
    decided: await text('inspector-action'),
    heading: await text('inspector-heading'),
    thought: await text('inspector-thought'),
    raw: (await raw.count()) > 0 ? await raw.textContent() : null,
  };
}

/** The N/E/S/W/STAY a shown direction starts with ("W (west)", "N (north), turned at a wall"). */
function directionOf(shown: string): string {
  return /^(N|E|S|W|STAY)\b/.exec(shown)?.[1] ?? `unreadable: ${shown}`;
}

/** Lower-case compass words in a text. Place names are capitalised ("the North Well"): not directions. */
function namedDirections(text: string): string[] {
  return [...text.matchAll(/\b(north|east|south|west)\b/g)].map((m) => m[1] ?? '');
}

/** An agent that moved, on its last tick, some way other than the one it decided: a wall turned it. */
const TURNED = "s.agents.some((a) => a.action !== 'STAY' && a.heading !== 'STAY' && a.heading !== a.action)";

function turnedAgents(s: Snapshot): number[] {
  return s.agents.filter((a) => a.action !== 'STAY' && a.heading !== 'STAY' && a.heading !== a.action).map((a) => a.id);
}

test('Gemini: the inspector decided action equals the reply action, also for an agent a wall turned', async ({ page }) => {
  const backend = fakeServerBackend();
  await backend.attach(page);
  // A long think interval: agents walk 30 cells between decisions, so walls turn many of them.
  await openSandbox(page, `?${backend.query}&agents=10&thinkInterval=3000&seed=3`);
  await page.evaluate((apiKey) => window.sandbox?.configure({ apiKey }), TEST_KEY);
  await waitForSnapshot(page, `s.agents.every((a) => a.source === 'gemini') && ${TURNED}`, 45_000);
  await command(page, 'pause');
  const before = await snapshot(page);
  const turned = turnedAgents(before);
  expect(turned.length).toBeGreaterThan(0);
  let sawTurn = false;
  // The turned agents first, then the rest: every agent's inspector must agree with its reply.
  const order = [...turned, ...before.agents.map((a) => a.id).filter((id) => !turned.includes(id))];
  for (const id of order) {
    const view = await inspect(page, id);
    const s = await snapshot(page);
    const agent = s.agents[id];
    if (agent?.source !== 'gemini' || view.raw === null) continue;
    const reply = JSON.parse(view.raw) as { action: string };
    expect(directionOf(view.decided), `${view.name}: decided vs reply ${view.raw}`).toBe(reply.action);
    expect(agent.action, `${view.name}: snapshot action`).toBe(reply.action);
    if (view.heading.includes('turned at a wall')) {
      sawTurn = true;
      expect(directionOf(view.heading)).not.toBe(reply.action);
    } else {
      expect(directionOf(view.heading), `${view.name}: heading ${view.heading}`).toBe(reply.action);
    }
  }
  expect(sawTurn, 'at least one inspected agent was turned by a wall').toBe(true);
});

test('mock: the thought never names a direction other than the decided action', async ({ page }) => {
  await openSandbox(page, '?agents=40&thinkInterval=1000&latency=100&jitter=0&seed=5');
  await waitForSnapshot(page, 's.agents.every((a) => a.decisions >= 3)', 45_000);
  // Every agent's newest decision, sampled a few times as decisions land.
  let checked = 0;
  for (let round = 0; round < 5; round++) {
    const s = await snapshot(page);
    for (const agent of s.agents) {
      const allowed = agent.action === 'STAY' ? [] : [WORDS[agent.action]];
      const named = namedDirections(`${agent.thought} ${agent.plan}`);
      expect(named.filter((word) => !allowed.includes(word)), `${agent.name} decided ${agent.action}: "${agent.thought}" / "${agent.plan}"`).toEqual([]);
      checked += 1;
    }
    await page.waitForTimeout(700);
  }
  expect(checked).toBe(5 * 40);
  // And as the inspector shows it, for an agent a wall has turned.
  await waitForSnapshot(page, TURNED);
  await command(page, 'pause');
  const id = turnedAgents(await snapshot(page))[0] ?? 0;
  const view = await inspect(page, id);
  const decided = directionOf(view.decided);
  const allowed = decided === 'STAY' ? [] : [WORDS[decided]];
  expect(namedDirections(view.thought).filter((word) => !allowed.includes(word)), `${view.name}: "${view.thought}" decided ${view.decided}`).toEqual([]);
  expect(decided).toBe((await snapshot(page)).agents[id]?.action);
});
