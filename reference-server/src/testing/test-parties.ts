import { generateKeyPairSync } from 'node:crypto';
import { hashPartySecret } from '../parties/party-authenticator.js';

export const PARTY_SECRETS = {
  energie: 'test-secret-energie-0123456789abcdefghijklmnop',
  schuldhulp: 'test-secret-schuldhulp-0123456789abcdefghijkl',
  budgetcoach: 'test-secret-budgetcoach-0123456789abcdefghijk',
  arnhemEnergie: 'test-secret-arnhem-energie-0123456789abcdefgh',
  woning: 'test-secret-woning-0123456789abcdefghijklmnopq',
  toeslagen: 'test-secret-toeslagen-0123456789abcdefghijklm',
  bijstand: 'test-secret-bijstand-0123456789abcdefghijklmn',
};

/** My data: the service types of the test company's categories of personal data. */
export const MY_DATA_TYPES = {
  customer: 'https://energie.example/data/customer/v1',
  contract: 'https://energie.example/data/contract/v1',
  readings: 'https://energie.example/data/meter-readings/v1',
};

/** Fetch into an application: the test source's service of rent-allowance payments. */
export const ALLOWANCE_TYPE = 'https://toeslagen.example/data/huurtoeslag-betalingen/v1';

/** Each provider signs its payloads with its own key; the public half is its registered payloadJwks. */
export const PAYLOAD_KEYS = Object.fromEntries(
  ['energie', 'zorg', 'toeslagen'].map((id) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return [
      id,
      {
        privateKey,
        publicJwk: {
          ...(publicKey.export({ format: 'jwk' }) as Record<string, unknown>),
          kid: `${id}-payload`,
          alg: 'ES256',
          use: 'sig',
        },
      },
    ];
  }),
) as unknown as Record<
  'energie' | 'zorg' | 'toeslagen',
  { privateKey: import('node:crypto').KeyObject; publicJwk: Record<string, unknown> }
>;

export const WEBHOOK = {
  url: 'https://schuldhulp.example/webhooks/regiekit',
  secret: `whsec_${Buffer.alloc(24, 9).toString('base64')}`,
};

/** The health insurer authenticates with private_key_jwt: this is its key pair. */
export const ZORG_KEYS = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey,
    publicJwk: {
      ...(publicKey.export({ format: 'jwk' }) as Record<string, unknown>),
      kid: 'zorg-1',
      alg: 'ES256',
      use: 'sig',
    },
  };
})();

const label = (nl: string, en = nl) => ({ nl, en });
const secret = (value: string) => ({ type: 'client_secret' as const, secretHash: hashPartySecret(value) });

export const CONSUMER_URLS = {
  redirect: 'https://schuldhulp.example/callback',
  return: 'https://schuldhulp.example/connected',
};

/** Two providers and two consumers for tenant nijmegen; one provider for arnhem. */
export const testConnectConfig = {
  nijmegen: {
    providers: [
      {
        id: 'energie',
        displayName: label('Demo Energie', 'Demo Energy'),
        credential: secret(PARTY_SECRETS.energie),
        connectPageUrl: 'https://energie.example/connect',
        allowedOrigins: ['https://energie.example'],
        payloadJwks: { keys: [PAYLOAD_KEYS.energie.publicJwk] },
      },
      {
        id: 'zorg',
        displayName: label('Demo Zorg', 'Demo Health'),
        credential: { type: 'private_key_jwt' as const, jwks: { keys: [ZORG_KEYS.publicJwk] } },
        connectPageUrl: 'https://zorg.example/connect',
        payloadJwks: { keys: [PAYLOAD_KEYS.zorg.publicJwk] },
      },
      {
        id: 'toeslagen',
        displayName: label('Demo Toeslagen', 'Demo Allowances'),
        credential: secret(PARTY_SECRETS.toeslagen),
        connectPageUrl: 'https://toeslagen.example/connect',
        identifyPageUrl: 'https://toeslagen.example/ophalen',
        payloadJwks: { keys: [PAYLOAD_KEYS.toeslagen.publicJwk] },
      },
    ],
    consumers: [
      {
        id: 'schuldhulp',
        displayName: label('Demo Schuldhulp', 'Demo Debt Help'),
        credential: secret(PARTY_SECRETS.schuldhulp),
        redirectUris: [CONSUMER_URLS.redirect],
        returnUrls: [CONSUMER_URLS.return],
        allowedOrigins: ['https://schuldhulp.example'],
        webhookUrl: WEBHOOK.url,
        webhookSecret: WEBHOOK.secret,
      },
      {
        id: 'budgetcoach',
        displayName: label('Budgetcoach'),
        credential: secret(PARTY_SECRETS.budgetcoach),
        redirectUris: ['https://budgetcoach.example/cb'],
      },
      {
        id: 'bijstand',
        displayName: label('Gemeente Nijmegen, bijzondere bijstand', 'Municipality of Nijmegen, special assistance'),
        credential: secret(PARTY_SECRETS.bijstand),
        redirectUris: ['https://bijstand.example/cb'],
        allowedOrigins: ['https://bijstand.example'],
      },
      {
        id: 'woning',
        displayName: label('Demo Woningcorporatie', 'Demo Housing Association'),
        credential: secret(PARTY_SECRETS.woning),
        redirectUris: ['https://woning.example/cb'],
        accepts: [
          {
            serviceType: MY_DATA_TYPES.contract,
            purpose: {
              code: 'rental.application',
              text: label(
                'Bewijs van een energiecontract bij uw huuraanvraag',
                'Proof of an energy contract for your rental application',
              ),
            },
          },
        ],
      },
    ],
  },
  arnhem: {
    providers: [
      {
        id: 'arnhem-energie',
        displayName: label('Arnhem Energie'),
        credential: secret(PARTY_SECRETS.arnhemEnergie),
        connectPageUrl: 'https://arnhem-energie.example/connect',
      },
    ],
    consumers: [
      {
        id: 'schuldhulp',
        displayName: label('Schuldhulp Arnhem'),
        credential: secret(PARTY_SECRETS.schuldhulp),
        redirectUris: ['https://arnhem.example/cb'],
      },
    ],
  },
};
