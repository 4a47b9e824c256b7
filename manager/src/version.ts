import { version } from '../../package.json';

/** The release this manager runs (package.json), shown by GET /api/health. */
export const zedopsVersion: string = version;
