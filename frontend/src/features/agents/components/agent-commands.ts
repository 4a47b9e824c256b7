import type { Agent } from '@contract/http/agents';

/** The manager's WebSocket address as this browser reaches it (ws:// or wss://, same host). */
export function managerSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** Roots the host owner must allow besides the data path (the agent is the ceiling, see README). */
function extraRoots(agent: Pick<Agent, 'serverDataPath' | 'allowedRoots'>): string[] {
  return agent.allowedRoots.filter((root) => root !== agent.serverDataPath);
}

/** The file `npm run build` makes (dist/) and the image carries (/app/dist): the whole agent. */
export const agentFile = 'zedops-agent.mjs';

/** The exact command to run on the new host, in the folder holding the one-file agent. */
export function agentCommand(
  agent: Pick<Agent, 'serverDataPath' | 'allowedRoots'>,
  managerUrl: string,
  token: string,
): string {
  return [
    `node ${agentFile}`,
    `--manager ${managerUrl}`,
    `--token ${token}`,
    ...(agent.serverDataPath ? [`--data-path ${agent.serverDataPath}`] : []),
    ...extraRoots(agent).map((root) => `--allowed-root ${root}`),
  ].join(' ');
}

/** The systemd unit of the README, filled in for this host (the one-file agent in /opt/zedops). */
export function agentSystemdUnit(
  agent: Pick<Agent, 'serverDataPath' | 'allowedRoots'>,
  managerUrl: string,
  token: string,
): string {
  const roots = extraRoots(agent);
  return [
    '[Unit]',
    'Description=ZedOps agent',
    'After=docker.service network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    `Environment=ZEDOPS_MANAGER_URL=${managerUrl}`,
    `Environment=ZEDOPS_AGENT_TOKEN=${token}`,
    ...(agent.serverDataPath
      ? [`Environment=ZEDOPS_SERVER_DATA_PATH=${agent.serverDataPath}`]
      : []),
    ...(roots.length > 0 ? [`Environment=ZEDOPS_ALLOWED_DATA_ROOTS=${roots.join(':')}`] : []),
    'Environment=ZEDOPS_AGENT_STATE_DIR=/var/lib/zedops-agent',
    `ExecStart=/usr/bin/node /opt/zedops/${agentFile}`,
    'Restart=always',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ].join('\n');
}
