import type { ContainerInfo } from '../agent-protocol';

/** A well-formed container of server `s{i}` as an agent lists it (tests of the list's shape). */
export const sampleContainer = (i: number, more: Partial<ContainerInfo> = {}): ContainerInfo => ({
  id: `c${i}`,
  name: `zedops-s${i}`,
  serverId: `s${i}`,
  serverName: `s${i}`,
  state: 'running',
  running: true,
  image: 'img:latest',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...more,
});
