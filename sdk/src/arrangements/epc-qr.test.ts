import { describe, expect, it } from 'vitest';
import { epcPayload } from './epc-qr.js';

describe('the EPC QR payload of an instalment', () => {
  it('holds the lines of EPC069-12 version 002 in order, the amount in euro with two decimals', () => {
    expect(
      epcPayload({
        beneficiaryName: 'Demo Energie',
        iban: 'NL91 ABNA 0417 1643 00',
        amountCents: 5_005,
        remittance: 'Regeling abc termijn 3',
      }).split('\n'),
    ).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      '',
      'Demo Energie',
      'NL91ABNA0417164300',
      'EUR50.05',
      '',
      '',
      'Regeling abc termijn 3',
    ]);
  });

  it.each([
    ['an amount of zero', { amountCents: 0 }],
    ['a negative amount', { amountCents: -100 }],
    ['a name over 70 characters', { beneficiaryName: 'x'.repeat(71) }],
    ['remittance over 140 characters', { remittance: 'x'.repeat(141) }],
    ['a line break that would shift the lines', { remittance: 'a\nb' }],
    ['something that is no IBAN', { iban: 'NL91' }],
  ])('refuses %s', (_, change) => {
    expect(() =>
      epcPayload({ beneficiaryName: 'Demo', iban: 'NL91ABNA0417164300', amountCents: 100, remittance: 'r', ...change }),
    ).toThrow(/EPC|:/);
  });
});
