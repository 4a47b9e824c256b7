import * as z from 'zod/mini';

// The contract is declared with zod/mini: the same validation as classic zod, but only the parts
// a schema uses reach the dashboard's bundle (classic zod is ~25 KB gzip whatever is used;
// docs/decisions/0047-first-page-bundle.md). Mini carries no messages of its own ("Invalid
// input"): the contract's are English everywhere, as classic zod's were.
z.config(z.locales.en());

export { z };
