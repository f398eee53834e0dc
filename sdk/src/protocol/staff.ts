import { z } from 'zod';
import { IsoDateTime, OpaqueId, TenantId } from './common.js';

export const AgentRole = z.enum(['agent', 'admin']).meta({ id: 'AgentRole' });
export type AgentRole = z.infer<typeof AgentRole>;

export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, dots, dashes and underscores; 2-64 characters')
  .meta({ example: 'j.devries' });

/** Length only: the server also refuses common passwords, which a schema cannot know. */
export const NewPassword = z.string().min(12, 'at least 12 characters').max(128, 'at most 128 characters');

export const LoginRequest = z
  .strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(128) })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const AgentProfile = z
  .object({
    agentId: OpaqueId,
    tenant: TenantId,
    username: Username,
    displayName: z.string(),
    role: AgentRole,
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'AgentProfile' });
export type AgentProfile = z.infer<typeof AgentProfile>;

/** Who is signed in, and the token every state-changing request must echo in `X-CSRF-Token`. */
export const SessionInfo = z.object({ agent: AgentProfile, csrfToken: z.string() }).meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(128), newPassword: NewPassword })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const TenantSummary = z.object({ id: TenantId, displayName: z.string() }).meta({ id: 'TenantSummary' });
export const TenantList = z.object({ tenants: z.array(TenantSummary) }).meta({ id: 'TenantList' });
export type TenantList = z.infer<typeof TenantList>;

/** A caller as an agent sees them. The BSN arrives masked; revealing it is a separate, audited request. */
export const ConsoleCall = z
  .object({
    callId: OpaqueId,
    purpose: z.string(),
    purposeLabel: z.object({ nl: z.string(), en: z.string() }),
    firstNames: z.string().optional(),
    surname: z.string().optional(),
    bsnMasked: z.string().optional(),
    disclosedAt: IsoDateTime,
    calledAt: IsoDateTime,
    takenBy: z.object({ agentId: OpaqueId, displayName: z.string() }).optional(),
    /** The number the phone call came from, as the switchboard reported it: a signal, never proof (it can be forged). */
    callerId: z.string().optional(),
    hasExternalLink: z.boolean(),
  })
  .meta({ id: 'ConsoleCall' });
export type ConsoleCall = z.infer<typeof ConsoleCall>;

/**
 * The console's live feed (Server-Sent Events). Every (re)connection starts
 * with a snapshot (or, when the console sends Last-Event-ID, the deltas it
 * missed); deltas carry a sequence number, and a client ignores those at or
 * below its snapshot's, so nothing is lost or shown twice.
 *
 * `resolution-paused`: too many wrong codes reached the tenant, so the server
 * stops resolving codes until `until` (ISO time); callers still reach the
 * queue, unidentified. Consoles show a banner until then. A snapshot taken
 * during a pause carries `resolutionPausedUntil`.
 */
export type ConsoleEvent =
  | { type: 'snapshot'; seq: number; calls: ConsoleCall[]; resolutionPausedUntil?: string }
  | { type: 'call-added'; seq: number; call: ConsoleCall }
  | { type: 'call-taken'; seq: number; callId: string; takenBy: { agentId: string; displayName: string } }
  | { type: 'call-ended'; seq: number; callId: string }
  | { type: 'resolution-paused'; seq: number; until: string };

export const RevealedBsn = z.object({ bsn: z.string() }).meta({ id: 'RevealedBsn' });

/** A Twilio Voice access token for the signed-in agent's softphone (tenants on Twilio only). */
export const VoiceToken = z
  .object({ token: z.string(), identity: z.string(), expiresAt: IsoDateTime })
  .meta({ id: 'VoiceToken' });
export type VoiceToken = z.infer<typeof VoiceToken>;

export const AgentSummary = z
  .object({
    agentId: OpaqueId,
    username: Username,
    displayName: z.string(),
    role: AgentRole,
    createdAt: IsoDateTime,
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'AgentSummary' });
export type AgentSummary = z.infer<typeof AgentSummary>;

export const AgentList = z.object({ agents: z.array(AgentSummary) }).meta({ id: 'AgentList' });
export type AgentList = z.infer<typeof AgentList>;

export const CreateAgentRequest = z
  .strictObject({ username: Username, displayName: z.string().min(1).max(100), role: AgentRole, password: NewPassword })
  .meta({ id: 'CreateAgentRequest' });
export type CreateAgentRequest = z.infer<typeof CreateAgentRequest>;

/** Shown once to the admin; the agent must replace it at first login, and it stops working after a day. */
export const TemporaryPassword = z
  .object({ temporaryPassword: z.string(), expiresAt: IsoDateTime })
  .meta({ id: 'TemporaryPassword' });
export type TemporaryPassword = z.infer<typeof TemporaryPassword>;

export const AuditEventType = z.enum([
  'login.succeeded',
  'login.failed',
  'logout',
  'password.changed',
  'call.shown',
  'bsn.revealed',
  'external-link.opened',
  'call.taken',
  'call.ended',
  'call.data-deleted',
  'agent.created',
  'agent.deleted',
  'agent.password-reset',
]);
export type AuditEventType = z.infer<typeof AuditEventType>;

/**
 * One audit entry. Never holds caller data: a call is named by its opaque id.
 * Staff accounts are named by username, with the display name while the
 * account exists, so a reader sees who did what to whom.
 */
export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: IsoDateTime,
    type: AuditEventType,
    actor: z
      .string()
      .optional()
      .describe('Username of the staff member who acted, or `system`, `switchboard` or `cli`.'),
    actorName: z.string().optional().describe("The acting account's display name, while the account exists."),
    subject: z
      .string()
      .optional()
      .describe('What the event concerns: the call id for call events, the username for account events.'),
    subjectName: z
      .string()
      .optional()
      .describe("For account events: the account's display name, while the account exists."),
    detail: z.string().optional(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ entries: z.array(AuditEntry) }).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

export const CallEndedRequest = z
  .strictObject({
    callId: z.string().min(1).max(128).describe("The switchboard's own id of the phone call that ended."),
  })
  .meta({ id: 'CallEndedRequest' });
