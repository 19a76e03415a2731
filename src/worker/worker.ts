/// <reference lib="webworker" />
/**
 * The worker's entry: wires a Session to `postMessage`. Every command is parsed with zod before
 * it reaches the session (`commandInbox.ts`); a malformed one becomes a notice and an ack with
 * an error, never an uncaught error.
 */
import '../zodSetup.ts'; // first: zod's settings must precede every schema (see the file)
import { wrap } from 'comlink';
import { wholeMsClock } from '../clock/clock.ts';
import { deferredLink, inProcessLink, type CoordinatorLink } from '../scheduler/budgetCoordinator.ts';
import { startCoordinator } from './coordinatorHost.ts';
import { coordinatorMessageSchema, packTick, type WorkerMessage } from '../protocol/protocol.ts';
import { receiveCommand } from './commandInbox.ts';
import { Session } from './session.ts';
import { BrowserToolPool } from './toolPool.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Posts a message; a tick's per-call lists go as columns (`packTick`), which the page reads far faster. */
function post(message: WorkerMessage, transfer: Transferable[]): void {
  if (message.type !== 'tick') {
    scope.postMessage(message, transfer);
    return;
  }
  // A copy: the caller's list may be shared, and the columns' buffers are this message's alone.
  const buffers = [...transfer];
  scope.postMessage(packTick(message, buffers), buffers);
}

/**
 * Where live keys' budgets are kept: the page says first thing whether tabs share them (a port
 * to the shared worker) or not (this browser has no SharedWorker: this tab keeps its own).
 */
let chooseCoordinator: (link: CoordinatorLink) => void = () => undefined;
const coordinator = deferredLink(
  new Promise<CoordinatorLink>((resolve) => {
    chooseCoordinator = resolve;
  }),
);

// The pipeline's tools run in a pool of nested workers, never on this thread (the scheduler's).
const session = new Session({ clock: wholeMsClock, post, coordinator, makeTools: () => new BrowserToolPool() });

/** How long the shared worker may take to answer first before this tab keeps its own budget. */
const SHARED_ANSWER_MS = 5_000;

function localCoordinator(): Promise<CoordinatorLink> {
  return startCoordinator().then(inProcessLink);
}

/** The shared coordinator if it answers; else this tab's own, with a notice that says so. */
async function sharedOrLocal(remote: CoordinatorLink): Promise<CoordinatorLink> {
  const answered = await Promise.race([
    remote.connect().then(() => true, () => false),
    new Promise<boolean>((resolve) => setTimeout(() => { resolve(false); }, SHARED_ANSWER_MS)),
  ]);
  if (answered) return remote;
  post({ type: 'notice', code: 'budget-shared', level: 'warning', message: 'The budget shared between tabs did not start, so this tab keeps its own: two tabs with one key may send up to twice the budget.' }, []);
  return localCoordinator();
}

scope.onmessage = (event: MessageEvent<unknown>) => {
  const shared = coordinatorMessageSchema.safeParse(event.data);
  if (shared.success) {
    const { port } = shared.data;
    chooseCoordinator(deferredLink(port ? sharedOrLocal(wrap<CoordinatorLink>(port)) : localCoordinator()));
    return;
  }
  receiveCommand(event.data, (command) => {
    session.handle(command);
  }, post);
};
