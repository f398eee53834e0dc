import { randomToken } from '../../crypto/random.js';
import type { IrmaSessionResult, IrmaSessionStatus } from '../irma-types.js';

export interface DemoSession {
  requestorToken: string;
  clientToken: string;
  frontendAuthorization: string;
  attributes: string[];
  clientReturnUrl: string | undefined;
  status: IrmaSessionStatus;
  disclosed: Record<string, string> | null;
  createdAt: number;
  connectTimeoutMs: number;
  endedAt: number | null;
}

/** irmago's defaults: 15 minutes at most per session, results kept 5 minutes after the end. */
const MAX_LIFETIME_MS = 15 * 60_000;
const RESULT_KEPT_MS = 5 * 60_000;

/**
 * The in-memory session table of the demo IRMA server. It mimics irmago's
 * lifecycle (INITIALIZED -> CONNECTED -> DONE | CANCELLED | TIMEOUT) closely
 * enough for the regiekit server to use the real requestor protocol against it.
 */
export class DemoSessions {
  private readonly byRequestorToken = new Map<string, DemoSession>();
  private readonly byClientToken = new Map<string, DemoSession>();

  constructor(private readonly now: () => number) {}

  create(attributes: string[], clientReturnUrl: string | undefined, connectTimeoutSeconds: number): DemoSession {
    this.sweep();
    const session: DemoSession = {
      requestorToken: randomToken(16),
      clientToken: randomToken(16),
      frontendAuthorization: randomToken(16),
      attributes,
      clientReturnUrl,
      status: 'INITIALIZED',
      disclosed: null,
      createdAt: this.now(),
      connectTimeoutMs: connectTimeoutSeconds * 1000,
      endedAt: null,
    };
    this.byRequestorToken.set(session.requestorToken, session);
    this.byClientToken.set(session.clientToken, session);
    return session;
  }

  byRequestor(token: string): DemoSession | undefined {
    return this.refresh(this.byRequestorToken.get(token));
  }

  byClient(token: string): DemoSession | undefined {
    return this.refresh(this.byClientToken.get(token));
  }

  /** Sessions a demo wallet could still answer, newest first. */
  open(): DemoSession[] {
    this.sweep();
    return [...this.byClientToken.values()]
      .filter((session) => session.status === 'INITIALIZED' || session.status === 'CONNECTED')
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  connect(session: DemoSession): void {
    if (session.status === 'INITIALIZED' || session.status === 'PAIRING') session.status = 'CONNECTED';
  }

  disclose(session: DemoSession, values: Record<string, string>): boolean {
    if (session.status !== 'INITIALIZED' && session.status !== 'CONNECTED') return false;
    session.disclosed = Object.fromEntries(session.attributes.map((id) => [id, values[id] ?? '']));
    this.end(session, 'DONE');
    return true;
  }

  cancel(session: DemoSession): boolean {
    if (session.endedAt !== null) return false;
    this.end(session, 'CANCELLED');
    return true;
  }

  result(session: DemoSession): IrmaSessionResult {
    const done = session.status === 'DONE';
    return {
      type: 'disclosing',
      status: session.status,
      token: session.requestorToken,
      ...(done && {
        proofStatus: 'VALID',
        disclosed: [
          session.attributes.map((id) => ({ id, rawvalue: session.disclosed?.[id] ?? null, status: 'PRESENT' })),
        ],
      }),
    };
  }

  private end(session: DemoSession, status: IrmaSessionStatus): void {
    session.status = status;
    session.endedAt = this.now();
  }

  /** Applies timeouts lazily, the moment anyone looks at a session. */
  private refresh(session: DemoSession | undefined): DemoSession | undefined {
    if (!session) return undefined;
    const now = this.now();
    if (session.endedAt === null) {
      const connectExpired = session.status === 'INITIALIZED' && now - session.createdAt > session.connectTimeoutMs;
      if (connectExpired || now - session.createdAt > MAX_LIFETIME_MS) this.end(session, 'TIMEOUT');
    }
    if (session.endedAt !== null && now - session.endedAt > RESULT_KEPT_MS) {
      this.forget(session);
      return undefined;
    }
    return session;
  }

  private sweep(): void {
    for (const session of [...this.byClientToken.values()]) this.refresh(session);
  }

  private forget(session: DemoSession): void {
    this.byRequestorToken.delete(session.requestorToken);
    this.byClientToken.delete(session.clientToken);
  }
}
