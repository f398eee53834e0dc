/**
 * Passwords that appear at the top of every breach list, plus Dutch favourites.
 * A small list on purpose: it catches the obvious, the length rule does the rest.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', 'password1234', 'password12345', 'passwordpassword', 'qwertyuiopas',
  'qwerty123456', 'iloveyou1234', 'welcome12345', 'welkom123456', 'wachtwoord12', 'wachtwoord123',
  'wachtwoord1234', 'wachtwoordwachtwoord', 'administrator', 'admin1234567', 'letmein12345', 'changeme1234',
  'zomer2024zomer', 'winter2024!!', 'gemeente1234', 'gemeente12345', 'nijmegen1234', 'arnhem123456',
  'voorjaar2025!', 'geheim123456', 'monkey123456', 'dragon123456', 'football1234', 'baseball1234',
  'sunshine1234', 'princess1234', 'trustno1trustno1', '000000000000', '111111111111', '123123123123',
  'abcdefghijkl', 'abc123abc123', 'p@ssw0rd1234', 'passw0rd1234', 'welkom01welkom', 'azertyuiopqs',
]);
