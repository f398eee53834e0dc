import type { Locator, Page } from 'playwright-core';
import type { DemoStack } from './demo-stack.js';

/** The user's consents on the server, `<regie-consent-overview>`. */
export const consentOverviewUrl = (stack: DemoStack) => `${stack.serverOrigin}/u/nijmegen/consents`;

/** The consents under "Lopende toestemmingen". */
export const currentConsents = (page: Page) =>
  page.getByRole('region', { name: 'Lopende toestemmingen' }).getByRole('listitem');

/** The one ended consent, after unfolding "Beëindigde toestemmingen". */
export async function theEndedConsent(page: Page): Promise<Locator> {
  const region = page.getByRole('region', { name: 'Beëindigde toestemmingen' });
  await region.getByText('Toon 1 beëindigde toestemming', { exact: true }).click();
  const consent = region.getByRole('listitem');
  await consent.getByRole('heading', { name: 'Demo Schuldhulp', exact: true }).waitFor();
  return consent;
}

/** The results in a consent's use log ("Gebruik"), newest first. */
export const useResults = (consent: Locator) =>
  consent.getByRole('table', { name: 'Gebruik' }).locator('tbody td:nth-child(3)').allInnerTexts();
