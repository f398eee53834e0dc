/**
 * What the store keeps of regie accounts and consumer sign-ins. A regie account
 * is a random id plus passkeys: nothing personal. Every method returns a
 * Promise, so a networked engine fits the same interface.
 */

export interface UserRecord {
  userId: string;
  createdAt: number;
}

export interface PasskeyRecord {
  passkeyId: string;
  userId: string;
  /** Keyed hash of the WebAuthn credential id: how an assertion finds its passkey. */
  credentialIdHash: string;
  /** `{credentialId, publicKey, transports}` sealed: the credential id links a person across sites. */
  credentialSealed: string;
  counter: number;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface AccountRepository {
  createUser(user: UserRecord): Promise<void>;
  getUser(userId: string): Promise<UserRecord | undefined>;
  addPasskey(passkey: PasskeyRecord): Promise<void>;
  passkeyByCredentialHash(credentialIdHash: string): Promise<PasskeyRecord | undefined>;
  passkeysOf(userId: string): Promise<PasskeyRecord[]>;
  /**
   * Records a verified assertion. Refuses (false) a signature counter that did
   * not grow, unless the authenticator keeps none (0): a sign of a cloned key.
   */
  recordPasskeyUse(passkeyId: string, counter: number, now: number): Promise<boolean>;
}

/** A browser session on the server's own origin (cookie), before and after a passkey. */
export interface UserSessionRecord {
  sessionHash: string;
  userId: string | null;
  /** The passkey of the last ceremony, and when it ended: approvals need a fresh one. */
  passkeyId: string | null;
  verifiedAt: number | null;
  /** The WebAuthn challenge in flight, and what it is for. */
  challenge: string | null;
  challengeKind: 'registration' | 'authentication' | null;
  /** A new account's id while its first passkey is being made. */
  pendingUserId: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface UserSessionRepository {
  create(session: UserSessionRecord): Promise<void>;
  get(sessionHash: string): Promise<UserSessionRecord | undefined>;
  update(sessionHash: string, patch: Partial<Omit<UserSessionRecord, 'sessionHash' | 'createdAt'>>): Promise<void>;
  /**
   * Takes the challenge in flight, once: a second verification with the same
   * challenge finds none. Atomic in every engine.
   */
  takeChallenge(
    sessionHash: string,
    kind: 'registration' | 'authentication',
  ): Promise<{ challenge: string; pendingUserId: string | null } | undefined>;
  delete(sessionHash: string): Promise<void>;
  deleteExpired(now: number): Promise<number>;
}

/** A decision waiting for the user on the server's origin (consumer sign-in). */
export interface SignInFlowRecord {
  flowId: string;
  consumerId: string;
  /** The session that opened the authorize URL: only it can finish the flow. */
  sessionHash: string;
  /** The pushed request, sealed (redirect URI, state, PKCE challenge, scope). */
  requestSealed: string;
  expiresAt: number;
}

export interface AuthorizationCodeRecord {
  codeHash: string;
  consumerId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  /** OpenID Connect: the client's nonce, returned in the ID token. */
  nonce: string | null;
  /** When the user confirmed with the passkey (ms), for the ID token's `auth_time`. */
  authTime: number;
  expiresAt: number;
}

export interface AccessTokenRecord {
  tokenHash: string;
  consumerId: string;
  userId: string;
  scope: string;
  /** The code it was issued for: a replay of that code revokes it (RFC 6749 4.1.2). */
  codeHash: string | null;
  expiresAt: number;
}

export interface PushedRequestRecord {
  requestHash: string;
  consumerId: string;
  requestSealed: string;
  expiresAt: number;
}

export interface OAuthRepository {
  savePushedRequest(request: PushedRequestRecord): Promise<void>;
  /** One use: the first caller gets it, later ones get undefined. */
  takePushedRequest(requestHash: string, now: number): Promise<PushedRequestRecord | undefined>;
  saveSignInFlow(flow: SignInFlowRecord): Promise<void>;
  getSignInFlow(flowId: string, now: number): Promise<SignInFlowRecord | undefined>;
  /** One use, atomic. */
  takeSignInFlow(flowId: string, now: number): Promise<SignInFlowRecord | undefined>;
  saveCode(code: AuthorizationCodeRecord): Promise<void>;
  /** One use, atomic: a replayed code finds nothing. */
  takeCode(codeHash: string, now: number): Promise<AuthorizationCodeRecord | undefined>;
  saveAccessToken(token: AccessTokenRecord): Promise<void>;
  /** Deletes the access tokens issued for this code; resolves to how many went. */
  revokeTokensOfCode(codeHash: string): Promise<number>;
  getAccessToken(tokenHash: string, now: number): Promise<AccessTokenRecord | undefined>;
  /** Remembers that `sub` is this consumer's pseudonym of `userId` (a consumer may address users only by it). */
  rememberSubject(consumerId: string, sub: string, userId: string, now: number): Promise<void>;
  userOfSubject(consumerId: string, sub: string): Promise<string | undefined>;
  /** The pseudonym this consumer already has for the user, if any. */
  subjectOf(consumerId: string, userId: string): Promise<string | undefined>;
  /** Consumers the user has signed in to: they hear about the user's connections. */
  subjectsOfUser(userId: string): Promise<{ consumerId: string; sub: string }[]>;
  deleteExpired(now: number): Promise<number>;
}

/**
 * Values accepted once (the `jti` of a party's assertion), kept until they
 * expire, so a replay is refused after a restart and on every instance.
 */
export interface OnceIdRepository {
  /** True the first time `key` is seen while live; false for a replay before `expiresAt`. */
  firstUse(key: string, expiresAt: number, now: number): Promise<boolean>;
  deleteExpired(now: number): Promise<number>;
}

/** A public key the server signed with (receipts, ID tokens), and when: kept after its master key is retired. */
export interface SigningKeyRecord {
  kid: string;
  /** The public JWK. */
  jwk: string;
  firstUsedAt: number;
  lastUsedAt: number;
}

export interface SigningKeyRepository {
  /** Records that `kid` signed at `now` (first time: inserts; later: moves lastUsedAt on). */
  recordUse(kid: string, jwk: string, now: number): Promise<void>;
  list(): Promise<SigningKeyRecord[]>;
}
