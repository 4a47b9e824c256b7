/**
 * Drives a ZedOps started from the image the way a user would, through the HTTP API:
 *   node --import tsx scripts/ci/image-smoke.ts
 * env: ZEDOPS_URL, ZEDOPS_ADMIN_PASSWORD, LOCAL_DATA_PATH (the container's server folder),
 *      AGENT_BUNDLE (dist/zedops-agent.mjs, alone in an empty folder), BUNDLE_DATA_PATH.
 * For the image's local agent and then for the one-file agent on this host: a server is created,
 * `docker rm -f` shows it Missing, Recreate brings back the same world. Used by image-test.sh.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AgentResponse,
  CreateAgentResponse,
  ListAgentsResponse,
  ServerActionResponse,
  ServerResponse,
  apiPaths,
  type Server,
} from '@contract/index';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const baseUrl = env('ZEDOPS_URL');
const testImage = '127.0.0.1:5000/zedops/pz-test';
let cookie = '';

async function api(
  method: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(baseUrl + p, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const setCookie = res.headers.get('set-cookie');
  if (setCookie) cookie = setCookie.split(';')[0] ?? '';
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  seconds = 90,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}`);
}

const getServer = async (id: string): Promise<Server> =>
  ServerResponse.parse((await api('GET', apiPaths.server(id))).body).server;
const settled = (id: string, status: Server['status']) =>
  until(`server ${id} ${status}`, async () => {
    const s = await getServer(id);
    return s.status === status && !s.activeOperation ? s : undefined;
  });
const agentOnline = (id: string) =>
  until(`agent ${id} online`, async () => {
    const { agent } = AgentResponse.parse((await api('GET', apiPaths.agent(id))).body);
    return agent.status === 'online' ? agent : undefined;
  });

/** Create → running → docker rm -f → missing → recreate → running with the same world file. */
async function recreateKeepsWorld(agentId: string, dataPath: string, label: string): Promise<void> {
  const name = `imgci-${label}-${Math.random().toString(36).slice(2, 6)}`;
  const created = await api('POST', apiPaths.agentServers(agentId), { name, imageTag: 'latest' });
  if (created.status !== 202)
    throw new Error(`create ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  const { server } = ServerActionResponse.parse(created.body);
  try {
    await settled(server.id, 'running');
    const worldFile = path.join(dataPath, name, 'data', 'Saves', 'Multiplayer', 'world.txt');
    const world = await until('world file', async () => {
      try {
        return readFileSync(worldFile, 'utf8') || undefined;
      } catch {
        return undefined;
      }
    });
    const ids = execFileSync(
      'docker',
      ['ps', '-aq', '--filter', `label=zedops.server.id=${server.id}`],
      { encoding: 'utf8' },
    ).trim();
    execFileSync('docker', ['rm', '-f', ...ids.split('\n')]);
    await settled(server.id, 'missing');
    const recreate = await api('POST', apiPaths.serverAction(agentId, server.id, 'recreate'), {});
    if (recreate.status !== 202)
      throw new Error(`recreate: ${recreate.status} ${JSON.stringify(recreate.body)}`);
    await settled(server.id, 'running');
    if (readFileSync(worldFile, 'utf8') !== world)
      throw new Error(`${label}: the world changed on recreate`);
    console.log(
      `image-smoke: ${label} agent: created, removed (Missing), recreated with the same world`,
    );
  } finally {
    // Data is kept: the fake game writes as root, which the agent (uid 1000) may not delete;
    // image-test.sh removes the folders it made.
    const purge = await api('DELETE', apiPaths.purge(agentId, server.id, false));
    if (purge.status >= 300)
      console.error(`purge ${name}: ${purge.status} ${JSON.stringify(purge.body)}`);
    await until(`server ${name} purged`, async () =>
      (await api('GET', apiPaths.server(server.id))).status === 404 ? true : undefined,
    );
  }
}

async function main(): Promise<void> {
  const login = await api('POST', apiPaths.login, {
    email: 'admin@zedops.local',
    password: env('ZEDOPS_ADMIN_PASSWORD'),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);

  const { agents } = ListAgentsResponse.parse((await api('GET', apiPaths.agents)).body);
  const local = agents.find((a) => a.name === 'local');
  if (!local) throw new Error('the image started no local agent');
  await agentOnline(local.id);
  await recreateKeepsWorld(local.id, env('LOCAL_DATA_PATH'), 'local');

  const bundleData = env('BUNDLE_DATA_PATH');
  const made = await api('POST', apiPaths.agents, {
    name: `onefile-${Date.now().toString(36)}`,
    serverDataPath: bundleData,
    defaultImage: testImage,
  });
  if (made.status !== 201) throw new Error(`add host: ${made.status} ${JSON.stringify(made.body)}`);
  const { agent, registrationToken } = CreateAgentResponse.parse(made.body);
  const bundle = env('AGENT_BUNDLE');
  const child = spawn(
    process.execPath,
    [
      bundle,
      '--manager',
      baseUrl.replace(/^http/, 'ws'),
      '--token',
      registrationToken,
      '--data-path',
      bundleData,
      '--state-dir',
      path.join(path.dirname(bundle), 'state'),
    ],
    {
      cwd: path.dirname(bundle),
      env: { PATH: process.env.PATH, HOME: path.dirname(bundle), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  try {
    await agentOnline(agent.id);
    await recreateKeepsWorld(agent.id, bundleData, 'one-file');
  } finally {
    child.kill('SIGTERM');
    await api('DELETE', apiPaths.agent(agent.id));
  }
}

await main();
