import type { Context } from 'hono';
import { createRemoteJWKSet, importJWK, jwtVerify, type CryptoKey } from 'jose';
import { OperationRequest } from '@regiekit/sdk/protocol';
import { signPayload, type PartyClient } from '@regiekit/sdk/party';
import { randomToken } from '../crypto/random.js';
import { DEMO_TENANT, type DemoCustomer, type DemoProvider } from './demo-parties.js';

interface Operation {
  customer: DemoCustomer;
  fields: string[];
}

/**
 * A demo creditor's operation endpoint, as its backend would have it: it
 * accepts only requests signed by the regiekit server (checked against the
 * server's JWKS), binds an operation to the customer behind the connection
 * pseudonym, and answers data calls with a payload signed by its own key.
 * Operations live in memory: a restart of the demo forgets them.
 */
export function creditorOperations(options: {
  serverOrigin: string;
  provider: DemoProvider;
  client: PartyClient;
  /** Answers the server's request for a category of a customer's data (my data). */
  issue?: (c: Context, request: Extract<OperationRequest, { action: 'issue' }>) => Promise<Response>;
  /** Answers a debtor's request for a payment arrangement: a signed acceptance in advance, or "review". */
  arrangement?: (c: Context, request: Extract<OperationRequest, { action: 'arrangement' }>) => Promise<Response>;
}) {
  const { provider, client } = options;
  const serverKeys = createRemoteJWKSet(new URL(`${options.serverOrigin}/.well-known/jwks.json`));
  const operations = new Map<string, Operation>();
  const signingKey = importJWK(provider.payloadKey.privateJwk, 'ES256');

  const payloadOf = (operation: Operation) => {
    const items = operation.customer.debts.map((debt) => ({
      description: debt.description,
      amountCents: debt.amountCents,
      dueDate: debt.dueDate,
      stage: debt.stage,
    }));
    const full: Record<string, unknown> = { items, totalCents: items.reduce((sum, item) => sum + item.amountCents, 0) };
    // Data minimisation: only the fields the user consented to.
    return Object.fromEntries(Object.entries(full).filter(([field]) => operation.fields.includes(field)));
  };

  return async (c: Context) => {
    try {
      await jwtVerify((c.req.header('Authorization') ?? '').replace(/^Bearer /, ''), serverKeys, {
        issuer: options.serverOrigin,
        audience: provider.id,
        subject: DEMO_TENANT,
      });
    } catch {
      return c.json({ error: 'not signed by the regiekit server' }, 401);
    }
    const parsed = OperationRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'bad request' }, 400);
    const request = parsed.data;
    if (request.action === 'create') {
      const connection = (await client.providerConnections()).connections.find(
        (candidate) => candidate.connectionId === request.connectionId && candidate.status === 'active',
      );
      const customer = provider.customers.find((candidate) => candidate.ref === connection?.customerRef);
      if (!customer) return c.json({ error: 'unknown connection' }, 404);
      const operationId = `op-${randomToken(12)}`;
      operations.set(operationId, { customer, fields: request.fields });
      return c.json({ operationId });
    }
    if (request.action === 'drop') {
      operations.delete(request.operationId);
      return c.body(null, 204);
    }
    // My data: the customer's category, signed as an SD-JWT VC (the demo's issuer kit lives in my-data-issuer.ts).
    if (request.action === 'issue')
      return options.issue
        ? options.issue(c, request)
        : c.json({ error: 'this creditor keeps no personal data here' }, 404);
    if (request.action === 'arrangement')
      return options.arrangement
        ? options.arrangement(c, request)
        : c.json({ error: 'this creditor takes no arrangements here' }, 404);
    const operation = operations.get(request.operationId);
    if (!operation) return c.json({ error: 'unknown operation' }, 404);
    // Signed for this call only: the consumer, the reference and the consented fields (the SDK's provider kit).
    const jws = await signPayload(request.payloadFor, payloadOf(operation), {
      providerId: provider.id,
      privateKey: (await signingKey) as CryptoKey,
      keyId: provider.payloadKey.keyId,
    });
    return c.body(jws, 200, { 'Content-Type': 'application/jose' });
  };
}
