import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../protocol/protocol.ts';
import { receiveCommand } from './commandInbox.ts';

function inbox(handle: () => void) {
  const posted: WorkerMessage[] = [];
  const receive = (data: unknown): void => {
    receiveCommand(data, handle, (message) => posted.push(message));
  };
  return { posted, receive };
}

describe('receiveCommand', () => {
  it('answers a command whose handling throws with an ack that says why, and a banner', () => {
    const { posted, receive } = inbox(() => {
      throw new Error('probe');
    });
    receive({ type: 'step', seq: 7 });
    expect(posted).toContainEqual({ type: 'ack', seq: 7, error: 'The simulation could not do that: probe' });
    expect(posted).toContainEqual({ type: 'notice', code: 'worker-error', level: 'error', message: 'The simulation could not do that: probe' });
  });

  it('answers a malformed command that has a seq, and takes the banners down once one works', () => {
    let fail = true;
    const { posted, receive } = inbox(() => {
      if (fail) throw new Error('x');
    });
    receive({ type: 'reset', seq: 3, seed: -1 });
    expect(posted.find((m) => m.type === 'ack')).toMatchObject({ seq: 3, error: expect.stringMatching(/malformed command/) as unknown });
    fail = false;
    posted.length = 0;
    receive({ type: 'step', seq: 4 });
    expect(posted).toEqual([
      { type: 'notice', code: 'bad-command', level: 'error', message: null },
      { type: 'notice', code: 'worker-error', level: 'error', message: null },
    ]);
  });
});
