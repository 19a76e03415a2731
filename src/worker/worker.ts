/// <reference lib="webworker" />
/**
 * The worker's entry: wires a Session to `postMessage`. Every command is parsed with zod before
 * it reaches the session; a malformed one becomes a notice, never an uncaught error.
 */
import { realClock } from '../clock/clock.ts';
import { commandSchema, type WorkerMessage } from './protocol.ts';
import { Session } from './session.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: WorkerMessage, transfer: Transferable[]): void {
  scope.postMessage(message, transfer);
}

const session = new Session({ clock: realClock, post });

scope.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = commandSchema.safeParse(event.data);
  if (!parsed.success) {
    post({ type: 'notice', code: 'bad-command', level: 'error', message: `The simulation ignored a malformed command: ${parsed.error.issues[0]?.message ?? 'invalid'}.` }, []);
    return;
  }
  try {
    session.handle(parsed.data);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'notice', code: 'worker-error', level: 'error', message: `The simulation could not do that: ${message}` }, []);
  }
};
