import type { MyDataCategory, MyDataView } from '@regiekit/sdk/protocol';
import { notFound } from '../http/api-error.js';
import { wingRoutes } from '../http/wing.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { PartyEnv } from '../parties/party-guard.js';
import type { Clock } from '../shared/clock.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { CompanyData, SignedCategory } from './company-data.js';
import type { Corrections } from './corrections.js';
import { buildDownload } from './download.js';
import { flowStarter } from './flow-pages.js';
import type { Forwards } from './forwards.js';
import * as routes from './my-data.routes.js';
import type { MyDataViews, OpenView } from './views.js';
import type { WalletOffers } from './wallet-offers.js';

export interface MyDataRouteDeps {
  publicUrl: string;
  clock: Clock;
  views: MyDataViews;
  company: CompanyData;
  corrections: Corrections;
  forwards: Forwards;
  wallets: WalletOffers;
  directoryOf: (tenant: TenantContext) => PartyDirectory;
}

/** Every category of the customer's data, signed by the company now, in the order the company described them. */
async function signedCategories(
  deps: MyDataRouteDeps,
  tenant: TenantContext,
  view: OpenView,
): Promise<SignedCategory[]> {
  const categories = await deps.company.categoriesOf(tenant, view.record.providerId);
  return Promise.all(
    categories.map((category) => deps.company.signed(tenant, view.record.providerId, category, view.customerRef)),
  );
}

function categoryView({ category, decoded }: SignedCategory): MyDataCategory {
  const notice = category.personalData!;
  return {
    serviceType: category.serviceType,
    title: category.title,
    notice,
    fields: Object.entries(category.fieldLabels).map(([name, label]) => ({
      name,
      label,
      correctable: notice.correctable?.includes(name) ?? true,
    })),
    schema: category.schema,
    data: decoded.data,
    issuedAt: decoded.issuedAt.toISOString(),
  };
}

/** The company's API for my data, and the element's (a view's secret opens one customer's view). */
export function myDataRoutes(deps: MyDataRouteDeps) {
  const app = wingRoutes<PartyEnv>();

  const viewOf = async (tenant: TenantContext, view: OpenView): Promise<MyDataView> => {
    const provider = deps.directoryOf(tenant).provider(view.record.providerId);
    if (!provider) throw notFound('company');
    const [categories, corrections] = await Promise.all([
      signedCategories(deps, tenant, view),
      deps.corrections.ofCustomer(tenant, view),
    ]);
    return {
      viewId: view.record.viewId,
      expiresAt: new Date(view.record.expiresAt).toISOString(),
      provider: partySummary(provider),
      categories: categories.map(categoryView),
      corrections,
    };
  };

  app.openapi(routes.mintViewTokenRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const minted = await deps.views.mint(c.get('tenant'), c.get('party').id, c.req.valid('json').customerRef);
    return c.json(minted, 201);
  });
  app.openapi(routes.listCorrectionsRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ corrections: await deps.corrections.forProvider(c.get('tenant'), c.get('party').id) }, 200);
  });
  app.openapi(routes.getCorrectionRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { correctionId } = c.req.valid('param');
    return c.json(await deps.corrections.oneForProvider(c.get('tenant'), c.get('party').id, correctionId), 200);
  });
  app.openapi(routes.acceptCorrectionRoute, async (c) => {
    const { correctionId } = c.req.valid('param');
    return c.json(await deps.corrections.accept(c.get('tenant'), c.get('party').id, correctionId), 200);
  });
  app.openapi(routes.refuseCorrectionRoute, async (c) => {
    const { correctionId } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return c.json(
      await deps.corrections.refuseByProvider(c.get('tenant'), c.get('party').id, correctionId, reason),
      200,
    );
  });
  app.openapi(routes.extendCorrectionRoute, async (c) => {
    const { correctionId } = c.req.valid('param');
    return c.json(
      await deps.corrections.extend(c.get('tenant'), c.get('party').id, correctionId, c.req.valid('json')),
      200,
    );
  });

  app.openapi(routes.openViewRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const tenant = c.get('tenant');
    const opened = await deps.views.open(c, tenant, c.req.valid('json').viewToken);
    return c.json({ ...(await viewOf(tenant, opened)), viewSecret: opened.secret }, 200);
  });
  app.openapi(routes.getViewRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const tenant = c.get('tenant');
    return c.json(await viewOf(tenant, await deps.views.authorize(c, tenant, c.req.valid('param').viewId)), 200);
  });
  app.openapi(routes.downloadRoute, async (c) => {
    const tenant = c.get('tenant');
    const view = await deps.views.authorize(c, tenant, c.req.valid('param').viewId);
    const provider = deps.directoryOf(tenant).provider(view.record.providerId)!;
    const madeAt = new Date(deps.clock.now());
    const zip = buildDownload(
      partySummary(provider),
      await signedCategories(deps, tenant, view),
      madeAt,
      c.req.valid('query').lang ?? 'nl',
    );
    const name = `mijn-gegevens-${provider.id}-${madeAt.toISOString().slice(0, 10)}.zip`;
    return c.body(zip.buffer as ArrayBuffer, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${name}"`,
      // The element runs on the company's origin: let it read the file name.
      'Access-Control-Expose-Headers': 'Content-Disposition',
      'Cache-Control': 'no-store',
    });
  });
  app.openapi(routes.recipientsRoute, async (c) => {
    const tenant = c.get('tenant');
    await deps.views.authorize(c, tenant, c.req.valid('param').viewId);
    return c.json({ recipients: deps.forwards.recipients(tenant, c.req.valid('query').serviceType) }, 200);
  });
  app.openapi(routes.proposeCorrectionRoute, async (c) => {
    const tenant = c.get('tenant');
    const view = await deps.views.authorize(c, tenant, c.req.valid('param').viewId);
    const start = flowStarter(deps.publicUrl, tenant.settings.id, c.req.valid('query').lang ?? 'nl');
    return c.json(await deps.corrections.propose(tenant, view, c.req.valid('json'), start), 201);
  });
  app.openapi(routes.startForwardRoute, async (c) => {
    const tenant = c.get('tenant');
    const view = await deps.views.authorize(c, tenant, c.req.valid('param').viewId);
    const start = flowStarter(deps.publicUrl, tenant.settings.id, c.req.valid('query').lang ?? 'nl');
    return c.json(await deps.forwards.start(tenant, view, c.req.valid('json'), start), 201);
  });
  app.openapi(routes.walletOfferRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const tenant = c.get('tenant');
    const view = await deps.views.authorize(c, tenant, c.req.valid('param').viewId);
    return c.json(await deps.wallets.offer(tenant, view, c.req.valid('json')), 201);
  });
  app.openapi(routes.flowStateRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const tenant = c.get('tenant');
    const { viewId, flowId } = c.req.valid('param');
    const view = await deps.views.authorize(c, tenant, viewId);
    const state =
      (await deps.corrections.stateFor(tenant, view, flowId)) ?? (await deps.forwards.stateFor(tenant, view, flowId));
    if (!state) throw notFound('flow');
    return c.json({ state }, 200);
  });

  app.openapi(routes.fetchForwardRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { referenceId } = c.req.valid('param');
    const forwarded = await deps.forwards.deliver(
      c.get('tenant'),
      c.get('party').id,
      referenceId,
      c.req.valid('json').nonce,
    );
    return c.json(forwarded, 200);
  });

  return app;
}
