import type { LocalizedText, ServiceDescriptionInput } from '@regiekit/sdk/protocol';
import { createHash } from 'node:crypto';
import type { PartyDirectory } from '../parties/party-directory.js';
import type { ConnectionRecord } from '../storage/connect-store.js';
import type { ConsentRecord } from '../storage/consent-store.js';
import type { TenantContext } from '../tenants/tenant-context.js';

export interface OfferedService {
  providerId: string;
  description: ServiceDescriptionInput;
}

export interface ConsentSource {
  /** The source's id in this one request: the connection's own id never leaves the server. */
  sourceId: string;
  connection: ConnectionRecord;
  offer: OfferedService;
}

export const sourceIdOf = (consentId: string, connectionId: string) =>
  createHash('sha256').update(`${consentId}/${connectionId}`).digest('base64url');

/** The latest description of `serviceType` by every provider that offers it. */
export async function offersOf(tenant: TenantContext, serviceType: string): Promise<OfferedService[]> {
  const latest = await tenant.store.services.latest();
  return latest
    .filter((record) => record.serviceType === serviceType)
    .map((record) => ({
      providerId: record.providerId,
      description: record.description,
    }));
}

/** Field labels as the providers registered them (the first that labels a field wins). */
export function fieldLabels(offers: OfferedService[], fields: string[]): { name: string; label: LocalizedText }[] {
  return fields.map((name) => ({
    name,
    label: offers.find((offer) => offer.description.fieldLabels[name])?.description.fieldLabels[name] ?? {
      nl: name,
      en: name,
    },
  }));
}

/**
 * Where the data of a consent can come from: the user's active connections
 * with providers the consumer asked for (or any, for "user-choice") that offer
 * the service with every asked field and the asked mode.
 */
export async function sourcesOf(
  tenant: TenantContext,
  consent: ConsentRecord,
  directory: PartyDirectory,
): Promise<ConsentSource[]> {
  const offers = await offersOf(tenant, consent.serviceType);
  const choice = consent.providerChoice;
  const fields = consent.fields;
  const connections = await tenant.store.connections.listForUser(consent.userId);
  return connections.flatMap((connection) => {
    const offer = offers.find((o) => o.providerId === connection.providerId);
    const fits =
      connection.status === 'active' &&
      offer !== undefined &&
      directory.provider(connection.providerId) !== undefined &&
      (choice === 'user-choice' || choice.includes(connection.providerId)) &&
      offer.description.modes.includes(consent.mode) &&
      fields.every((field) => field in offer.description.fieldLabels);
    return fits ? [{ sourceId: sourceIdOf(consent.consentId, connection.connectionId), connection, offer }] : [];
  });
}
