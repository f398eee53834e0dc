import type { ConsoleCall, ConsoleEvent } from '@regiekit/sdk/protocol';
import type { Logger } from 'pino';
import type { Metrics } from '../shared/metrics.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { CallRecord } from '../storage/call-store.js';
import type { ConsoleLine } from './console-line.js';
import type { AuditLog } from './audit-log.js';
import type { ConsoleFeed, FeedEntry, FeedPosition } from '../storage/console-feed.js';
import type { ConsoleDelta } from './console-delta.js';

export interface ConsoleServiceDeps {
  clock: Clock;
  audit: AuditLog;
  logger: Logger;
  /** The live feed every console of a tenant follows (shared between instances on Redis). */
  feed: ConsoleFeed;
  /**
   * The telephony side (the calls wing). Asked at run time: the calls wing
   * is built after this console, whose callers it announces.
   */
  line: () => ConsoleLine;
  metrics?: Metrics;
}

type Actor = { agentId: string; username: string; displayName: string };

/** `pbdf.gemeente.personalData.bsn` -> `bsn`: how templates and the console name attributes. */
const shortName = (attributeId: string) => attributeId.slice(attributeId.lastIndexOf('.') + 1);

/** The attribute a tenant's external-link template asks for (`{bsn}` -> `bsn`), if it has a link. */
const linkAttribute = (tenant: TenantContext) => {
  const template = tenant.settings.externalLink?.template;
  return template && /\{([a-z]+)\}/.exec(template)?.[1];
};

/** All but the last three digits hidden: enough to tell two callers apart, not enough to use. */
export const maskBsn = (bsn: string) => `${'•'.repeat(Math.max(0, bsn.length - 3))}${bsn.slice(-3)}`;

/**
 * What agents see and do with identified callers: the live list, taking a
 * call (exactly one agent wins), revealing the BSN, the external link and
 * ending the call, which deletes the caller's data at once.
 */
export class ConsoleService {
  private readonly streamClosers = new Set<() => void>();

  constructor(private readonly deps: ConsoleServiceDeps) {}

  /** Registers a live stream to be ended on shutdown; returns its unregistration. */
  onShutdown(close: () => void): () => void {
    this.streamClosers.add(close);
    return () => this.streamClosers.delete(close);
  }

  /** Ends every live stream (shutdown): the consoles reconnect, to another instance if there is one. */
  closeStreams(): void {
    for (const close of this.streamClosers) close();
    this.streamClosers.clear();
  }

  /**
   * Publishes a change to every console. The change itself is already stored,
   * so a feed that fails (Redis away) is logged: consoles catch up with a
   * snapshot when they reconnect. The feed carries ids only: an instance that
   * shows a new caller reads them from the store, so no personal data sits in
   * the feed (or outlives the call there).
   */
  private async publish(tenant: TenantContext, delta: ConsoleDelta): Promise<void> {
    const payload =
      delta.type === 'call-added'
        ? JSON.stringify({ type: delta.type, callId: delta.call.callId })
        : JSON.stringify(delta);
    await this.deps.feed.publish(tenant.settings.id, payload).catch((error: Error) => {
      this.deps.logger.error(
        { tenant: tenant.settings.id, event: delta.type, err: { type: error.name, message: error.message } },
        'console feed: publishing failed',
      );
    });
  }

  /** Recently opened entries, shared by every console stream of this instance (one store read per new caller). */
  private readonly opened = new Map<string, Promise<ConsoleEvent | undefined>>();

  /** Turns a feed entry into a console event; a caller who is gone by now (call ended) yields nothing. */
  private open(tenant: TenantContext, entry: FeedEntry): Promise<ConsoleEvent | undefined> {
    const cacheKey = `${tenant.settings.id}/${entry.epoch}.${entry.seq}`;
    let event = this.opened.get(cacheKey);
    if (!event) {
      event = this.decode(tenant, entry);
      this.opened.set(cacheKey, event);
      if (this.opened.size > 200) this.opened.delete(this.opened.keys().next().value!);
    }
    return event;
  }

  private async decode(tenant: TenantContext, entry: FeedEntry): Promise<ConsoleEvent | undefined> {
    const data = JSON.parse(entry.payload) as
      Exclude<ConsoleDelta, { type: 'call-added' }> | { type: 'call-added'; callId: string };
    if (data.type !== 'call-added') return { ...data, seq: entry.seq };
    const record = await tenant.store.calls.get(data.callId);
    return record?.status === 'called'
      ? { type: 'call-added', seq: entry.seq, call: this.view(tenant, record) }
      : undefined;
  }

  /**
   * Follows the tenant's live feed from now on, in order (a new caller is read
   * from the store before the next event is handed on); resolves once listening.
   */
  follow(tenant: TenantContext, listener: { event(event: ConsoleEvent): void; reset(): void }): Promise<() => void> {
    let queue = Promise.resolve();
    return this.deps.feed.subscribe(tenant.settings.id, {
      entry: (entry) => {
        queue = queue
          .then(() => this.open(tenant, entry))
          .then((event) => event && listener.event(event))
          .catch((error: Error) =>
            this.deps.logger.error(
              { tenant: tenant.settings.id, err: { type: error.name, message: error.message } },
              'console feed: reading an entry failed',
            ),
          );
      },
      reset: () => listener.reset(),
    });
  }

  /** What a console that reconnects missed since `from`, or undefined when it needs a snapshot. */
  async missedSince(tenant: TenantContext, from: FeedPosition): Promise<ConsoleEvent[] | undefined> {
    const entries = await this.deps.feed.since(tenant.settings.id, from);
    if (!entries) return undefined;
    const events: ConsoleEvent[] = [];
    for (const entry of entries) {
      const event = await this.open(tenant, entry);
      if (event) events.push(event);
    }
    return events;
  }

  /**
   * The current list and an event number it is at least current up to. The
   * number is read before the list: a delta published while the list is read
   * then comes again after the snapshot, and deltas are idempotent.
   */
  async snapshot(
    tenant: TenantContext,
  ): Promise<{ position: FeedPosition; calls: ConsoleCall[]; resolutionPausedUntil?: string }> {
    const position = await this.deps.feed.position(tenant.settings.id);
    const calls = (await tenant.store.calls.listCalled()).map((record) => this.view(tenant, record));
    const pausedUntil = await this.deps.line().pausedUntil(tenant.settings.id);
    return { position, calls, ...(pausedUntil && { resolutionPausedUntil: new Date(pausedUntil).toISOString() }) };
  }

  /** Code resolution paused for the tenant: every console shows it until `until`. */
  async resolutionPaused(tenant: TenantContext, until: number): Promise<void> {
    await this.publish(tenant, { type: 'resolution-paused', until: new Date(until).toISOString() });
  }

  /** A switchboard resolved a code: every console of the tenant gets the caller. */
  async announce(tenant: TenantContext, record: CallRecord): Promise<void> {
    await this.publish(tenant, { type: 'call-added', call: this.view(tenant, record) });
  }

  async take(tenant: TenantContext, actor: Actor, callId: string): Promise<void> {
    const taken = await tenant.store.calls.takeCall(callId, actor.agentId, actor.displayName, this.deps.clock.now());
    if (!taken) {
      const existing = await tenant.store.calls.get(callId);
      if (existing?.status === 'called' && existing.takenByName)
        throw new ApiError(409, 'conflict', `Already taken by ${existing.takenByName}.`);
      throw notFound('call');
    }
    try {
      await this.deps.line().switchboard.routeToAgent(tenant.settings.id, taken.switchboardCallId!, actor);
    } catch (error) {
      // Not put through (the switchboard refused, or the caller hung up): the take is undone, so the
      // agent is not told they are talking to the caller and a colleague can try.
      await tenant.store.calls.releaseTake(callId, actor.agentId);
      this.deps.logger.error(
        { tenant: tenant.settings.id, callId, err: (error as Error).message },
        'switchboard could not route the call; take undone',
      );
      throw new ApiError(502, 'upstream_unavailable', 'The switchboard could not put the call through. Try again.');
    }
    await this.deps.audit.record(tenant.store, 'call.taken', { actor: actor.username, subject: callId });
    await this.publish(tenant, {
      type: 'call-taken',
      callId,
      takenBy: { agentId: actor.agentId, displayName: actor.displayName },
    });
  }

  /** Ends a call: its data is deleted and it disappears from every console. */
  async end(tenant: TenantContext, callId: string, actor: string, reason: string): Promise<boolean> {
    const call = actor === 'switchboard' ? undefined : await tenant.store.calls.get(callId);
    if (!(await tenant.store.calls.delete(callId))) return false;
    // Ended by an agent: the phone line ends too (the switchboard's own end event then finds nothing).
    if (call?.switchboardCallId) {
      await this.deps
        .line()
        .switchboard.endCall(tenant.settings.id, call.switchboardCallId)
        .catch((error: unknown) => {
          this.deps.logger.error(
            { tenant: tenant.settings.id, callId, err: (error as Error).message },
            'switchboard could not end the call',
          );
        });
    }
    await this.deps.audit.record(tenant.store, 'call.ended', { actor, subject: callId, detail: reason });
    await this.deps.audit.record(tenant.store, 'call.data-deleted', { actor, subject: callId, detail: reason });
    this.deps.metrics?.callDataDeleted.inc({
      tenant: tenant.settings.id,
      reason: actor === 'switchboard' ? 'end event' : 'ended by agent',
    });
    await this.publish(tenant, { type: 'call-ended', callId });
    return true;
  }

  /** The switchboard reports that a phone call ended. Unknown calls are fine: ends are retried. */
  async endBySwitchboard(tenant: TenantContext, switchboardCallId: string): Promise<boolean> {
    const call = await tenant.store.calls.findBySwitchboardCall(switchboardCallId);
    return call ? this.end(tenant, call.callId, 'switchboard', 'end event') : false;
  }

  /** The retention sweeper deleted these calls. */
  async swept(tenant: TenantContext, callIds: readonly string[]): Promise<void> {
    for (const callId of callIds) {
      await this.deps.audit.record(tenant.store, 'call.data-deleted', {
        actor: 'system',
        subject: callId,
        detail: 'retention time reached',
      });
      this.deps.metrics?.callDataDeleted.inc({ tenant: tenant.settings.id, reason: 'retention' });
      await this.publish(tenant, { type: 'call-ended', callId });
    }
  }

  async revealBsn(tenant: TenantContext, actor: Actor, callId: string): Promise<string> {
    const bsn = this.attributesOf(tenant, await this.calledCall(tenant, callId)).bsn;
    if (!bsn) throw notFound('BSN');
    await this.deps.audit.record(tenant.store, 'bsn.revealed', { actor: actor.username, subject: callId });
    return bsn;
  }

  /** The tenant's external link for this caller, with the attribute URL-encoded into it. */
  async externalLink(tenant: TenantContext, actor: Actor, callId: string): Promise<string> {
    const placeholder = linkAttribute(tenant);
    const value = placeholder
      ? this.attributesOf(tenant, await this.calledCall(tenant, callId))[placeholder]
      : undefined;
    if (!placeholder || value === undefined) throw notFound('link');
    await this.deps.audit.record(tenant.store, 'external-link.opened', { actor: actor.username, subject: callId });
    return tenant.settings.externalLink!.template.replace(`{${placeholder}}`, encodeURIComponent(value));
  }

  /** A call agents may act on: one a switchboard resolved, in this tenant. */
  private async calledCall(tenant: TenantContext, callId: string): Promise<CallRecord> {
    const call = await tenant.store.calls.get(callId);
    if (call?.status !== 'called') throw notFound('call');
    return call;
  }

  private attributesOf(tenant: TenantContext, call: CallRecord): Record<string, string> {
    if (!call.attributesSealed) throw notFound('call');
    const sealed = JSON.parse(tenant.crypto.openPersonalData(call.attributesSealed, call.callId)) as Record<
      string,
      string
    >;
    return Object.fromEntries(Object.entries(sealed).map(([id, value]) => [shortName(id), value]));
  }

  private view(tenant: TenantContext, record: CallRecord): ConsoleCall {
    const attributes = this.attributesOf(tenant, record);
    const purpose = tenant.settings.purposes[record.purpose];
    const placeholder = linkAttribute(tenant);
    return {
      callId: record.callId,
      purpose: record.purpose,
      purposeLabel: purpose?.label ?? { nl: record.purpose, en: record.purpose },
      ...(attributes.firstnames !== undefined && { firstNames: attributes.firstnames }),
      ...(attributes.surname !== undefined && { surname: attributes.surname }),
      ...(attributes.bsn !== undefined && { bsnMasked: maskBsn(attributes.bsn) }),
      disclosedAt: new Date(record.disclosedAt ?? record.createdAt).toISOString(),
      calledAt: new Date(record.calledAt ?? record.createdAt).toISOString(),
      ...(record.takenBy && { takenBy: { agentId: record.takenBy, displayName: record.takenByName ?? '' } }),
      ...(record.callerIdSealed && {
        callerId: tenant.crypto.openPersonalData(record.callerIdSealed, `caller-id:${record.callId}`),
      }),
      hasExternalLink: Boolean(placeholder) && attributes[placeholder!] !== undefined,
    };
  }
}
