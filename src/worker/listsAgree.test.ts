/**
 * Lists that two layers need but neither may import from the other (docs/ARCHITECTURE.md): the
 * protocol's copies, and the fake server's, against the sim's, the brain's and the scheduler's.
 * The worker may import all of them, so the check lives here. The `expectTypeOf` lines are
 * compile-time checks (`npm run typecheck` fails on a difference, whether or not a test runs);
 * the `expect` lines compare the lists that exist at run time.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { FailureKind } from '../brain/errors.ts';
import { DEFAULT_GEMINI_MODEL } from '../brain/geminiBrain.ts';
import { ACTIONS } from '../fake-gemini/replies.ts';
import { CONFIG_FIELDS, DEFAULT_CONFIG, DEFAULT_MODEL, SCENARIOS, type SandboxConfig } from '../protocol/config.ts';
import { SCENARIO_NAMES, type ScenarioName } from '../scenarios/scenario.ts';
import { DAG_MODES, DAG_PRESETS } from '../protocol/pipelineScene.ts';
import { DAG_NAMES, MODES, type DagName, type Mode } from '../scenarios/pipeline/types.ts';
import type { AgentDetail, AgentStateName, AgentUpdate, CallSummary, WorldMessage } from '../protocol/protocol.ts';
import { STRATEGIES, type Strategy } from '../scheduler/types.ts';
import { DIRECTIONS, type AgentState, type DecisionSource, type Direction, type PoiKind } from '../sim/types.ts';

describe('lists kept in two layers agree', () => {
  it('directions: sim, protocol and the fake server', () => {
    expectTypeOf<AgentUpdate['action']>().toEqualTypeOf<Direction>();
    expectTypeOf<AgentDetail['heading']>().toEqualTypeOf<Direction>();
    expectTypeOf<(typeof ACTIONS)[number]>().toEqualTypeOf<Direction>();
    expect([...ACTIONS]).toEqual([...DIRECTIONS]);
  });

  it('failure kinds: brain and protocol', () => {
    expectTypeOf<NonNullable<CallSummary['errorKind']>>().toEqualTypeOf<FailureKind>();
    expectTypeOf<NonNullable<AgentUpdate['error']>['kind']>().toEqualTypeOf<FailureKind>();
  });

  it('the default model: brain (and CLI) and the page settings', () => {
    expectTypeOf<typeof DEFAULT_MODEL>().toEqualTypeOf<typeof DEFAULT_GEMINI_MODEL>();
    expect(DEFAULT_MODEL).toBe(DEFAULT_GEMINI_MODEL);
    expect(DEFAULT_CONFIG.model).toBe(DEFAULT_MODEL);
  });

  it('agent states, decision sources, places and strategies', () => {
    expectTypeOf<AgentStateName>().toEqualTypeOf<AgentState | 'retrying'>();
    expectTypeOf<AgentUpdate['source']>().toEqualTypeOf<DecisionSource>();
    expectTypeOf<WorldMessage['pois'][number]['kind']>().toEqualTypeOf<PoiKind>();
    expectTypeOf<SandboxConfig['strategy']>().toEqualTypeOf<Strategy>();
    expect(CONFIG_FIELDS.strategy.options).toEqual([...STRATEGIES]);
  });

  it('the pipeline\'s presets and modes: the scenario and the protocol', () => {
    expectTypeOf<(typeof DAG_PRESETS)[number]>().toEqualTypeOf<DagName>();
    expectTypeOf<(typeof DAG_MODES)[number]>().toEqualTypeOf<Mode>();
    expect([...DAG_PRESETS]).toEqual([...DAG_NAMES]);
    expect([...DAG_MODES]).toEqual([...MODES]);
  });

  it('scenarios: the scenario layer and the settings', () => {
    expectTypeOf<SandboxConfig['scenario']>().toEqualTypeOf<ScenarioName>();
    expect([...SCENARIOS]).toEqual([...SCENARIO_NAMES]);
  });
});
