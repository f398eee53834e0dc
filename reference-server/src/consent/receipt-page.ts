import { html } from 'hono/html';
import type { UserConsent } from '@regiekit/sdk/protocol';
import { page, PAGE_STYLESHEET_PATH } from '../http/html.js';

type Lang = 'nl' | 'en';

const TEXT = {
  nl: {
    title: 'Ontvangstbewijs van uw toestemming',
    intro:
      'Dit is het bewijs van een toestemming die u met uw passkey gaf. Bewaar het of druk het af: het blijft jarenlang te controleren.',
    given: 'Gegeven aan',
    sources: 'Van wie de gegevens komen',
    data: 'Welke gegevens',
    purpose: 'Waarvoor',
    term: 'Hoe lang',
    oneOff: 'Eenmalig',
    until: (date: string) => `Doorlopend, tot ${date} of tot u intrekt`,
    at: 'Gegeven op',
    number: 'Nummer van dit bewijs',
    digest: 'Vingerafdruk van wat is verstuurd (SHA-256)',
    subject: 'U heet voor hen',
    subjectNote: '(een pseudoniem: uw naam staat nergens in dit bewijs)',
    checkTitle: 'Zo controleert iedereen dit bewijs',
    check: (issuer: string, keys: string) =>
      `Het ondertekende bewijs staat hieronder. Het is ondertekend door ${issuer}; de sleutels staan op ${keys}. Elke JOSE-bibliotheek controleert de handtekening, bijvoorbeeld jose: jwtVerify(bewijs, createRemoteJWKSet(new URL('${keys}'))). Een oude sleutel blijft daar staan, met de periode waarin hij tekende.`,
    token: 'Het ondertekende bewijs',
    download: 'Ondertekend bewijs als bestand (.jws)',
    back: 'Terug naar uw toestemmingen',
    signIn: 'Log in op uw regie-account om dit ontvangstbewijs te zien.',
    toAccount: 'Naar uw regie-account',
    none: 'Dit ontvangstbewijs bestaat niet, of is niet van u.',
  },
  en: {
    title: 'Receipt of your consent',
    intro:
      'This is the evidence of a consent you gave with your passkey. Keep it or print it: it stays checkable for years.',
    given: 'Given to',
    sources: 'Where the data comes from',
    data: 'Which data',
    purpose: 'What for',
    term: 'How long',
    oneOff: 'Once',
    until: (date: string) => `Ongoing, until ${date} or until you revoke`,
    at: 'Given on',
    number: 'Number of this receipt',
    digest: 'Fingerprint of what was sent (SHA-256)',
    subject: 'They know you as',
    subjectNote: '(a pseudonym: your name is nowhere in this receipt)',
    checkTitle: 'How anyone can check this receipt',
    check: (issuer: string, keys: string) =>
      `The signed receipt is below. It is signed by ${issuer}; the keys are at ${keys}. Any JOSE library checks the signature, for example jose: jwtVerify(receipt, createRemoteJWKSet(new URL('${keys}'))). An old key stays there, with the period it signed in.`,
    token: 'The signed receipt',
    download: 'Signed receipt as a file (.jws)',
    back: 'Back to your consents',
    signIn: 'Sign in to your regie account to see this receipt.',
    toAccount: 'To your regie account',
    none: 'This receipt does not exist, or is not yours.',
  },
};

/** The claims of a receipt (consent-receipts.ts signs them): what this page reads back. */
interface ReceiptClaims {
  iss: string;
  receipt_id: string;
  data_subject: { pseudonym: string };
  given_at: string;
  /** Forwards and fetches: the digest of exactly the signed data that went. */
  data?: { content_sha256?: string };
}

export const receiptLanguage = (requested: string | undefined): Lang => (requested === 'en' ? 'en' : 'nl');

/** A receipt in words, printable, with the signed token and how to check it; the raw token a link away. */
export function receiptPage(options: {
  lang: Lang;
  tenantId: string;
  consent: UserConsent;
  receipt: string;
  jwksUrl: string;
  downloadUrl: string;
}) {
  const { lang, consent, receipt } = options;
  const t = TEXT[lang];
  const claims = JSON.parse(Buffer.from(receipt.split('.')[1]!, 'base64url').toString('utf8')) as ReceiptClaims;
  const date = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short' });
  const names = (parties: { displayName: { nl: string; en: string } }[]) =>
    parties.map((party) => party.displayName[lang]).join(', ');
  return page(
    t.title,
    html`<h1>${t.title}</h1>
      <p>${t.intro}</p>
      <dl class="receipt">
        <dt>${t.given}</dt>
        <dd>${consent.consumer.displayName[lang]}</dd>
        <dt>${t.sources}</dt>
        <dd>${names(consent.providers)}</dd>
        <dt>${t.data}</dt>
        <dd>${consent.serviceTitle[lang]}: ${consent.fields.map((field) => field.label[lang]).join(', ')}</dd>
        <dt>${t.purpose}</dt>
        <dd>${consent.purpose.text[lang]}</dd>
        <dt>${t.term}</dt>
        <dd>${consent.mode === 'one-off' ? t.oneOff : t.until(date(consent.validUntil))}</dd>
        <dt>${t.at}</dt>
        <dd>${date(claims.given_at)}</dd>
        <dt>${t.subject}</dt>
        <dd><code>${claims.data_subject.pseudonym}</code> ${t.subjectNote}</dd>
        <dt>${t.number}</dt>
        <dd><code>${claims.receipt_id}</code></dd>
        ${
          claims.data?.content_sha256
            ? html`<dt>${t.digest}</dt>
                <dd><code class="long-words">${claims.data.content_sha256}</code></dd>`
            : ''
        }
      </dl>
      <h2>${t.checkTitle}</h2>
      <p class="long-words">${t.check(claims.iss, options.jwksUrl)}</p>
      <h3 id="token">${t.token}</h3>
      <pre class="token" aria-labelledby="token" tabindex="0">${receipt}</pre>
      <p class="no-print">
        <a href="${options.downloadUrl}" download="consent-${consent.consentId}.jws">${t.download}</a> ·
        <a href="/u/${options.tenantId}/consents${lang === 'en' ? '?lang=en' : ''}">${t.back}</a>
      </p>`,
    { lang, stylesheet: PAGE_STYLESHEET_PATH },
  );
}

/** What the receipt's address shows to someone not signed in, or to someone else. */
export function noReceiptPage(lang: Lang, tenantId: string, signedIn: boolean) {
  const t = TEXT[lang];
  return page(
    t.title,
    html`<h1>${t.title}</h1>
      <p role="alert">${signedIn ? t.none : t.signIn}</p>
      <p><a href="/u/${tenantId}/account${lang === 'en' ? '?lang=en' : ''}">${t.toAccount}</a></p>`,
    { lang, stylesheet: PAGE_STYLESHEET_PATH },
  );
}
