import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { drawQrCode } from '@regiekit/sdk/qr';
import type { PublicEcJwk, ServiceDescription, WalletOffer, WalletOfferRequest } from '@regiekit/sdk/protocol';
import { randomDigits, randomToken } from '../crypto/random.js';
import type { PartyDirectory } from '../parties/party-directory.js';
import type { AttemptCounter, AttemptCounters } from '../shared/attempt-counter.js';
import type { Clock } from '../shared/clock.js';
import type { TenantContext } from '../tenants/tenant-context.js';
import type { CompanyData } from './company-data.js';
import type { OpenView } from './views.js';

/** An offer waits this long for the wallet; the wallet's access token lives a few minutes after. */
const OFFER_TTL_MS = 10 * 60_000;
const TOKEN_TTL_MS = 5 * 60_000;
/** Wrong PINs per offer before it is void: six digits are guessed in no fewer than 200,000 offers. */
const MAX_PIN_TRIES = 5;
const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PROOF_TYPE = 'openid4vci-proof+jwt';
const PROOF_MAX_AGE_S = 300;

/** What a pre-authorized code and an access token carry, sealed: only this server can read them. */
interface Grant {
  providerId: string;
  customerRef: string;
  serviceType: string;
  fields: string[];
  expiresAt: number;
  /** Keyed hash of the PIN (codes only). */
  pin?: string;
}

/** An OAuth-style error as OpenID4VCI wallets expect it: `{error, error_description}` with its status. */
export class WalletError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

/**
 * Takes (some fields of) a category of the customer's data into their own
 * wallet, by OpenID4VCI with a pre-authorized code: the element shows a
 * credential offer (QR and link) and a PIN; the wallet trades the code and
 * PIN for an access token, then asks for the credential with a proof of its
 * own key, and the company signs the chosen fields bound to that key. The
 * server keeps nothing: the code and the token carry their grant sealed,
 * each is accepted once, the PIN is tried at most five times.
 */
export class WalletOffers {
  constructor(
    private readonly deps: {
      publicUrl: string;
      clock: Clock;
      company: CompanyData;
      counters: AttemptCounters;
      issuerOf: (tenantId: string, partyId: string) => string;
      directoryOf: (tenant: TenantContext) => PartyDirectory;
    },
  ) {
    this.pinTries = deps.counters('wallet-offer-pin', OFFER_TTL_MS);
  }

  /** Wrong PINs per offer, shared by every instance (on Redis). */
  private readonly pinTries: AttemptCounter;

  async offer(tenant: TenantContext, view: OpenView, body: WalletOfferRequest): Promise<WalletOffer> {
    const providerId = view.record.providerId;
    const { fields } = await this.deps.company.portable(tenant, providerId, body, 'The wallet offer');

    const pin = randomDigits(6);
    const expiresAt = this.deps.clock.now() + OFFER_TTL_MS;
    const code = this.seal(tenant, 'code', {
      providerId,
      customerRef: view.customerRef,
      serviceType: body.serviceType,
      fields,
      expiresAt,
      pin: tenant.crypto.shortSecretHash(pin),
    });
    const offer = {
      credential_issuer: this.deps.issuerOf(tenant.settings.id, providerId),
      credential_configuration_ids: [body.serviceType],
      grants: {
        [PRE_AUTHORIZED]: {
          'pre-authorized_code': code,
          tx_code: {
            input_mode: 'numeric',
            length: 6,
            description: 'De pincode naast de QR-code / the PIN shown beside the QR code',
          },
        },
      },
    };
    const offerUrl = `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
    return { offerUrl, qr: drawQrCode(offerUrl), txCode: pin, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Credential issuer metadata (OpenID4VCI §12.2): one configuration per portable category, SD-JWT VC. */
  async issuerMetadata(tenant: TenantContext, providerId: string): Promise<Record<string, unknown> | undefined> {
    const provider = this.deps.directoryOf(tenant).provider(providerId);
    if (!provider) return undefined;
    const issuer = this.deps.issuerOf(tenant.settings.id, providerId);
    const categories = (await this.deps.company.categoriesOf(tenant, providerId)).filter(
      (category) => category.personalData!.portable,
    );
    const display = (text: { nl: string; en: string }) => [
      { name: text.nl, locale: 'nl' },
      { name: text.en, locale: 'en' },
    ];
    return {
      credential_issuer: issuer,
      credential_endpoint: `${issuer}/credential`,
      display: display(provider.displayName),
      credential_configurations_supported: Object.fromEntries(
        categories.map((category) => [
          category.serviceType,
          {
            format: 'dc+sd-jwt',
            vct: category.serviceType,
            cryptographic_binding_methods_supported: ['jwk'],
            credential_signing_alg_values_supported: ['ES256'],
            proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
            credential_metadata: {
              display: display(category.title),
              claims: Object.entries(category.fieldLabels).map(([field, label]) => ({
                path: [field],
                display: display(label),
              })),
            },
          },
        ]),
      ),
    };
  }

  /** The issuer is its own authorization server, for the pre-authorized code grant only (RFC 8414). */
  authorizationServerMetadata(tenant: TenantContext, providerId: string): Record<string, unknown> | undefined {
    if (!this.deps.directoryOf(tenant).provider(providerId)) return undefined;
    const issuer = this.deps.issuerOf(tenant.settings.id, providerId);
    return {
      issuer,
      token_endpoint: `${issuer}/token`,
      grant_types_supported: [PRE_AUTHORIZED],
      'pre-authorized_grant_anonymous_access_supported': true,
    };
  }

  /** The token endpoint: the pre-authorized code and the PIN, once, for a short-lived access token. */
  async token(tenant: TenantContext, providerId: string, form: Record<string, unknown>) {
    if (form.grant_type !== PRE_AUTHORIZED)
      throw new WalletError(400, 'unsupported_grant_type', 'Only the pre-authorized code grant.');
    const code = String(form['pre-authorized_code'] ?? '');
    const grant = this.open(tenant, 'code', code);
    const now = this.deps.clock.now();
    if (!grant || grant.providerId !== providerId || grant.expiresAt <= now)
      throw new WalletError(400, 'invalid_grant', 'The offer is unknown or has expired.');
    const tries = this.pinTries;
    // Keyed by the offer (several tenants' offers never share an id: each is 128 random bits).
    const offerKey = code.slice(0, code.indexOf('.'));
    if ((await tries.count(offerKey)) >= MAX_PIN_TRIES)
      throw new WalletError(400, 'invalid_grant', 'Too many wrong PINs: ask for a new offer.');
    const pin = String(form.tx_code ?? '');
    if (!tenant.crypto.shortSecretHashes(pin).includes(grant.pin!)) {
      await tries.add(offerKey);
      throw new WalletError(400, 'invalid_grant', 'The PIN is not right.');
    }
    if (!(await tenant.store.onceIds.firstUse(`wallet-code:${offerKey}`, grant.expiresAt, now)))
      throw new WalletError(400, 'invalid_grant', 'This offer was used already.');
    const expiresAt = now + TOKEN_TTL_MS;
    const { pin: _pin, ...rest } = grant;
    void _pin;
    return {
      access_token: this.seal(tenant, 'token', { ...rest, expiresAt }),
      token_type: 'Bearer',
      expires_in: TOKEN_TTL_MS / 1000,
    };
  }

  /**
   * The credential endpoint: the access token once, a proof that the wallet
   * holds its key (`openid4vci-proof+jwt`, for this issuer, recent), and the
   * company signs the chosen fields bound to that key.
   */
  async credential(tenant: TenantContext, providerId: string, authorization: string | undefined, body: unknown) {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
    const grant = this.open(tenant, 'token', token);
    const now = this.deps.clock.now();
    if (!grant || grant.providerId !== providerId || grant.expiresAt <= now)
      throw new WalletError(401, 'invalid_token', 'The access token is unknown or has expired.');
    const request = (body ?? {}) as {
      credential_configuration_id?: unknown;
      proof?: { proof_type?: unknown; jwt?: unknown };
      proofs?: { jwt?: unknown };
    };
    if (request.credential_configuration_id !== undefined && request.credential_configuration_id !== grant.serviceType)
      throw new WalletError(400, 'invalid_credential_request', 'This token is for another credential.');
    const jwt = Array.isArray(request.proofs?.jwt) ? request.proofs.jwt[0] : request.proof?.jwt;
    if (typeof jwt !== 'string') throw new WalletError(400, 'invalid_proof', 'A jwt proof of the wallet’s key.');
    const holderKey = await this.checkProof(tenant, providerId, jwt, now);
    if (
      !(await tenant.store.onceIds.firstUse(`wallet-token:${token.slice(0, token.indexOf('.'))}`, grant.expiresAt, now))
    )
      throw new WalletError(401, 'invalid_token', 'This access token was used already.');
    const category = await this.category(tenant, providerId, grant.serviceType);
    if (!category) throw new WalletError(400, 'invalid_credential_request', 'The company no longer offers this.');
    const signed = await this.deps.company.signed(tenant, providerId, category, grant.customerRef, {
      holderKey,
      fields: grant.fields,
    });
    return { credentials: [{ credential: signed.sdJwt }] };
  }

  private async checkProof(tenant: TenantContext, providerId: string, jwt: string, now: number): Promise<PublicEcJwk> {
    const refuse = (why: string) => new WalletError(400, 'invalid_proof', why);
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jwt);
    } catch {
      throw refuse('Not a JWT.');
    }
    const jwk = header.jwk as JWK | undefined;
    if (header.typ !== PROOF_TYPE || header.alg !== 'ES256' || jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.d)
      throw refuse(`A ${PROOF_TYPE} signed with ES256 and its public P-256 key in "jwk".`);
    let payload: { aud?: unknown; iat?: unknown };
    try {
      const verified = await compactVerify(jwt, await importJWK(jwk, 'ES256'));
      payload = JSON.parse(new TextDecoder().decode(verified.payload)) as typeof payload;
    } catch {
      throw refuse('Its signature does not verify with its own key.');
    }
    const issuer = this.deps.issuerOf(tenant.settings.id, providerId);
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(issuer)) throw refuse(`Its aud must be ${issuer}.`);
    const age = Math.floor(now / 1000) - (typeof payload.iat === 'number' ? payload.iat : -Infinity);
    if (age > PROOF_MAX_AGE_S || age < -60) throw refuse('Its iat is too old or in the future.');
    return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
  }

  private seal(tenant: TenantContext, kind: 'code' | 'token', grant: Grant): string {
    const id = randomToken(16);
    return `${id}.${tenant.crypto.sealPersonalData(JSON.stringify(grant), `wallet-${kind}:${id}`)}`;
  }

  private open(tenant: TenantContext, kind: 'code' | 'token', value: string): Grant | undefined {
    const dot = value.indexOf('.');
    if (dot < 16 || value.length > 4000) return undefined;
    try {
      return JSON.parse(
        tenant.crypto.openPersonalData(value.slice(dot + 1), `wallet-${kind}:${value.slice(0, dot)}`),
      ) as Grant;
    } catch {
      return undefined;
    }
  }

  private async category(
    tenant: TenantContext,
    providerId: string,
    serviceType: string,
  ): Promise<ServiceDescription | undefined> {
    return (await this.deps.company.categoriesOf(tenant, providerId)).find(
      (candidate) => candidate.serviceType === serviceType,
    );
  }
}
