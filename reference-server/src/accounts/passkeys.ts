import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { randomToken } from '../crypto/random.js';
import { ApiError } from '../http/api-error.js';
import type { PasskeyRecord } from '../storage/account-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { Clock } from '../shared/clock.js';
import type { CurrentSession } from './user-sessions.js';
import { hashToken } from '../crypto/key-ring.js';
import { describeDevice, type DeviceDescription } from './device-description.js';

interface StoredCredential {
  credentialId: string;
  publicKey: string;
  transports: AuthenticatorTransport[];
  /** Where it was made and whether its provider syncs it: what the account page shows (sealed with the rest). */
  device?: DeviceDescription;
  synced?: boolean;
}

const passkeyFailed = () => new ApiError(400, 'passkey_failed', 'The passkey could not be verified. Try again.');

/**
 * Regie accounts: a random id plus passkeys (WebAuthn with user verification,
 * discoverable credentials so nobody types a name). The seam for other ways
 * to sign in (Yivi, DigiD) is this class: another verifier that ends, like
 * `verifyAuthentication`, in a session with a user id and a fresh verification.
 */
export class Passkeys {
  private readonly rpID: string;
  private readonly origin: string;

  constructor(
    publicUrl: string,
    private readonly clock: Clock,
  ) {
    const url = new URL(publicUrl);
    this.rpID = url.hostname;
    this.origin = url.origin;
  }

  /** Options to make a passkey: for a new account, or for the signed-in user's account. */
  async registrationOptions(tenant: TenantContext, session: CurrentSession) {
    const userId = session.record.userId ?? randomToken(16);
    const existing = session.record.userId ? await tenant.store.accounts.passkeysOf(userId) : [];
    const options = await generateRegistrationOptions({
      rpName: tenant.settings.displayName,
      rpID: this.rpID,
      userID: new TextEncoder().encode(userId),
      // No name or e-mail: the authenticator shows this, and it says nothing about the person.
      userName: `regie-${userId.slice(0, 8)}`,
      userDisplayName: `Regie-account ${tenant.settings.displayName}`,
      attestationType: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      excludeCredentials: existing.map((passkey) => ({
        id: this.unseal(tenant, passkey.credentialSealed, passkey.passkeyId).credentialId,
      })),
    });
    await tenant.store.userSessions.update(session.hash, {
      challenge: options.challenge,
      challengeKind: 'registration',
      pendingUserId: session.record.userId ? null : userId,
    });
    return options;
  }

  /** Verifies a new passkey; a new account is created with its first passkey. Signs the session in. */
  async verifyRegistration(
    tenant: TenantContext,
    session: CurrentSession,
    response: RegistrationResponseJSON,
    userAgent?: string,
  ): Promise<void> {
    const taken = await tenant.store.userSessions.takeChallenge(session.hash, 'registration');
    if (!taken) throw new ApiError(400, 'passkey_failed', 'Start again: no passkey was being made in this session.');
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: taken.challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        requireUserVerification: true,
      });
    } catch {
      throw passkeyFailed();
    }
    if (!verification.verified || !verification.registrationInfo) throw passkeyFailed();
    const { credential, credentialDeviceType } = verification.registrationInfo;
    const userId = session.record.userId ?? taken.pendingUserId;
    if (!userId) throw passkeyFailed();
    const now = this.clock.now();
    if (!session.record.userId) await tenant.store.accounts.createUser({ userId, createdAt: now });
    const passkeyId = randomToken(16);
    const stored: StoredCredential = {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      transports: (credential.transports ?? []) as AuthenticatorTransport[],
      device: describeDevice(userAgent),
      synced: credentialDeviceType === 'multiDevice',
    };
    await tenant.store.accounts.addPasskey({
      passkeyId,
      userId,
      credentialIdHash: hashToken(credential.id),
      credentialSealed: tenant.crypto.sealPersonalData(JSON.stringify(stored), passkeyId),
      counter: credential.counter,
      createdAt: now,
      lastUsedAt: now,
    });
    await tenant.store.userSessions.update(session.hash, { userId, passkeyId, verifiedAt: now, pendingUserId: null });
  }

  async authenticationOptions(tenant: TenantContext, session: CurrentSession) {
    // No allowCredentials: the passkey is discoverable, so the browser offers the user's own.
    const options = await generateAuthenticationOptions({ rpID: this.rpID, userVerification: 'required' });
    await tenant.store.userSessions.update(session.hash, {
      challenge: options.challenge,
      challengeKind: 'authentication',
    });
    return options;
  }

  /** Verifies an assertion and signs the session in as the passkey's owner. */
  async verifyAuthentication(
    tenant: TenantContext,
    session: CurrentSession,
    response: AuthenticationResponseJSON,
  ): Promise<void> {
    const taken = await tenant.store.userSessions.takeChallenge(session.hash, 'authentication');
    if (!taken) throw new ApiError(400, 'passkey_failed', 'Start again: no sign-in was in progress in this session.');
    const passkey = await tenant.store.accounts.passkeyByCredentialHash(hashToken(response.id));
    if (!passkey) throw passkeyFailed();
    const stored = this.unseal(tenant, passkey.credentialSealed, passkey.passkeyId);
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: taken.challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        credential: {
          id: stored.credentialId,
          publicKey: Buffer.from(stored.publicKey, 'base64url'),
          counter: passkey.counter,
          transports: stored.transports,
        },
        requireUserVerification: true,
      });
    } catch {
      throw passkeyFailed();
    }
    const now = this.clock.now();
    if (
      !verification.verified ||
      !(await tenant.store.accounts.recordPasskeyUse(
        passkey.passkeyId,
        verification.authenticationInfo.newCounter,
        now,
      ))
    ) {
      throw passkeyFailed();
    }
    // Signing in as someone else in the same browser session drops what the earlier user had in flight.
    await tenant.store.userSessions.update(session.hash, {
      userId: passkey.userId,
      passkeyId: passkey.passkeyId,
      verifiedAt: now,
    });
  }

  /** What the account page shows of a passkey besides its dates. */
  describe(tenant: TenantContext, passkey: PasskeyRecord): { device?: DeviceDescription; synced?: boolean } {
    const { device, synced } = this.unseal(tenant, passkey.credentialSealed, passkey.passkeyId);
    return { ...(device && { device }), ...(synced !== undefined && { synced }) };
  }

  private unseal(tenant: TenantContext, sealed: string, passkeyId: string): StoredCredential {
    return JSON.parse(tenant.crypto.openPersonalData(sealed, passkeyId)) as StoredCredential;
  }
}
