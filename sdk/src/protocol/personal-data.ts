import { z } from 'zod';
import { LocalizedText } from './common.js';

/** The lawful bases of AVG art. 6(1), (a) to (f). */
export const LegalBasis = z
  .enum(['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'])
  .meta({ id: 'LegalBasis' });
export type LegalBasis = z.infer<typeof LegalBasis>;

/**
 * What a company tells a person about one category of their data, as AVG
 * art. 15(1) asks: why it is processed and on which ground, who receives it,
 * how long it is kept, where it came from, and whether decisions are made
 * about them by machine. A service description that carries it is a category
 * of "my data".
 */
export const PersonalDataNotice = z
  .strictObject({
    purposes: LocalizedText.describe('(a) Why the company processes this data.'),
    legalBasis: LegalBasis.describe('The ground of art. 6(1) it relies on.'),
    legalBasisDetail: LocalizedText.optional().describe('Which contract, law or interest, in words.'),
    recipients: LocalizedText.describe('(c) Who receives it, or which kinds of recipients.'),
    retention: LocalizedText.describe('(d) How long it is kept, or how that is decided.'),
    source: LocalizedText.describe('(g) Where it came from (the person, or another source).'),
    automatedDecisions: LocalizedText.optional().describe(
      '(h) Decisions made by machine (profiling included) and their logic; absent: none are made.',
    ),
    portable: z
      .boolean()
      .describe('Art. 20 applies (the person provided it, on consent or contract): the person may forward it.'),
    correctable: z
      .array(z.string().min(1).max(64))
      .optional()
      .describe('The fields a person may ask to correct (art. 16); absent: every field.'),
    order: z
      .number()
      .int()
      .min(0)
      .max(999)
      .optional()
      .describe('Where the category comes among the others, lowest first (then by service type).'),
    itemLabels: z
      .record(z.string().regex(/^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/, 'field.property'), LocalizedText)
      .optional()
      .describe('Labels of the properties of a list field\'s items, as "field.property" (e.g. "readings.date").'),
  })
  .meta({ id: 'PersonalDataNotice' });
export type PersonalDataNotice = z.infer<typeof PersonalDataNotice>;
