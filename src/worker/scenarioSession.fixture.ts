/**
 * A session on a fake clock for the scenario tests: it keeps every message, numbers commands,
 * and picks out the ticks and scenes (tests only).
 */
import { ManualClock } from '../clock/manualClock.ts';
import type { CommandBody, GmSceneMessage, RelSceneMessage, SceneMessage, TickMessage, WorkerMessage } from '../protocol/protocol.ts';
import { Session } from './session.ts';

export function scenarioSession() {
  const clock = new ManualClock();
  const messages: WorkerMessage[] = [];
  const session = new Session({ clock, post: (message) => messages.push(message), today: () => '2026-11-26' });
  let seq = 0;
  const send = (command: CommandBody): number => {
    session.handle({ ...command, seq: ++seq });
    return seq;
  };
  const scenes = (): SceneMessage[] => messages.filter((m): m is SceneMessage => m.type === 'scene');
  const gmScenes = (): GmSceneMessage[] => messages.filter((m): m is GmSceneMessage => m.type === 'gmScene');
  const relScenes = (): RelSceneMessage[] => messages.filter((m): m is RelSceneMessage => m.type === 'relScene');
  const ticks = (): TickMessage[] => messages.filter((m): m is TickMessage => m.type === 'tick');
  return { clock, messages, session, send, scenes, gmScenes, relScenes, ticks };
}
