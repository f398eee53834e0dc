import type { CallCreated, CallStatus } from '@regiekit/sdk/protocol';
import type { Store } from '../storage/store.js';
import { SWITCHBOARD_SECRETS, type TestServer } from './test-server.js';

type Tenant = keyof typeof SWITCHBOARD_SECRETS;

/** The steps of the citizen flow, as requests against a test server. */
export function callSteps(server: Pick<TestServer<Store>, 'app'>) {
  const { app } = server;
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  return {
    async create(tenant: Tenant = 'nijmegen', purpose = 'general'): Promise<CallCreated> {
      const response = await app.request(`/api/v1/${tenant}/calls`, json({ purpose }));
      if (response.status !== 200) throw new Error(`create failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as CallCreated;
    },
    /** What the demo wallet does when a person presses "disclose". */
    disclose(call: CallCreated, attributes?: Record<string, string>) {
      return app.request(`${new URL(call.sessionPtr.u).pathname}/disclose`, json(attributes ? { attributes } : {}));
    },
    status(tenant: Tenant, call: CallCreated, token = call.callToken) {
      return app.request(`/api/v1/${tenant}/calls/${call.callId}`, { headers: { Authorization: `Bearer ${token}` } });
    },
    async disclosed(call: CallCreated, tenant: Tenant = 'nijmegen') {
      await this.disclose(call);
      const status = (await (await this.status(tenant, call)).json()) as CallStatus;
      if (status.status !== 'disclosed') throw new Error(`expected disclosed, got ${status.status}`);
      return status;
    },
    resolve(tenant: Tenant, body: unknown, secret: string = SWITCHBOARD_SECRETS[tenant]) {
      return app.request(`/api/v1/${tenant}/switchboard/resolve`, json(body, { Authorization: `Bearer ${secret}` }));
    },
  };
}
