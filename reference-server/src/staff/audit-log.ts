import type { AuditEventType } from '@regiekit/sdk/protocol';
import type { Clock } from '../shared/clock.js';
import type { TenantStore } from '../storage/store.js';

export interface AuditFields {
  /** Username of the staff member who acted, or `system` / `switchboard`. */
  actor?: string;
  /** What the entry concerns: a call id, or the username of a staff account (which outlives a deleted account's id); never a caller's data. */
  subject?: string;
  detail?: string;
}

/** Writes audit entries; a thin layer so every entry gets a time and one vocabulary of types. */
export class AuditLog {
  constructor(private readonly clock: Clock) {}

  record(store: TenantStore, type: AuditEventType, fields: AuditFields = {}): Promise<void> {
    return store.audit.append({
      at: this.clock.now(),
      type,
      actor: fields.actor ?? null,
      subject: fields.subject ?? null,
      detail: fields.detail ?? null,
    });
  }
}
