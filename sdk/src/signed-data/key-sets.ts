import { createLocalJWKSet, type JSONWebKeySet } from 'jose';

type KeySet = ReturnType<typeof createLocalJWKSet>;

/**
 * The key set of each JWKS object, made once: jose imports a key the first
 * time it is used and keeps it in the key set, so a verifier handed the same
 * JWKS object on every call pays for the import once, not per signature.
 */
const keySets = new WeakMap<object, KeySet>();

export function localKeySet(jwks: JSONWebKeySet): KeySet {
  let keySet = keySets.get(jwks);
  if (!keySet) {
    keySet = createLocalJWKSet(jwks);
    keySets.set(jwks, keySet);
  }
  return keySet;
}
