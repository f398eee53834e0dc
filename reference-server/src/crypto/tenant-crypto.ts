import { createHmac, hkdfSync } from 'node:crypto';
import { keyIdOf, open, seal } from './envelope.js';
import type { KeyRing } from './key-ring.js';

/**
 * The cryptography one tenant needs, with its keys derived from the key ring.
 * Handlers use this and never see raw keys.
 */
export class TenantCrypto {
  constructor(
    private readonly ring: KeyRing,
    readonly tenantId: string,
  ) {}

  /** Encrypts personal data for storage; `recordId` binds it to its row. */
  sealPersonalData(plaintext: string, recordId: string): string {
    return this.sealWith('personal-data', plaintext, recordId);
  }

  openPersonalData(sealed: string, recordId: string): string {
    return this.openWith('personal-data', sealed, recordId);
  }

  /**
   * The same value sealed under the current key, or undefined when it already
   * is (key rotation). Opening checks the record binding as usual.
   */
  reseal(purpose: 'personal-data' | 'secrets', sealed: string, recordId: string): string | undefined {
    if (keyIdOf(sealed) === this.ring.currentKeyId) return undefined;
    return this.sealWith(purpose, this.openWith(purpose, sealed, recordId), recordId);
  }

  /** Whether a sealed value needs a key other than the current one. */
  isUnderOldKey(sealed: string): boolean {
    return keyIdOf(sealed) !== this.ring.currentKeyId;
  }

  sealSecret(plaintext: string, recordId: string): string {
    return this.sealWith('secrets', plaintext, recordId);
  }

  openSecret(sealed: string, recordId: string): string {
    return this.openWith('secrets', sealed, recordId);
  }

  /**
   * Keyed hashes of a DTMF code under every readable key, current first: codes
   * issued just before a key rotation still resolve.
   */
  dtmfCodeHashes(code: string): string[] {
    return this.ring.keyIds.map((keyId) => this.dtmfCodeHash(code, keyId));
  }

  dtmfCodeHash(code: string, keyId = this.ring.currentKeyId): string {
    const key = this.ring.derive(keyId, this.tenantId, 'dtmf-code-hmac');
    return `${keyId}.${createHmac('sha256', key).update(code).digest('base64url')}`;
  }

  /**
   * A pairwise pseudonym of `subjectId` for one party: unlinkable across
   * parties, stable for one under the key it was made with. Callers store the
   * first one they hand out, so a key rotation never changes a party's view.
   */
  pseudonym(partyId: string, subjectId: string): string {
    const key = this.ring.derive(this.ring.currentKeyId, this.tenantId, 'pairwise-pseudonym');
    return createHmac('sha256', key).update(`${partyId}\u0000${subjectId}`).digest('base64url');
  }

  /** Keyed hashes of a short, guessable secret (e.g. a confirmation code) under every readable key, current first. */
  shortSecretHashes(value: string): string[] {
    return this.ring.keyIds.map((keyId) => this.shortSecretHash(value, keyId));
  }

  shortSecretHash(value: string, keyId = this.ring.currentKeyId): string {
    const key = this.ring.derive(keyId, this.tenantId, 'short-secret-hmac');
    return `${keyId}.${createHmac('sha256', key).update(value).digest('base64url')}`;
  }

  /**
   * Keyed hashes of a party's customer reference under every readable key,
   * current first: how the store finds a customer's records (corrections,
   * status list entries) without keeping the reference in the clear.
   */
  customerKeys(partyId: string, customerRef: string): string[] {
    return this.ring.keyIds.map((keyId) => this.customerKey(partyId, customerRef, keyId));
  }

  customerKey(partyId: string, customerRef: string, keyId = this.ring.currentKeyId): string {
    const key = this.ring.derive(keyId, this.tenantId, 'customer-key');
    return `${keyId}.${createHmac('sha256', key).update(`${partyId}\u0000${customerRef}`).digest('base64url')}`;
  }

  /**
   * Seals a value under a key that only the holder of `bearerToken` can
   * rebuild. The server keeps the DTMF code this way: the store alone cannot
   * give it back, only the citizen's own request can.
   */
  sealForBearer(plaintext: string, bearerToken: string, recordId: string): string {
    return seal(this.bearerKey(bearerToken), 'bearer', plaintext, `${this.tenantId}/${recordId}`);
  }

  openForBearer(sealed: string, bearerToken: string, recordId: string): string {
    return open(this.bearerKey(bearerToken), sealed, `${this.tenantId}/${recordId}`).toString('utf8');
  }

  private bearerKey(bearerToken: string): Buffer {
    return Buffer.from(hkdfSync('sha256', bearerToken, 'regiekit/bearer', this.tenantId, 32));
  }

  private sealWith(purpose: 'personal-data' | 'secrets', plaintext: string, recordId: string): string {
    const keyId = this.ring.currentKeyId;
    return seal(this.ring.derive(keyId, this.tenantId, purpose), keyId, plaintext, `${this.tenantId}/${recordId}`);
  }

  private openWith(purpose: 'personal-data' | 'secrets', sealed: string, recordId: string): string {
    const key = this.ring.derive(keyIdOf(sealed), this.tenantId, purpose);
    return open(key, sealed, `${this.tenantId}/${recordId}`).toString('utf8');
  }
}
