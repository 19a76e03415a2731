/// <reference lib="webworker" />
/**
 * The shared worker that keeps each key's budget for every tab of this origin. Each tab's
 * simulation worker reaches it through a MessagePort that the page hands over (a dedicated
 * worker cannot open a shared worker itself), and calls it with comlink. One thread answers
 * every tab in turn, so two tabs can never both take the last slot.
 */
import '../zodSetup.ts'; // first: zod's settings must precede every schema (see the file)
import { expose } from 'comlink';
import { deferredLink, inProcessLink } from '../scheduler/budgetCoordinator.ts';
import { startCoordinator } from './coordinatorHost.ts';

const scope = self as unknown as SharedWorkerGlobalScope;
const link = deferredLink(startCoordinator().then(inProcessLink));

scope.onconnect = (event: MessageEvent<unknown>) => {
  const port = event.ports[0];
  if (port) expose(link, port);
};
