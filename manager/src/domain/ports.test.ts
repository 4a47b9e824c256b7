import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { assignPorts } from './ports';

describe('assignPorts', () => {
  it('gives the first server the Project Zomboid defaults', () => {
    expect(assignPorts({}, new Set())).toEqual({
      gamePort: 16261,
      udpPort: 16262,
      rconPort: 27015,
    });
  });

  it('skips ports held by the agent’s other servers (deleted ones included)', () => {
    expect(assignPorts({}, new Set([16261, 16262, 27015]))).toEqual({
      gamePort: 16263,
      udpPort: 16264,
      rconPort: 27016,
    });
  });

  it('refuses a requested port already in use with PORT_CONFLICT naming the field', () => {
    try {
      assignPorts({ udpPort: 16262 }, new Set([16262]));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('PORT_CONFLICT');
      expect((err as ApiError).details).toMatchObject({ field: 'udpPort', port: 16262 });
    }
  });

  it('refuses the same port twice in one request', () => {
    expect(() => assignPorts({ gamePort: 20000, rconPort: 20000 }, new Set())).toThrow(
      /must differ/,
    );
  });

  it('fills defaults around explicitly requested ports', () => {
    expect(assignPorts({ gamePort: 16262 }, new Set([16261]))).toEqual({
      gamePort: 16262,
      udpPort: 16263,
      rconPort: 27015,
    });
  });

  const range = (from: number, to: number) =>
    new Set(Array.from({ length: to - from + 1 }, (_, i) => from + i));
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      return err as ApiError;
    }
    throw new Error('expected a refusal');
  };

  it('refuses gamePort 65535 without udpPort as VALIDATION_FAILED naming gamePort (nothing above it)', () => {
    const err = refusal(() => assignPorts({ gamePort: 65535 }, new Set()));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toMatchObject({ field: 'gamePort' });
    expect(err.message).toMatch(/gamePort 65535/);
  });

  it('accepts gamePort 65535 when udpPort is given', () => {
    expect(assignPorts({ gamePort: 65535, udpPort: 65534 }, new Set())).toEqual({
      gamePort: 65535,
      udpPort: 65534,
      rconPort: 27015,
    });
  });

  it('gives udpPort 65535 to gamePort 65534, and refuses with PORT_CONFLICT once that is taken', () => {
    expect(assignPorts({ gamePort: 65534 }, new Set()).udpPort).toBe(65535);
    const err = refusal(() => assignPorts({ gamePort: 65530 }, range(65531, 65535)));
    expect(err.code).toBe('PORT_CONFLICT');
    expect(err.details).toMatchObject({ field: 'udpPort' });
  });

  it('refuses with PORT_CONFLICT naming the field when every default port is used', () => {
    const pairs = refusal(() => assignPorts({}, range(16261, 65535)));
    expect(pairs.code).toBe('PORT_CONFLICT');
    expect(pairs.details).toMatchObject({ field: 'gamePort' });
    // One free port left at the very top is no pair.
    const lastOdd = refusal(() => assignPorts({}, range(16261, 65534)));
    expect(lastOdd.details).toMatchObject({ field: 'gamePort' });
    const alone = assignPorts({ udpPort: 2000, rconPort: 2001 }, range(16261, 65534));
    expect(alone.gamePort).toBe(65535);
    const rcon = refusal(() => assignPorts({ gamePort: 16261 }, range(27015, 65535)));
    expect(rcon.code).toBe('PORT_CONFLICT');
    expect(rcon.details).toMatchObject({ field: 'rconPort' });
  });
});
