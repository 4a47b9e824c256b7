import { z } from '../zod';

/** Server name: `^[a-z][a-z0-9-]{2,31}$`, unique per agent. */
export const ServerName = z
  .string()
  .check(
    z.regex(
      /^[a-z][a-z0-9-]{2,31}$/,
      'name must be 3–32 characters: a–z first, then a–z, 0–9 or -',
    ),
  );

/** Host port 1024–65535. */
export const Port = z
  .number()
  .check(
    z.int('port must be an integer'),
    z.gte(1024, 'port must be 1024–65535'),
    z.lte(65535, 'port must be 1024–65535'),
  );

const forbiddenRoots = [
  '/etc',
  '/usr',
  '/bin',
  '/sbin',
  '/boot',
  '/sys',
  '/proc',
  '/dev',
  '/var/lib/docker',
];

/** Why a data path is refused, or null when it is acceptable (absolute, normalised, not a system dir). */
export function dataPathProblem(path: string): string | null {
  if (!path.startsWith('/')) return 'data path must be absolute';
  if (path === '/') return 'data path cannot be /';
  if (path.length > 255) return 'data path is too long';
  if (!/^[A-Za-z0-9._\-/ ]+$/.test(path))
    return 'data path has characters other than letters, digits, space, . _ - /';
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '..')) return 'data path cannot contain ..';
  if (path.endsWith('/') || segments.some((s) => s === '' || s === '.'))
    return 'data path must be normalised (no //, /./ or trailing /)';
  for (const root of forbiddenRoots) {
    if (path === root || path.startsWith(`${root}/`)) return `data path cannot be under ${root}`;
  }
  return null;
}

export const DataPath = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = dataPathProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** Image reference without tag, e.g. `127.0.0.1:5000/zedops/pz-test` or `renegademaster/zomboid`. */
export const ImageName = z
  .string()
  .check(
    z.maxLength(255),
    z.regex(
      /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*$/,
      'image must be a repository name without tag, e.g. registry:5000/team/zomboid',
    ),
  );

/** Docker tag rules. */
export const ImageTag = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
      'tag must be 1–128 of A–Z a–z 0–9 _ . - (not starting with . or -)',
    ),
  );

/** Environment variables the agent sets from the ports; config cannot override them. */
export const reservedEnvKeys = ['SERVER_DEFAULT_PORT', 'SERVER_UDP_PORT', 'RCON_PORT'] as const;

/**
 * `__proto__` is a valid variable name and JSON carries it as a key, but a record cannot: zod
 * leaves it out of what it returns (a plain object would take it as its prototype). Refused
 * here instead of silently dropped from what the user saved.
 */
const withoutProtoKey = z.unknown().check(
  z.refine(
    (value) => typeof value !== 'object' || value === null || !Object.hasOwn(value, '__proto__'),
    {
      message: '__proto__ cannot be a config key',
      path: ['__proto__'],
    },
  ),
);

/** Env config of a server: `KEY → value`, applied to the container. */
export const ServerConfig = z.pipe(
  withoutProtoKey,
  z
    .record(
      z
        .string()
        .check(
          z.regex(
            /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
            'config keys must be environment variable names',
          ),
        ),
      z.string().check(z.maxLength(4096)),
    )
    .check(
      z.superRefine((config, ctx) => {
        const keys = Object.keys(config);
        if (keys.length > 100)
          ctx.addIssue({ code: 'custom', message: 'at most 100 config entries' });
        for (const key of keys) {
          if ((reservedEnvKeys as readonly string[]).includes(key))
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `${key} is set from the server's ports`,
            });
        }
      }),
    ),
);
export type ServerConfig = z.infer<typeof ServerConfig>;
