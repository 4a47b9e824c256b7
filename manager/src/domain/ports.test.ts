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
});
