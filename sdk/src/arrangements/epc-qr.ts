/** What an EPC QR code ("betaalverzoek") asks the banking app to pay: one SEPA credit transfer. */
export interface CreditTransfer {
  beneficiaryName: string;
  iban: string;
  amountCents: number;
  /** Unstructured remittance text, at most 140 characters. */
  remittance: string;
  bic?: string;
}

/** The EPC QR limits (EPC069-12, version 002): at most 331 bytes, amounts from 0.01 to 999,999,999.99 euro. */
const MAX_BYTES = 331;

export class EpcPayloadError extends Error {
  override name = 'EpcPayloadError';
}

/**
 * The text of an EPC QR code for one SEPA credit transfer (EPC069-12,
 * version 002, UTF-8): service tag BCD, SCT, the beneficiary, its IBAN,
 * the amount in euro and unstructured remittance text; encode it with error
 * correction level M. Refuses what a banking app would refuse.
 */
export function epcPayload(transfer: CreditTransfer): string {
  const name = transfer.beneficiaryName.trim();
  const iban = transfer.iban.replace(/\s+/g, '').toUpperCase();
  if (name === '' || [...name].length > 70) throw new EpcPayloadError('beneficiaryName: 1 to 70 characters');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) throw new EpcPayloadError('iban: an IBAN');
  if (!Number.isInteger(transfer.amountCents) || transfer.amountCents < 1 || transfer.amountCents > 99_999_999_999)
    throw new EpcPayloadError('amountCents: 1 cent to 999,999,999.99 euro');
  if ([...transfer.remittance].length > 140) throw new EpcPayloadError('remittance: at most 140 characters');
  if (/[\r\n]/.test(name + transfer.remittance))
    throw new EpcPayloadError('beneficiaryName, remittance: no line breaks');
  const amount = `EUR${Math.floor(transfer.amountCents / 100)}.${String(transfer.amountCents % 100).padStart(2, '0')}`;
  const lines = ['BCD', '002', '1', 'SCT', transfer.bic ?? '', name, iban, amount, '', '', transfer.remittance];
  const text = lines.join('\n');
  if (new TextEncoder().encode(text).length > MAX_BYTES) throw new EpcPayloadError('more than 331 bytes');
  return text;
}
