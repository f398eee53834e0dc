import type { ConsoleCall } from '@regiekit/sdk/protocol';

/** What changes on a tenant's consoles; published on the console feed with ids only (see console-service.ts). */
export type ConsoleDelta =
  | { type: 'call-added'; call: ConsoleCall }
  | { type: 'call-taken'; callId: string; takenBy: { agentId: string; displayName: string } }
  | { type: 'call-ended'; callId: string }
  | { type: 'resolution-paused'; until: string };
