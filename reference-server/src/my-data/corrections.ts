import type { Context } from 'hono';
import type {
  CorrectionDecisionView,
  CorrectionState,
  CorrectionSummary,
  ExtendCorrectionRequest,
  FlowOutcome,
  ProposeCorrectionRequest,
  ProviderCorrection,
  ServiceDescription,
} from '@regiekit/sdk/protocol';
import type { DecisionFlowKind } from '../accounts/decision-flows.js';
import type { UserSessions } from '../accounts/user-sessions.js';
import type { StatusLists } from '../credentials/status-lists.js';
import { randomToken } from '../crypto/random.js';
import { ApiError, notFound } from '../http/api-error.js';
import { partySummary, type PartyDirectory } from '../parties/party-directory.js';
import type { PartyEvents } from '../parties/party-events.js';
import type { Clock } from '../shared/clock.js';
import type { CorrectionRecord } from '../storage/my-data-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { CompanyData } from './company-data.js';
import { flowDone, type MyDataFlowStart } from './flow-pages.js';
import type { OpenView } from './views.js';

/** A proposal waits this long for the customer's passkey. */
const DRAFT_TTL_MS = 30 * 60_000;
/** An answered correction is kept a year, as the company's record of how it answered; then deleted. */
export const ANSWERED_KEPT_MS = 366 * 24 * 3600_000;

/** AVG art. 12(3): at the latest one month after receipt, the same day of the next month (or its last day). */
export function monthsAfter(at: number, months: number): number {
  const date = new Date(at);
  const target = new Date(date);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime();
}

interface Proposal {
  proposedValue: string;
  reason: string;
  /** The value as the company signed it when the customer asked: what the decision page shows. */
  currentValue: unknown;
}

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', 'The correction is not valid.', [{ path, message }]);

/**
 * Corrections (AVG art. 16): the customer proposes a new value for one field
 * with a reason, confirms it on the server's origin with a passkey (it acts
 * in their name), and the company hears of it at once (event and webhook).
 * The company accepts (this server then revokes the credentials of that
 * data, so a copy anyone holds shows as replaced), refuses with reasons, or
 * takes up to two more months with reasons, told within the first month.
 */
export class Corrections implements DecisionFlowKind {
  constructor(
    private readonly deps: {
      publicUrl: string;
      clock: Clock;
      sessions: UserSessions;
      events: PartyEvents;
      statusLists: StatusLists;
      company: CompanyData;
      directoryOf: (tenant: TenantContext) => PartyDirectory;
    },
  ) {}

  async propose(
    tenant: TenantContext,
    view: OpenView,
    body: ProposeCorrectionRequest,
    start: MyDataFlowStart,
  ): Promise<{ flowId: string; startUrl: string; expiresAt: string }> {
    const providerId = view.record.providerId;
    const category = await this.categoryOf(tenant, providerId, body.serviceType);
    if (!(body.field in ((category.schema.properties as object | undefined) ?? {})))
      throw invalid('field', 'not a field of this category');
    const correctable = category.personalData!.correctable;
    if (correctable && !correctable.includes(body.field))
      throw invalid('field', 'the company does not take corrections of this field here');
    const signed = await this.deps.company.signed(tenant, providerId, category, view.customerRef);
    const now = this.deps.clock.now();
    const correctionId = randomToken(16);
    const proposal: Proposal = {
      proposedValue: body.proposedValue,
      reason: body.reason,
      currentValue: signed.decoded.data[body.field] ?? null,
    };
    await tenant.store.corrections.insert({
      correctionId,
      providerId,
      subjectKey: tenant.crypto.customerKey(providerId, view.customerRef),
      customerRefSealed: tenant.crypto.sealPersonalData(view.customerRef, correctionId),
      serviceType: body.serviceType,
      field: body.field,
      proposalSealed: tenant.crypto.sealPersonalData(JSON.stringify(proposal), correctionId),
      state: 'draft',
      draftExpiresAt: now + DRAFT_TTL_MS,
      userId: null,
      submittedAt: null,
      answerDueBy: null,
      answeredAt: null,
      answerSealed: null,
    });
    return start(correctionId, now + DRAFT_TTL_MS);
  }

  /** The customer's corrections at this company, as the element lists them. */
  async ofCustomer(tenant: TenantContext, view: OpenView): Promise<CorrectionSummary[]> {
    const providerId = view.record.providerId;
    const records = await tenant.store.corrections.listForSubject(
      providerId,
      tenant.crypto.customerKeys(providerId, view.customerRef),
    );
    const categories = await this.deps.company.categoriesOf(tenant, providerId);
    return records.map((record) => {
      const proposal = this.proposalOf(tenant, record);
      const label = categories.find((c) => c.serviceType === record.serviceType)?.fieldLabels[record.field];
      const answer = this.answerOf(tenant, record);
      return {
        correctionId: record.correctionId,
        serviceType: record.serviceType,
        field: record.field,
        fieldLabel: label ?? { nl: record.field, en: record.field },
        proposedValue: proposal.proposedValue,
        state: this.stateOf(record),
        submittedAt: new Date(record.submittedAt!).toISOString(),
        answerDueBy: new Date(record.answerDueBy!).toISOString(),
        ...(record.answeredAt !== null && { answeredAt: new Date(record.answeredAt).toISOString() }),
        ...(answer !== undefined && { answer }),
      };
    });
  }

  async view(_c: Context, tenant: TenantContext, flowId: string): Promise<CorrectionDecisionView | undefined> {
    const record = await this.draft(tenant, flowId);
    if (!record) return undefined;
    const provider = this.deps.directoryOf(tenant).provider(record.providerId);
    const category = (await this.deps.company.categoriesOf(tenant, record.providerId)).find(
      (candidate) => candidate.serviceType === record.serviceType,
    );
    if (!provider || !category) return undefined;
    const proposal = this.proposalOf(tenant, record);
    return {
      kind: 'my-data-correction',
      flowId,
      provider: partySummary(provider),
      serviceTitle: category.title,
      field: {
        name: record.field,
        label: category.fieldLabels[record.field] ?? { nl: record.field, en: record.field },
        value: proposal.currentValue,
      },
      proposedValue: proposal.proposedValue,
      reason: proposal.reason,
      expiresAt: new Date(record.draftExpiresAt).toISOString(),
    };
  }

  async approve(c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const record = await this.draft(tenant, flowId);
    if (!record) return undefined;
    const session = await this.deps.sessions.freshlyVerified(c, tenant);
    const now = this.deps.clock.now();
    if (!(await tenant.store.corrections.submit(flowId, session.userId, now, monthsAfter(now, 1)))) return undefined;
    await this.deps.events.emit(tenant, record.providerId, 'correction.requested', { correctionId: flowId });
    return { redirectTo: flowDone(this.deps.publicUrl, tenant.settings.id) };
  }

  async refuse(_c: Context, tenant: TenantContext, flowId: string): Promise<FlowOutcome | undefined> {
    const record = await this.draft(tenant, flowId);
    if (!record) return undefined;
    // Not sent: the draft only ever held what the customer typed, and goes now.
    await tenant.store.corrections.discardDraft(flowId);
    return { redirectTo: flowDone(this.deps.publicUrl, tenant.settings.id) };
  }

  /** The flow's state, for the element that started it with this view. */
  async stateFor(
    tenant: TenantContext,
    view: OpenView,
    flowId: string,
  ): Promise<'waiting' | 'confirmed' | 'ended' | undefined> {
    const record = await tenant.store.corrections.get(flowId);
    if (!record || record.providerId !== view.record.providerId) return undefined;
    if (!tenant.crypto.customerKeys(record.providerId, view.customerRef).includes(record.subjectKey)) return undefined;
    if (record.state !== 'draft') return 'confirmed';
    return record.draftExpiresAt > this.deps.clock.now() ? 'waiting' : 'ended';
  }

  // --- The company's side ---

  async forProvider(tenant: TenantContext, providerId: string): Promise<ProviderCorrection[]> {
    return (await tenant.store.corrections.listForProvider(providerId)).map((record) =>
      this.providerView(tenant, record),
    );
  }

  async oneForProvider(tenant: TenantContext, providerId: string, correctionId: string): Promise<ProviderCorrection> {
    return this.providerView(tenant, await this.ofProvider(tenant, providerId, correctionId));
  }

  /** Accepted: the company has changed the data; every credential of the old data is revoked. */
  async accept(tenant: TenantContext, providerId: string, correctionId: string): Promise<ProviderCorrection> {
    const record = await this.ofProvider(tenant, providerId, correctionId);
    if (!(await tenant.store.corrections.answer(correctionId, 'accepted', null, this.deps.clock.now())))
      throw new ApiError(409, 'conflict', 'This correction was already answered.');
    const customerRef = tenant.crypto.openPersonalData(record.customerRefSealed, correctionId);
    await this.deps.statusLists.revoke(tenant, providerId, customerRef, record.serviceType);
    return this.oneForProvider(tenant, providerId, correctionId);
  }

  async refuseByProvider(
    tenant: TenantContext,
    providerId: string,
    correctionId: string,
    reason: string,
  ): Promise<ProviderCorrection> {
    await this.ofProvider(tenant, providerId, correctionId);
    const sealed = tenant.crypto.sealPersonalData(reason, correctionId);
    if (!(await tenant.store.corrections.answer(correctionId, 'refused', sealed, this.deps.clock.now())))
      throw new ApiError(409, 'conflict', 'This correction was already answered.');
    return this.oneForProvider(tenant, providerId, correctionId);
  }

  /** Art. 12(3): up to two more months, if the customer is told why within the first month. */
  async extend(
    tenant: TenantContext,
    providerId: string,
    correctionId: string,
    body: ExtendCorrectionRequest,
  ): Promise<ProviderCorrection> {
    const record = await this.ofProvider(tenant, providerId, correctionId);
    const answerBy = Date.parse(body.answerBy);
    const now = this.deps.clock.now();
    if (record.state !== 'submitted') throw new ApiError(409, 'conflict', 'Only an unanswered, unextended correction.');
    if (now > record.answerDueBy!)
      throw invalid('answerBy', 'the first month has passed: more time had to be asked within it');
    if (answerBy <= record.answerDueBy! || answerBy > monthsAfter(record.answerDueBy!, 2))
      throw invalid('answerBy', 'after the first deadline and at most two months after it');
    const sealed = tenant.crypto.sealPersonalData(body.reason, correctionId);
    if (!(await tenant.store.corrections.extend(correctionId, answerBy, sealed)))
      throw new ApiError(409, 'conflict', 'This correction was answered or extended meanwhile.');
    return this.oneForProvider(tenant, providerId, correctionId);
  }

  sweep(tenant: TenantContext, now: number): Promise<number> {
    return tenant.store.corrections.deleteExpired(now, now - ANSWERED_KEPT_MS);
  }

  private providerView(tenant: TenantContext, record: CorrectionRecord): ProviderCorrection {
    const proposal = this.proposalOf(tenant, record);
    const answer = this.answerOf(tenant, record);
    return {
      correctionId: record.correctionId,
      customerRef: tenant.crypto.openPersonalData(record.customerRefSealed, record.correctionId),
      serviceType: record.serviceType,
      field: record.field,
      proposedValue: proposal.proposedValue,
      reason: proposal.reason,
      state: this.stateOf(record),
      submittedAt: new Date(record.submittedAt!).toISOString(),
      answerDueBy: new Date(record.answerDueBy!).toISOString(),
      ...(record.answeredAt !== null && { answeredAt: new Date(record.answeredAt).toISOString() }),
      ...(answer !== undefined && { answer }),
    };
  }

  /** Past its due date and unanswered, a correction is overdue: the customer may go to the AP. */
  private stateOf(record: CorrectionRecord): CorrectionState {
    if ((record.state === 'submitted' || record.state === 'extended') && record.answerDueBy! < this.deps.clock.now())
      return 'overdue';
    return record.state as CorrectionState;
  }

  private proposalOf(tenant: TenantContext, record: CorrectionRecord): Proposal {
    return JSON.parse(tenant.crypto.openPersonalData(record.proposalSealed, record.correctionId)) as Proposal;
  }

  private answerOf(tenant: TenantContext, record: CorrectionRecord): string | undefined {
    return record.answerSealed === null
      ? undefined
      : tenant.crypto.openPersonalData(record.answerSealed, record.correctionId);
  }

  private async categoryOf(
    tenant: TenantContext,
    providerId: string,
    serviceType: string,
  ): Promise<ServiceDescription> {
    const category = (await this.deps.company.categoriesOf(tenant, providerId)).find(
      (candidate) => candidate.serviceType === serviceType,
    );
    if (!category) throw invalid('serviceType', 'not a category of personal data of this company');
    return category;
  }

  private async draft(tenant: TenantContext, flowId: string): Promise<CorrectionRecord | undefined> {
    const record = await tenant.store.corrections.get(flowId);
    return record?.state === 'draft' && record.draftExpiresAt > this.deps.clock.now() ? record : undefined;
  }

  private async ofProvider(tenant: TenantContext, providerId: string, correctionId: string): Promise<CorrectionRecord> {
    const record = await tenant.store.corrections.get(correctionId);
    if (!record || record.providerId !== providerId || record.state === 'draft') throw notFound('correction');
    return record;
  }
}
