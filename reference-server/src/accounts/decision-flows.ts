import type { Context } from 'hono';
import type { ApproveFlowRequest, FlowOutcome, FlowView } from '@regiekit/sdk/protocol';
import { notFound } from '../http/api-error.js';
import type { TenantContext } from '../tenants/tenant-context.js';

/**
 * A decision the user takes on a page of the server's origin, confirmed with
 * a passkey: signing in to a consumer (oauth/), starting or finishing a
 * connection (connect/), giving consent (consent/). Each room registers its own kind; the account pages
 * show and approve them all through this seam without knowing the rooms.
 */
export interface DecisionFlowKind {
  view(c: Context, tenant: TenantContext, flowId: string): Promise<FlowView | undefined>;
  approve(
    c: Context,
    tenant: TenantContext,
    flowId: string,
    body?: ApproveFlowRequest,
  ): Promise<FlowOutcome | undefined>;
  refuse(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined>;
}

export class DecisionFlows {
  constructor(private readonly kinds: DecisionFlowKind[]) {}

  async view(c: Context, tenant: TenantContext, flowId: string): Promise<FlowView> {
    return this.first((kind) => kind.view(c, tenant, flowId));
  }

  async approve(c: Context, tenant: TenantContext, flowId: string, body?: ApproveFlowRequest): Promise<FlowOutcome> {
    return this.first((kind) => kind.approve(c, tenant, flowId, body));
  }

  async refuse(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome> {
    return this.first((kind) => kind.refuse(c, tenant, flowId));
  }

  private async first<T>(ask: (kind: DecisionFlowKind) => Promise<T | undefined>): Promise<T> {
    for (const kind of this.kinds) {
      const answer = await ask(kind);
      if (answer) return answer;
    }
    throw notFound('flow');
  }
}

/** Adds query parameters to a registered URL without disturbing the ones it has. */
export function withParams(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}
