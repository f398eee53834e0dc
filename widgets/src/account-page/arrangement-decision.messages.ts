/** What the decision page says about a payment arrangement, in Dutch and English. */
export interface ArrangementDecisionMessages {
  requestQuestion(creditor: string): string;
  counterQuestion(creditor: string): string;
  requestIntro(creditor: string): string;
  counterIntro(creditor: string): string;
  monthly: string;
  term: string;
  months(count: number): string;
  total: string;
  firstInstalment: string;
  stops: string;
  interestStops: string;
  costsStop: string;
  nothingStops: string;
  acceptedInAdvance: string;
  needsReview: string;
  creditorSays: string;
  policyVersion(version: number): string;
  confirm: string;
  acceptCounter: string;
  done: string;
}

export const arrangementDecisionMessages: Record<'nl' | 'en', ArrangementDecisionMessages> = {
  nl: {
    requestQuestion: (creditor) => `Betalingsregeling aanvragen bij ${creditor}?`,
    counterQuestion: (creditor) => `Het tegenvoorstel van ${creditor} aannemen?`,
    requestIntro: (creditor) =>
      `U vraagt ${creditor} om deze regeling. Met uw passkey bevestigt u dat u dit zelf aanvraagt; u krijgt een ondertekend bewijs.`,
    counterIntro: (creditor) =>
      `${creditor} stelt deze regeling voor. Neemt u het aan met uw passkey, dan gaat de regeling meteen in.`,
    monthly: 'Per maand',
    term: 'Looptijd',
    months: (count) => `${count} ${count === 1 ? 'maand' : 'maanden'}`,
    total: 'Totaal',
    firstInstalment: 'Eerste termijn',
    stops: 'Zolang u de regeling nakomt',
    interestStops: 'stopt de rente',
    costsStop: 'stoppen de incassokosten',
    nothingStops: 'lopen rente en kosten door',
    acceptedInAdvance: 'Dit valt binnen de voorwaarden van de schuldeiser: de regeling wordt meteen geaccepteerd.',
    needsReview: 'Dit valt buiten de vooraf afgesproken voorwaarden: een medewerker van de schuldeiser beoordeelt het.',
    creditorSays: 'Toelichting van de schuldeiser',
    policyVersion: (version) => `Voorwaarden versie ${version}`,
    confirm: 'Aanvragen met passkey',
    acceptCounter: 'Aannemen met passkey',
    done: 'Verstuurd. U kunt dit venster sluiten.',
  },
  en: {
    requestQuestion: (creditor) => `Ask ${creditor} for a payment arrangement?`,
    counterQuestion: (creditor) => `Accept ${creditor}'s counter-proposal?`,
    requestIntro: (creditor) =>
      `You ask ${creditor} for this arrangement. With your passkey you confirm that you ask it yourself; you get a signed receipt.`,
    counterIntro: (creditor) =>
      `${creditor} proposes this arrangement. Accept it with your passkey and the arrangement starts at once.`,
    monthly: 'Each month',
    term: 'Term',
    months: (count) => `${count} ${count === 1 ? 'month' : 'months'}`,
    total: 'Total',
    firstInstalment: 'First instalment',
    stops: 'While you keep the arrangement',
    interestStops: 'interest stops',
    costsStop: 'collection costs stop',
    nothingStops: 'interest and costs continue',
    acceptedInAdvance: "This is within the creditor's conditions: the arrangement is accepted at once.",
    needsReview: "This is outside the conditions agreed in advance: the creditor's staff review it.",
    creditorSays: 'The creditor says',
    policyVersion: (version) => `Conditions version ${version}`,
    confirm: 'Ask with passkey',
    acceptCounter: 'Accept with passkey',
    done: 'Sent. You can close this window.',
  },
};
