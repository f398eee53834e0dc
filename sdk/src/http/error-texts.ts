import type { ErrorCode } from '../protocol/errors.js';

/**
 * What each stable error code means to a person, in the two languages the
 * elements and the server's pages speak. The API's own `message` is for
 * developers (English, sometimes technical); a page shows these instead.
 */
export const ERROR_TEXTS: Record<ErrorCode, { nl: string; en: string }> = {
  bad_request: { nl: 'Dit verzoek kunnen we niet lezen.', en: 'We cannot read this request.' },
  validation_failed: {
    nl: 'Er klopt iets niet in wat er is ingevuld of verstuurd.',
    en: 'Something in what was filled in or sent is not right.',
  },
  unauthorized: { nl: 'Log eerst in.', en: 'Please sign in first.' },
  invalid_credentials: { nl: 'Gebruikersnaam of wachtwoord klopt niet.', en: 'Wrong username or password.' },
  forbidden: { nl: 'Dit mag u hier niet doen.', en: 'You may not do this here.' },
  not_found: {
    nl: 'Dit bestaat niet (meer), of is niet van u.',
    en: 'This does not exist (any more), or is not yours.',
  },
  conflict: { nl: 'Iemand anders was u net voor.', en: 'Someone else got there first.' },
  method_not_allowed: { nl: 'Dit verzoek kan hier niet.', en: 'This request is not possible here.' },
  payload_too_large: { nl: 'Wat u verstuurt is te groot.', en: 'What you send is too large.' },
  headers_too_large: { nl: 'Het verzoek is te groot.', en: 'The request is too large.' },
  unsupported_media_type: { nl: 'Dit soort gegevens kunnen we niet lezen.', en: 'We cannot read this kind of data.' },
  rate_limited: { nl: 'Te veel pogingen. Probeer het later opnieuw.', en: 'Too many attempts. Try again later.' },
  token_expired: {
    nl: 'Deze koppelcode is verlopen. Vraag een nieuwe aan.',
    en: 'This connect code has expired. Ask for a new one.',
  },
  token_used: {
    nl: 'Deze koppelcode is al gebruikt. Vraag een nieuwe aan.',
    en: 'This connect code has already been used. Ask for a new one.',
  },
  wrong_confirmation_code: { nl: 'De bevestigingscode klopt niet.', en: 'The confirmation code is not right.' },
  passkey_required: { nl: 'Bevestig eerst met uw passkey.', en: 'Confirm with your passkey first.' },
  passkey_failed: { nl: 'Uw passkey kon niet worden gecontroleerd.', en: 'Your passkey could not be checked.' },
  wrong_account: {
    nl: 'Dit hoort bij een ander regie-account dan waarmee u bent ingelogd.',
    en: 'This belongs to another regie account than the one you are signed in with.',
  },
  wrong_session: {
    nl: 'Maak dit af in de browser waarin u bent begonnen.',
    en: 'Finish this in the browser where you started.',
  },
  upstream_unavailable: {
    nl: 'Een andere organisatie is even niet bereikbaar. Probeer het later opnieuw.',
    en: 'Another organisation cannot be reached right now. Try again later.',
  },
  upstream_timeout: {
    nl: 'Een andere organisatie antwoordde niet op tijd. Probeer het later opnieuw.',
    en: 'Another organisation did not answer in time. Try again later.',
  },
  consent_not_active: {
    nl: 'Deze toestemming geldt niet meer.',
    en: 'This consent is no longer in force.',
  },
  policy_rejected: {
    nl: 'De voorwaarden van de schuldeiser kloppen niet of zijn niet meer actueel.',
    en: "The creditor's conditions do not verify or are no longer current.",
  },
  outside_policy: {
    nl: 'Dit voorstel valt buiten de voorwaarden van de schuldeiser.',
    en: "This proposal is outside the creditor's conditions.",
  },
  internal: {
    nl: 'Er ging bij ons iets mis. Probeer het later opnieuw.',
    en: 'Something went wrong on our side. Try again later.',
  },
};

/** The text for a person of an error code (an unknown code reads as the generic failure). */
export function errorText(code: string, language: 'nl' | 'en'): string {
  return (ERROR_TEXTS[code as ErrorCode] ?? ERROR_TEXTS.internal)[language];
}
