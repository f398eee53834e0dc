import type { SealedKind } from './sealed-data.js';

/** Where each kind of long-lived sealed value lives in the SQL engines (table, id and value column); fixed names, never from input. */
export const SEALED_COLUMNS: Record<SealedKind, { table: string; id: string; column: string }> = {
  'connection.customerRef': { table: 'connections', id: 'connection_id', column: 'customer_ref_sealed' },
  'consent.state': { table: 'consents', id: 'consent_id', column: 'state_sealed' },
  'dataReference.operation': { table: 'data_references', id: 'reference_id', column: 'operation_sealed' },
  'passkey.credential': { table: 'passkeys', id: 'passkey_id', column: 'credential_sealed' },
  'correction.customerRef': { table: 'my_data_corrections', id: 'correction_id', column: 'customer_ref_sealed' },
  'correction.proposal': { table: 'my_data_corrections', id: 'correction_id', column: 'proposal_sealed' },
  'correction.answer': { table: 'my_data_corrections', id: 'correction_id', column: 'answer_sealed' },
  'arrangement.terms': { table: 'arrangements', id: 'arrangement_id', column: 'terms_sealed' },
};
