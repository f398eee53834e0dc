import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { es256Signer, sha256, type PrivateKeyInput } from './web-crypto.js';

export interface PresentationOptions {
  /** The top-level fields to disclose; every other disclosure is left out. */
  fields: string[];
  /** The private half of the credential's `cnf.jwk`. */
  holderKey: PrivateKeyInput;
  /** The verifier it is for: the key-binding JWT's `aud`. */
  audience: string;
  /** The verifier's nonce: the key-binding JWT's `nonce`. */
  nonce: string;
  now?: Date;
}

/**
 * A presentation of a key-bound credential: only the chosen fields'
 * disclosures, and a key-binding JWT (`typ` `kb+jwt`: `iat`, `aud`, `nonce`,
 * `sd_hash` over what is presented) signed with the holder key, so it is good
 * for one verifier and one nonce only.
 */
export async function presentSignedData(credential: string, options: PresentationOptions): Promise<string> {
  const holder = new SDJwtVcInstance({
    hasher: sha256,
    hashAlg: 'sha-256',
    kbSigner: es256Signer(options.holderKey),
    kbSignAlg: 'ES256',
  });
  const frame = Object.fromEntries(options.fields.map((field) => [field, true]));
  return holder.present(credential, frame, {
    kb: {
      payload: {
        iat: Math.floor((options.now ?? new Date()).getTime() / 1000),
        aud: options.audience,
        nonce: options.nonce,
      },
    },
  });
}
