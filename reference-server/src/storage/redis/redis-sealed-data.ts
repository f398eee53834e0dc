import type { SealedDataRepository, SealedKind, SealedValue } from '../sealed-data.js';
import { scanKeys } from './redis-scan.js';
import type { Keyspace } from './redis-keyspace.js';

/** The record key name and field of each kind of long-lived sealed value. */
const FIELDS: Record<SealedKind, { record: string; id: string; field: string }> = {
  'connection.customerRef': { record: 'connection', id: 'connectionId', field: 'customerRefSealed' },
  'consent.state': { record: 'consent', id: 'consentId', field: 'stateSealed' },
  'dataReference.operation': { record: 'data-reference', id: 'referenceId', field: 'operationSealed' },
  'passkey.credential': { record: 'passkey', id: 'passkeyId', field: 'credentialSealed' },
  'correction.customerRef': { record: 'correction', id: 'correctionId', field: 'customerRefSealed' },
  'correction.proposal': { record: 'correction', id: 'correctionId', field: 'proposalSealed' },
  'correction.answer': { record: 'correction', id: 'correctionId', field: 'answerSealed' },
  'arrangement.terms': { record: 'arrangement', id: 'arrangementId', field: 'termsSealed' },
};

export class RedisSealedDataRepository implements SealedDataRepository {
  constructor(private readonly space: Keyspace) {}

  async list(kind: SealedKind): Promise<SealedValue[]> {
    const { record, id, field } = FIELDS[kind];
    const keys = await scanKeys(this.space.client, `${this.space.key(record)}:*`);
    const records = await this.space.readMany<Record<string, unknown>>(keys);
    return records.flatMap((value) =>
      typeof value[field] === 'string' && value[field] !== ''
        ? [{ recordId: String(value[id]), sealed: value[field] as string }]
        : [],
    );
  }

  async replace(kind: SealedKind, recordId: string, expected: string, replacement: string): Promise<boolean> {
    const { record, field } = FIELDS[kind];
    return (
      (await this.space.update(this.space.key(record, recordId), {
        when: [[field, 'eq', expected]],
        set: { [field]: replacement },
      })) !== undefined
    );
  }
}
