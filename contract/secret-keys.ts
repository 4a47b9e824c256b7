/**
 * Config keys whose values are secrets: any key containing PASSWORD, SECRET, TOKEN or KEY, in
 * any case (docs/design.md §8). Such values are shown as `secretMask`.
 */
const secretKeyPattern = /PASSWORD|SECRET|TOKEN|KEY/i;

export const secretMask = '********';

export function isSecretKey(key: string): boolean {
  return secretKeyPattern.test(key);
}
