import type { WorkerMessage } from '../protocol/protocol.ts';
import type { WorkerPort } from './client.ts';

/**
 * A fake worker for client tests: records what the client posts and lets the test deliver
 * messages; with `reply`, it answers each command as it is posted.
 */
export function fakeWorker(reply?: (command: { type: string; seq: number }) => readonly WorkerMessage[]) {
  const posted: unknown[] = [];
  let onMessage: ((event: MessageEvent<unknown>) => void) | undefined;
  const deliver = (message: WorkerMessage | Record<string, unknown>): void => {
    onMessage?.({ data: message } as MessageEvent<unknown>);
  };
  const port: WorkerPort = {
    postMessage: (message) => {
      posted.push(message);
      // Answered on the next microtask, as a real worker answers later, never inside postMessage.
      const command = message as { type: string; seq: number };
      if (reply) queueMicrotask(() => {
        for (const answer of reply(command)) deliver(answer);
      });
    },
    addEventListener: (type: string, listener: unknown) => {
      if (type === 'message') onMessage = listener as (event: MessageEvent<unknown>) => void;
    },
    terminate: () => undefined,
  };
  return { port, posted, deliver };
}

/** A worker whose postMessage always throws, as it does for a value that cannot be copied. */
export function uncloneableWorker(what = 'could not be cloned'): WorkerPort {
  return {
    postMessage: () => {
      throw new DOMException(what, 'DataCloneError');
    },
    addEventListener: () => undefined,
    terminate: () => undefined,
  };
}
