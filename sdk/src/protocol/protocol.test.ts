import { describe, expect, it } from 'vitest';
import { CallStatus, CreateCallRequest, DtmfCode, ResolveCodeRequest, TenantId } from './index.js';

describe('wire contract', () => {
  it('accepts ten-digit codes, leading zeros included, and nothing else', () => {
    expect(DtmfCode.parse('0000000001')).toBe('0000000001');
    for (const bad of ['123456789', '12345678901', '12345*7890', '１２３４５６７８９０', ' 1234567890'])
      expect(DtmfCode.safeParse(bad).success).toBe(false);
  });

  it('keeps tenant ids to URL-safe slugs', () => {
    expect(TenantId.safeParse('nijmegen-oost').success).toBe(true);
    for (const bad of ['Nijmegen', '../etc', '', 'a'.repeat(64)]) expect(TenantId.safeParse(bad).success).toBe(false);
  });

  it('refuses unknown fields in requests, so personal data cannot slip in unseen', () => {
    expect(CreateCallRequest.safeParse({ purpose: 'general', bsn: '999993653' }).success).toBe(false);
    expect(ResolveCodeRequest.safeParse({ code: '0123456789', callId: 'CA1', extra: 1 }).success).toBe(false);
  });

  it('only carries number and code in a disclosed status', () => {
    expect(CallStatus.safeParse({ status: 'pending', dtmfCode: '0123456789' }).data).toEqual({ status: 'pending' });
    expect(CallStatus.safeParse({ status: 'disclosed' }).success).toBe(false);
  });
});
