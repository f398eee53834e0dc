import type {
  AccountRepository,
  OAuthRepository,
  OnceIdRepository,
  SigningKeyRepository,
  UserSessionRepository,
} from './account-store.js';
import type { CallRepository } from './call-store.js';
import type { ConsentRepository } from './consent-store.js';
import type { AgentRepository, AgentSessionRepository, AuditRepository } from './staff-store.js';
import type { SealedDataRepository } from './sealed-data.js';
import type { ArrangementRepository } from './arrangement-store.js';
import type { CredentialStatusRepository } from './credential-store.js';
import type { FetchRepository } from './fetch-store.js';
import type { CorrectionRepository, ForwardRepository, MyDataViewRepository } from './my-data-store.js';
import type {
  ConnectionRepository,
  ConnectRequestRepository,
  ConnectTokenRepository,
  PartyEventRepository,
  ServiceRepository,
} from './connect-store.js';

export interface TenantStore {
  readonly tenantId: string;
  readonly calls: CallRepository;
  readonly agents: AgentRepository;
  readonly sessions: AgentSessionRepository;
  readonly audit: AuditRepository;
  readonly accounts: AccountRepository;
  readonly userSessions: UserSessionRepository;
  readonly oauth: OAuthRepository;
  /** One-time ids (assertion `jti`s) until they expire. */
  readonly onceIds: OnceIdRepository;
  /** The server's public signing keys that signed for this tenant, also after they are retired. */
  readonly signingKeys: SigningKeyRepository;
  readonly connectTokens: ConnectTokenRepository;
  readonly connectRequests: ConnectRequestRepository;
  readonly connections: ConnectionRepository;
  readonly services: ServiceRepository;
  readonly partyEvents: PartyEventRepository;
  readonly consents: ConsentRepository;
  /** Status list indexes of signed-data credentials, per issuing party. */
  readonly credentialStatus: CredentialStatusRepository;
  readonly myDataViews: MyDataViewRepository;
  readonly corrections: CorrectionRepository;
  readonly forwards: ForwardRepository;
  /** Fetches into applications (job 4). */
  readonly fetches: FetchRepository;
  readonly arrangements: ArrangementRepository;
  /** Long-lived sealed values, for re-encryption under the current key (rotate-keys). */
  readonly sealedData: SealedDataRepository;
}

/** Opens one isolated store per tenant: its own SQLite file, or its own Redis key prefix. */
export interface Store {
  forTenant(tenantId: string): TenantStore;
  /** Resolves when every tenant's storage answers; rejects otherwise (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
