/**
 * Test people the demo wallet can disclose. BSNs pass the eleven-test and are
 * from the ranges that Dutch test environments use; they belong to no one.
 */
export interface DemoPersona {
  key: string;
  label: string;
  attributes: Record<string, string>;
}

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    key: 'willeke',
    label: 'Willeke Liselotte De Bruijn',
    attributes: {
      'pbdf.gemeente.personalData.bsn': '999993653',
      'pbdf.gemeente.personalData.firstnames': 'Willeke Liselotte',
      'pbdf.gemeente.personalData.surname': 'De Bruijn',
    },
  },
  {
    key: 'jan',
    label: 'Jan Jansen',
    attributes: {
      'pbdf.gemeente.personalData.bsn': '999990019',
      'pbdf.gemeente.personalData.firstnames': 'Jan',
      'pbdf.gemeente.personalData.surname': 'Jansen',
    },
  },
];

/** The values a persona discloses for the requested attributes; unknown attribute types get a placeholder. */
export function personaValues(persona: DemoPersona, attributeIds: readonly string[]): Record<string, string> {
  return Object.fromEntries(attributeIds.map((id) => [id, persona.attributes[id] ?? `demo-${id.split('.').pop()}`]));
}
