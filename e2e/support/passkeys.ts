import type { CDPSession, Page } from 'playwright-core';

/** A passkey as Chromium's virtual authenticator holds it, private key included (CDP `WebAuthn.Credential`). */
export interface VirtualCredential {
  /** Standard base64, as CDP gives it; the server knows it base64url-encoded. */
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

/**
 * A platform authenticator with user verification, as a phone or a laptop has,
 * through Chromium's WebAuthn DevTools domain: every ceremony on the page
 * succeeds at once, as if the person touched the fingerprint sensor. It
 * belongs to one page (tab) and stays with it across navigations to other
 * sites; passkeys made on it live only there, so another context with its
 * own authenticator is another device.
 */
export class VirtualAuthenticator {
  private mirrored: Promise<void> = Promise.resolve();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly authenticatorId: string,
  ) {}

  /**
   * `internal` is the device's own (one per tab, as Chromium allows); `usb`
   * stands for a security key plugged in next to it.
   */
  static async attach(page: Page, transport: 'internal' | 'usb' = 'internal'): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport,
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  async credentials(): Promise<VirtualCredential[]> {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: this.authenticatorId });
    return credentials as VirtualCredential[];
  }

  /** Puts a copy of a passkey on this authenticator: the same person's passkey, synced to another browser. */
  async add(credential: VirtualCredential): Promise<void> {
    await this.cdp.send('WebAuthn.addCredential', { authenticatorId: this.authenticatorId, credential });
  }

  /** Puts the newer state of a passkey (a higher signature counter) in place of the one held here. */
  async update(credential: VirtualCredential): Promise<void> {
    if ((await this.credentials()).some((held) => held.credentialId === credential.credentialId)) {
      await this.cdp.send('WebAuthn.removeCredential', {
        authenticatorId: this.authenticatorId,
        credentialId: credential.credentialId,
      });
    }
    await this.add(credential);
  }

  /**
   * Keeps `other` in step with this authenticator, as a synced passkey store
   * would: every passkey used here goes there with its new signature counter.
   * A copy left behind would sign with a counter the server has already
   * seen, and the server refuses that as a cloned authenticator.
   */
  mirrorTo(other: VirtualAuthenticator): void {
    this.cdp.on('WebAuthn.credentialAsserted', ({ credential }) => {
      this.mirrored = this.mirrored.then(() => other.update(credential as VirtualCredential));
    });
  }

  /** Resolves once every use so far has reached the authenticator mirrored to; rejects if copying failed. */
  mirroredUses(): Promise<void> {
    return this.mirrored;
  }
}

/** The credential id the way the server stores and looks it up (base64url). */
export function serverCredentialId(credential: VirtualCredential): string {
  return Buffer.from(credential.credentialId, 'base64').toString('base64url');
}
