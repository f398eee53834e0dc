import { strToU8, zipSync, type Zippable } from 'fflate';
import type { LocalizedText, PartySummary, PersonalDataNotice } from '@regiekit/sdk/protocol';
import { issuerMetadataUrl } from '@regiekit/sdk/protocol';
import type { SignedCategory } from './company-data.js';

/** The name and version of the download's layout, in data.json: readers can tell what they hold. */
export const DOWNLOAD_FORMAT = 'regiekit-my-data/1';

type Lang = 'nl' | 'en';

const LEGAL_BASIS: Record<PersonalDataNotice['legalBasis'], LocalizedText> = {
  consent: { nl: 'Toestemming (AVG art. 6 lid 1a)', en: 'Consent (GDPR art. 6(1)(a))' },
  contract: { nl: 'Overeenkomst (AVG art. 6 lid 1b)', en: 'Contract (GDPR art. 6(1)(b))' },
  'legal-obligation': { nl: 'Wettelijke plicht (AVG art. 6 lid 1c)', en: 'Legal obligation (GDPR art. 6(1)(c))' },
  'vital-interests': { nl: 'Vitaal belang (AVG art. 6 lid 1d)', en: 'Vital interests (GDPR art. 6(1)(d))' },
  'public-task': { nl: 'Publieke taak (AVG art. 6 lid 1e)', en: 'Public task (GDPR art. 6(1)(e))' },
  'legitimate-interests': {
    nl: 'Gerechtvaardigd belang (AVG art. 6 lid 1f)',
    en: 'Legitimate interests (GDPR art. 6(1)(f))',
  },
};

const TEXT = {
  nl: {
    title: (company: string) => `Uw gegevens bij ${company}`,
    made: (when: string) =>
      `Gemaakt op ${when}. Ondertekend door het bedrijf zelf; zie README.txt om dat te controleren.`,
    purposes: 'Waarvoor',
    basis: 'Grondslag',
    recipients: 'Wie het ontvangt',
    retention: 'Hoe lang het bewaard wordt',
    source: 'Waar het vandaan komt',
    automated: 'Geautomatiseerde besluiten',
    none: 'Geen',
    rights:
      'U mag uw gegevens inzien, laten verbeteren, laten wissen, de verwerking laten beperken en bezwaar maken. Een klacht kunt u indienen bij de Autoriteit Persoonsgegevens.',
  },
  en: {
    title: (company: string) => `Your data at ${company}`,
    made: (when: string) => `Made on ${when}. Signed by the company itself; README.txt says how to check that.`,
    purposes: 'What for',
    basis: 'Legal basis',
    recipients: 'Who receives it',
    retention: 'How long it is kept',
    source: 'Where it came from',
    automated: 'Automated decisions',
    none: 'None',
    rights:
      'You may see your data, have it corrected or erased, restrict its processing and object to it. You can complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).',
  },
};

const escape = (value: unknown) =>
  String(value).replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

/** A file name part from a service type: its last meaningful path segments. */
const slugOf = (serviceType: string, index: number) =>
  `${String(index + 1).padStart(2, '0')}-${
    new URL(serviceType).pathname
      .split('/')
      .filter((part) => part && !/^v\d+$/.test(part))
      .at(-1)
      ?.replace(/[^a-z0-9-]/gi, '-')
      .toLowerCase() ?? 'data'
  }`;

function valueHtml(value: unknown, labels: Record<string, LocalizedText>, field: string, lang: Lang): string {
  if (Array.isArray(value) && value.every((item) => item && typeof item === 'object' && !Array.isArray(item))) {
    const columns = [...new Set(value.flatMap((item) => Object.keys(item as object)))];
    const head = columns.map(
      (column) => `<th scope="col">${escape(labels[`${field}.${column}`]?.[lang] ?? column)}</th>`,
    );
    const rows = value.map(
      (item) =>
        `<tr>${columns.map((column) => `<td>${escape((item as Record<string, unknown>)[column] ?? '')}</td>`).join('')}</tr>`,
    );
    return `<table><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  }
  if (value !== null && typeof value === 'object') return `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;
  return escape(value);
}

function summaryHtml(provider: PartySummary, categories: SignedCategory[], madeAt: Date, lang: Lang): string {
  const t = TEXT[lang];
  const company = provider.displayName[lang];
  const when = madeAt.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short' });
  const sections = categories.map(({ category, decoded }) => {
    const notice = category.personalData!;
    const labels = notice.itemLabels ?? {};
    const facts: [string, string][] = [
      [t.purposes, notice.purposes[lang]],
      [
        t.basis,
        `${LEGAL_BASIS[notice.legalBasis][lang]}${notice.legalBasisDetail ? ` — ${notice.legalBasisDetail[lang]}` : ''}`,
      ],
      [t.recipients, notice.recipients[lang]],
      [t.retention, notice.retention[lang]],
      [t.source, notice.source[lang]],
      [t.automated, notice.automatedDecisions?.[lang] ?? t.none],
    ];
    const data = Object.entries(decoded.data).map(
      ([field, value]) =>
        `<dt>${escape(category.fieldLabels[field]?.[lang] ?? field)}</dt><dd>${valueHtml(value, labels, field, lang)}</dd>`,
    );
    return `<section><h2>${escape(category.title[lang])}</h2>
<dl class="data">${data.join('\n')}</dl>
<dl class="notice">${facts.map(([term, text]) => `<dt>${escape(term)}</dt><dd>${escape(text)}</dd>`).join('\n')}</dl>
</section>`;
  });
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title(company))}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse}th,td{border:1px solid #8a8a8a;padding:.2rem .5rem;text-align:left}.notice{color:#3a3a3a}</style>
</head><body><main><h1>${escape(t.title(company))}</h1><p>${escape(t.made(when))}</p>
${sections.join('\n')}
<p>${escape(t.rights)}</p></main></body></html>
`;
}

function readme(provider: PartySummary, categories: SignedCategory[]): string {
  const issuer = categories[0]?.decoded.issuer ?? '';
  return `${DOWNLOAD_FORMAT}

NL — Uw gegevens bij ${provider.displayName.nl}
  summary.html        uw gegevens om te lezen, met waarom ze worden bewaard en hoe lang
  data.json           dezelfde gegevens, per categorie, voor computers
  schemas/*.json      per categorie de JSON Schema (2020-12) die de gegevens beschrijft
  credentials/*.sd-jwt  per categorie de gegevens zoals ${provider.displayName.nl} ze ondertekende (SD-JWT VC)
Controleren dat de gegevens echt van ${provider.displayName.nl} komen en niet veranderd zijn: zie hieronder.

EN — Your data at ${provider.displayName.en}
  summary.html        your data to read, with why it is kept and for how long
  data.json           the same data, per category, for computers
  schemas/*.json      per category the JSON Schema (2020-12) that describes the data
  credentials/*.sd-jwt  per category the data as ${provider.displayName.en} signed it (SD-JWT VC)

Checking a credential (each file in credentials/):
  The file is <jwt>~<disclosure>~...~ . The JWT's "iss" is ${issuer}
  and its keys are published at ${issuer ? issuerMetadataUrl(issuer) : '(none)'}.
  With @regiekit/sdk:  verifySignedCredential(file, { trustedIssuers: ['${issuer}'] })
  With jose alone:     compactVerify(<jwt>, createLocalJWKSet(metadata.jwks)); then for each disclosure,
                       base64url(sha256(<disclosure as written>)) must be in the JWT's "_sd" list.
  Its "status" names an entry in a Token Status List; bit 1 there means the data was replaced (for example
  after a correction).
`;
}

/**
 * The file a customer keeps: one ZIP with their data as JSON (each
 * category's JSON Schema beside it), the SD-JWT VCs exactly as the company
 * signed them, a summary to read, and how to check the signatures.
 */
export function buildDownload(
  provider: PartySummary,
  categories: SignedCategory[],
  madeAt: Date,
  lang: Lang,
): Uint8Array {
  const files: Zippable = {
    'README.txt': strToU8(readme(provider, categories)),
    'summary.html': strToU8(summaryHtml(provider, categories, madeAt, lang)),
    'data.json': strToU8(
      JSON.stringify(
        {
          format: DOWNLOAD_FORMAT,
          company: provider,
          madeAt: madeAt.toISOString(),
          categories: categories.map(({ category, decoded }, index) => ({
            serviceType: category.serviceType,
            title: category.title,
            notice: category.personalData,
            schema: `schemas/${slugOf(category.serviceType, index)}.schema.json`,
            credential: `credentials/${slugOf(category.serviceType, index)}.sd-jwt`,
            issuedAt: decoded.issuedAt.toISOString(),
            data: decoded.data,
          })),
        },
        null,
        2,
      ),
    ),
  };
  categories.forEach(({ category, sdJwt }, index) => {
    const slug = slugOf(category.serviceType, index);
    files[`schemas/${slug}.schema.json`] = strToU8(JSON.stringify(category.schema, null, 2));
    files[`credentials/${slug}.sd-jwt`] = strToU8(sdJwt);
  });
  // Level 6: the files are text; most of the time goes to the company's answer, not here.
  return zipSync(files, { level: 6, mtime: madeAt });
}
