import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type {
  AccountView,
  ApproveFlowRequest,
  FlowOutcome,
  FlowView,
  ScanApproved,
  ScanStatus,
  ScanView,
  UserConsentList,
  WebAuthnOptions,
} from '../protocol/index.js';
import { isFinalConnectStatus } from './format.js';
import {
  globalFetch,
  jsonPost,
  poll,
  RegieApiError,
  requestJson,
  tenantApiUrl,
  type FetchLike,
  type PollOptions,
} from '../http/index.js';
import { PasskeyError } from './passkey-error.js';
import type * as SimpleWebAuthn from '@simplewebauthn/browser';

/** The part of `@simplewebauthn/browser` a passkey ceremony uses. */
export type WebAuthnModule = Pick<
  typeof SimpleWebAuthn,
  'browserSupportsWebAuthn' | 'startAuthentication' | 'startRegistration'
>;

export interface AccountClientOptions {
  /** Origin of the regiekit server; the page's own origin when empty (the usual case). */
  server?: string;
  tenant: string;
  fetch?: typeof fetch;
  /**
   * Loads `@simplewebauthn/browser`, needed only for a passkey ceremony: usually
   * `() => import('@simplewebauthn/browser')`, which a bundler splits off. It is asked for
   * together with the ceremony's options from the server, so it costs no round trip of its own.
   */
  loadWebAuthn: () => Promise<WebAuthnModule>;
}

/** How {@link AccountClient.watchScan} polls; it always stops at connected, expired and failed. */
export type ScanWatchOptions = Omit<PollOptions<ScanStatus>, 'isFinal'>;

/**
 * The user's side of a regie account, for pages on the regiekit server's own
 * origin only: the session is a same-origin cookie, and the account is just
 * passkeys. Every decision (approve a flow or a scan) needs a fresh passkey
 * ceremony in this browser session just before; the server answers 401
 * `passkey_required` otherwise.
 *
 * Server errors are `RegieApiError`s; a ceremony the browser did not complete
 * is a {@link PasskeyError} (`reason: 'cancelled'` when the person closed the prompt).
 */
export class AccountClient {
  private readonly base: string;
  private readonly fetchImpl: FetchLike;
  private readonly loadWebAuthn: () => Promise<WebAuthnModule>;

  constructor(options: AccountClientOptions) {
    this.base = tenantApiUrl(options.server ?? '', options.tenant, '/account');
    this.fetchImpl = options.fetch ?? globalFetch;
    this.loadWebAuthn = options.loadWebAuthn;
  }

  account(): Promise<AccountView> {
    return this.get<AccountView>('');
  }

  /** Makes a new account with a new passkey, and signs in to it. */
  createAccountWithPasskey(): Promise<void> {
    return this.registerPasskey();
  }

  /** Adds a passkey (on this device or a security key) to the signed-in account. */
  addPasskey(): Promise<void> {
    return this.registerPasskey();
  }

  async signInWithPasskey(): Promise<void> {
    const webauthn = this.webAuthn();
    const optionsJSON = await this.post<WebAuthnOptions>('/sign-in/options');
    const credential = await ceremony(webauthn, ({ startAuthentication }) =>
      startAuthentication({ optionsJSON: optionsJSON as unknown as PublicKeyCredentialRequestOptionsJSON }),
    );
    await this.post('/sign-in', { credential });
  }

  signOut(): Promise<void> {
    return this.post('/sign-out');
  }

  endConnection(connectionId: string): Promise<void> {
    return this.post(`/connections/${encodeURIComponent(connectionId)}/end`);
  }

  flow(flowId: string): Promise<FlowView> {
    return this.get<FlowView>(`/flows/${encodeURIComponent(flowId)}`);
  }

  /** Approves a decision; for a consent, `body.connections` names the sources the user left ticked. */
  approveFlow(flowId: string, body: ApproveFlowRequest = {}): Promise<FlowOutcome> {
    return this.post<FlowOutcome>(`/flows/${encodeURIComponent(flowId)}/approve`, body);
  }

  refuseFlow(flowId: string): Promise<FlowOutcome> {
    return this.post<FlowOutcome>(`/flows/${encodeURIComponent(flowId)}/refuse`);
  }

  /** Every consent the user gave or was asked for, with the log of its uses. */
  consents(): Promise<UserConsentList> {
    return this.get<UserConsentList>('/consents');
  }

  /** Revokes a consent; like every decision it needs a fresh passkey ceremony (401 `passkey_required`). */
  revokeConsent(consentId: string): Promise<void> {
    return this.post(`/consents/${encodeURIComponent(consentId)}/revoke`);
  }

  /** The signed consent receipt: a compact JWS (`application/jose`), for the user to keep. */
  async consentReceipt(consentId: string): Promise<string> {
    let receipt = '';
    // The answer is text, not JSON: keep it and hand requestJson an empty success, so errors map as everywhere else.
    const keepText: FetchLike = async (input, init) => {
      const response = await this.fetchImpl(input, init);
      if (!response.ok) return response;
      receipt = await response.text();
      return new Response(null, { status: 204 });
    };
    await requestJson<void>(keepText, `${this.base}/consents/${encodeURIComponent(consentId)}/receipt`, {
      headers: { Accept: 'application/jose' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    return receipt;
  }

  /** Who asks to connect, for the connect token scanned from a portal. */
  scan(token: string): Promise<ScanView> {
    return this.post<ScanView>('/scans', { token });
  }

  /** Approves the connection; the answer holds the code to type in the portal. */
  approveScan(tokenId: string, token: string): Promise<ScanApproved> {
    return this.post<ScanApproved>(`/scans/${encodeURIComponent(tokenId)}/approve`, { token });
  }

  scanStatus(tokenId: string): Promise<ScanStatus> {
    return this.get<ScanStatus>(`/scans/${encodeURIComponent(tokenId)}`);
  }

  /** Polls {@link scanStatus} until connected, expired or failed; returns the function that stops it. */
  watchScan(tokenId: string, onStatus: (status: ScanStatus) => void, options: ScanWatchOptions = {}): () => void {
    return poll(() => this.scanStatus(tokenId), onStatus, {
      ...options,
      isFinal: (value) => isFinalConnectStatus(value.status),
    });
  }

  private async registerPasskey(): Promise<void> {
    const webauthn = this.webAuthn();
    const optionsJSON = await this.post<WebAuthnOptions>('/passkeys/options');
    const credential = await ceremony(webauthn, ({ startRegistration }) =>
      startRegistration({ optionsJSON: optionsJSON as unknown as PublicKeyCredentialCreationOptionsJSON }),
    );
    await this.post('/passkeys', { credential });
  }

  /** Starts loading the WebAuthn module while the server prepares the ceremony's options. */
  private webAuthn(): Promise<WebAuthnModule> {
    const loading = this.loadWebAuthn();
    loading.catch(() => undefined);
    return loading;
  }

  private get<T>(path: string): Promise<T> {
    return requestJson<T>(this.fetchImpl, `${this.base}${path}`, { credentials: 'same-origin', cache: 'no-store' });
  }

  private post<T = void>(path: string, body: unknown = {}): Promise<T> {
    return requestJson<T>(this.fetchImpl, `${this.base}${path}`, { ...jsonPost(body), credentials: 'same-origin' });
  }
}

async function ceremony<T>(
  loading: Promise<WebAuthnModule>,
  run: (webauthn: WebAuthnModule) => Promise<T>,
): Promise<T> {
  let webauthn: WebAuthnModule;
  try {
    webauthn = await loading;
  } catch (error) {
    // Not the ceremony: its code did not arrive, so the connection to the server is what failed.
    throw new RegieApiError(0, 'network', `The passkey code could not be loaded: ${String(error)}`);
  }
  if (!webauthn.browserSupportsWebAuthn()) throw new PasskeyError('unsupported');
  try {
    return await run(webauthn);
  } catch (error) {
    throw PasskeyError.from(error);
  }
}
