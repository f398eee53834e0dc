import { describe, expect, it } from 'vitest';
import type { ConsoleCall } from '../protocol/index.js';
import { applyConsoleEvent, EMPTY_FEED } from './console-feed.js';

const call = (callId: string): ConsoleCall => ({
  callId,
  purpose: 'general',
  purposeLabel: { nl: 'Algemeen', en: 'General' },
  disclosedAt: '2026-11-23T10:00:00.000Z',
  calledAt: '2026-11-23T10:01:00.000Z',
  hasExternalLink: false,
});

describe('applyConsoleEvent', () => {
  it('neither loses nor doubles a call across a reconnection', () => {
    let state = applyConsoleEvent(EMPTY_FEED, { type: 'snapshot', seq: 4, calls: [call('a')] });
    state = applyConsoleEvent(state, { type: 'call-added', seq: 5, call: call('b') });
    // Connection drops; the new snapshot already holds b and a new c, then old deltas arrive late.
    state = applyConsoleEvent(state, { type: 'snapshot', seq: 7, calls: [call('a'), call('b'), call('c')] });
    state = applyConsoleEvent(state, { type: 'call-added', seq: 6, call: call('c') });
    state = applyConsoleEvent(state, { type: 'call-added', seq: 5, call: call('b') });
    expect(state.calls.map((c) => c.callId)).toEqual(['a', 'b', 'c']);
    state = applyConsoleEvent(state, { type: 'call-added', seq: 8, call: call('d') });
    expect(state.calls.map((c) => c.callId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('marks taken calls and removes ended ones', () => {
    let state = applyConsoleEvent(EMPTY_FEED, { type: 'snapshot', seq: 1, calls: [call('a'), call('b')] });
    state = applyConsoleEvent(state, {
      type: 'call-taken',
      seq: 2,
      callId: 'a',
      takenBy: { agentId: 'x'.repeat(22), displayName: 'Anna' },
    });
    state = applyConsoleEvent(state, { type: 'call-ended', seq: 3, callId: 'b' });
    expect(state.calls).toEqual([{ ...call('a'), takenBy: { agentId: 'x'.repeat(22), displayName: 'Anna' } }]);
  });
});
