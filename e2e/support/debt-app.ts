import type { Page } from 'playwright-core';
import { hashToken } from '../../reference-server/src/crypto/key-ring.js';
import { DEMO_CONSUMER } from '../../reference-server/src/demo/demo-parties.js';
import type { DemoStack } from './demo-stack.js';
import { serverCredentialId } from './passkeys.js';
import type { Person } from './people.js';

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

/** Demo Schuldhulp's first visit: "Inloggen met regie", a new regie account with a passkey on the server's page, back signed in. */
export async function signUpAtDebtApp(stack: DemoStack, { page }: Person): Promise<void> {
  await page.goto(`${stack.examplesOrigin}/debt-app/`);
  await button(page, 'Inloggen met regie').click();
  await heading(page, 'Demo Schuldhulp vraagt u in te loggen met uw regie-account.').waitFor();
  await button(page, 'Nieuw account met passkey').click();
  await status(page, 'U bent ingelogd met uw regie-account.').waitFor();
}

/**
 * Connects a creditor by link from the debt app: the start confirmed with the
 * passkey, the creditor's own login and "Koppelen", the finish confirmed with
 * the passkey, back on the debt app.
 */
export async function connectByLink({ page }: Person, provider: string): Promise<void> {
  await button(page, `Koppelen met ${provider}`).click();
  await heading(page, `Demo Schuldhulp wil uw klantaccount bij ${provider} koppelen aan uw regie-account.`).waitFor();
  await button(page, 'Bevestigen met passkey').click();
  await heading(page, 'Inloggen om te koppelen').waitFor();
  await button(page, 'Inloggen').click();
  await heading(page, 'Klantaccount koppelen').waitFor();
  await button(page, 'Koppelen').click();
  await heading(page, `Rond de koppeling met ${provider} af.`).waitFor();
  await button(page, 'Bevestigen met passkey').click();
  await status(page, 'De koppeling is gemaakt.').waitFor();
  await page.getByRole('button', { name: `Ontkoppelen van ${provider}`, exact: true }).waitFor();
}

/** The regie account behind the person's passkey (the server finds a passkey by its credential id). */
export async function userIdOf(stack: DemoStack, { passkeys }: Person): Promise<string> {
  const [credential] = await passkeys.credentials();
  const passkey = await stack.store
    .forTenant('nijmegen')
    .accounts.passkeyByCredentialHash(hashToken(serverCredentialId(credential!)));
  if (!passkey) throw new Error('the server knows no passkey of this authenticator');
  return passkey.userId;
}

/** The connections of a regie account that are still active. */
export async function activeConnections(stack: DemoStack, userId: string) {
  return (await stack.store.forTenant('nijmegen').connections.listForUser(userId)).filter(
    (connection) => connection.status === 'active',
  );
}

/** The pseudonym Demo Schuldhulp knows the person by: all its backend has to ask consent with. */
export async function debtAppSubOf(stack: DemoStack, person: Person): Promise<string> {
  const sub = await stack.store.forTenant('nijmegen').oauth.subjectOf(DEMO_CONSUMER.id, await userIdOf(stack, person));
  if (!sub) throw new Error('the debt app has no pseudonym for this person');
  return sub;
}
