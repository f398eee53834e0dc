/**
 * Splits a code into groups that are easy to read aloud and type: 3-3-4,
 * the way Dutch phone numbers are usually grouped.
 */
export function groupDtmfCode(code: string): string[] {
  return [code.slice(0, 3), code.slice(3, 6), code.slice(6)].filter(Boolean);
}

/** `+31243299999` -> `+31 24 329 9999`; other countries are shown as given. */
export function formatPhoneNumber(e164: string): string {
  const dutch = /^\+31(\d{2})(\d{3})(\d{4})$/.exec(e164);
  return dutch ? `+31 ${dutch[1]} ${dutch[2]} ${dutch[3]}` : e164;
}
