import { commandSchema, type Command, type WorkerMessage } from '../protocol/protocol.ts';

type Post = (message: WorkerMessage, transfer: Transferable[]) => void;

/** Banners that a command which fails raises, and one which works takes down. */
const FAILURE_CODES = ['bad-command', 'worker-error'] as const;

/**
 * Takes one message from the page as a command: checks it with zod and hands it to `handle`.
 * Whatever happens, a command with a `seq` gets its `ack`: a malformed one, or one whose
 * handling throws, gets one with `error`, so no promise in the page waits forever; and the
 * banner it raised goes once a command works again.
 */
export function receiveCommand(data: unknown, handle: (command: Command) => void, post: Post): void {
  const parsed = commandSchema.safeParse(data);
  if (!parsed.success) {
    const message = `The simulation ignored a malformed command: ${parsed.error.issues[0]?.message ?? 'invalid'}.`;
    post({ type: 'notice', code: 'bad-command', level: 'error', message }, []);
    const seq: unknown = (data as { seq?: unknown } | null)?.seq;
    if (typeof seq === 'number') post({ type: 'ack', seq, error: message }, []);
    return;
  }
  try {
    handle(parsed.data);
    for (const code of FAILURE_CODES) post({ type: 'notice', code, level: 'error', message: null }, []);
  } catch (error) {
    const message = `The simulation could not do that: ${error instanceof Error ? error.message : String(error)}`;
    post({ type: 'notice', code: 'worker-error', level: 'error', message }, []);
    post({ type: 'ack', seq: parsed.data.seq, error: message }, []);
  }
}
