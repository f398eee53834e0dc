/** Makes the start of a decision on the server's origin for a flow of this wing: its page and how long it waits. */
export type MyDataFlowStart = (
  flowId: string,
  expiresAt: number,
) => { flowId: string; startUrl: string; expiresAt: string };

export function flowStarter(publicUrl: string, tenantId: string, lang: 'nl' | 'en'): MyDataFlowStart {
  return (flowId, expiresAt) => ({
    flowId,
    startUrl: `${publicUrl}/u/${tenantId}/flows/${flowId}${lang === 'en' ? '?lang=en' : ''}`,
    expiresAt: new Date(expiresAt).toISOString(),
  });
}

/**
 * Where the decision page goes after the customer decided, when it was not
 * opened beside the company's page (a popup closes itself instead): their
 * consents, where a forward now shows, or their account.
 */
export const flowDone = (publicUrl: string, tenantId: string, page: 'consents' | 'account' = 'account') =>
  `${publicUrl}/u/${tenantId}/${page}`;
