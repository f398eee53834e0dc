import type { PartyEvent, PartyEventPage } from '@regiekit/sdk/protocol';
import type { Clock, TenantContext } from '../tenants/tenant-context.js';

type EventType = PartyEvent['type'];

/**
 * Each party's own event feed, in its own pseudonyms, read with a cursor: a
 * consumer or provider without a public URL polls it and misses nothing.
 */
export class PartyEvents {
  constructor(private readonly clock: Clock) {}

  async emit(tenant: TenantContext, partyId: string, type: EventType, data: PartyEvent['data']): Promise<void> {
    await tenant.store.partyEvents.append({ partyId, type, data: JSON.stringify(data), at: this.clock.now() });
  }

  async page(tenant: TenantContext, partyId: string, after: string | undefined, limit: number): Promise<PartyEventPage> {
    const afterSeq = Number.parseInt(after ?? '0', 10) || 0;
    const records = await tenant.store.partyEvents.list(partyId, afterSeq, limit);
    return {
      events: records.map((record) => ({ id: String(record.seq), type: record.type, at: new Date(record.at).toISOString(), data: JSON.parse(record.data) as PartyEvent['data'] })),
      cursor: String(records.at(-1)?.seq ?? afterSeq),
    };
  }
}
