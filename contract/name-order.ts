/**
 * The order servers and hosts are listed in, by the manager, the mocks and the dashboard alike
 * (docs/decisions/0111-lists-in-natural-name-order.md): by name as a person reads it. Runs of
 * digits compare as numbers (`game-2` before `game-10`, `game-007` beside `game-7`), letters
 * without regard to case (`alpha`, `Bravo`, `charlie`). Names that read the same (`game-07` and
 * `game-7`, `Alpha` and `alpha`) still have one order, their plain one, so every list sorts the
 * same way whatever order its rows came in.
 *
 * A digit run is never turned into a number: a name of forty digits compares exactly.
 */
export function compareNames(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      // Two digit runs, by value: leading zeros skipped (a run keeps its last digit), then the
      // longer run is the larger number, and runs of one length compare digit by digit.
      while (x === 48 && isDigit(a.charCodeAt(i + 1))) x = a.charCodeAt(++i);
      while (y === 48 && isDigit(b.charCodeAt(j + 1))) y = b.charCodeAt(++j);
      let endA = i;
      let endB = j;
      while (isDigit(a.charCodeAt(endA))) endA++;
      while (isDigit(b.charCodeAt(endB))) endB++;
      const longer = endA - i - (endB - j);
      if (longer !== 0) return longer;
      for (; i < endA; i++, j++) {
        const digit = a.charCodeAt(i) - b.charCodeAt(j);
        if (digit !== 0) return digit;
      }
      continue;
    }
    // A digit against anything else compares by its code, as in plain order: no character but a
    // digit lies between '0' and '9', so a digit run sits in one place against every character.
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return x - y;
    i++;
    j++;
  }
  // One name is the beginning of the other (as read): the shorter first. Then the plain order.
  return a.length - i - (b.length - j) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Servers (or anything named with an id) in list order: by name, then by id (one order always). */
export const compareByName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  compareNamesThenIds(a.name, a.id, b.name, b.id);

/** `compareByName` for callers that hold the fields apart (stored rows), with no object per call. */
export function compareNamesThenIds(
  nameA: string,
  idA: string,
  nameB: string,
  idB: string,
): number {
  return compareNames(nameA, nameB) || (idA < idB ? -1 : idA > idB ? 1 : 0);
}

/** charCodeAt past the end is NaN: not a digit. */
const isDigit = (code: number) => code >= 48 && code <= 57;
