import type { Agent } from '@contract/http/agents';

/** The manager's WebSocket address as this browser reaches it (ws:// or wss://, same host). */
export function managerSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** Roots the host owner must allow besides the data path (the agent is the ceiling, see README). */
function extraRoots(agent: Pick<Agent, 'serverDataPath' | 'allowedRoots'>): string[] {
  return agent.allowedRoots.filter((root) => root !== agent.serverDataPath);
}

/** The exact command to run on the new host, from a checkout of ZedOps. */
export function agentCommand(
  agent: Pick<Agent, 'serverDataPath' | 'allowedRoots'>,
  managerUrl: string,
  token: string,
): string {
  return [
    'npm run agent --',
    `--manager ${managerUrl}`,
    `--token ${token}`,
    ...(agent.serverDataPath ? [`--data-path ${agent.serverDataPath}`] : []),
    ...extraRoots(agent).map((root) => `--allowed-root ${root}`),
  ].join(' ');
}

/** The systemd unit of the README, filled in for this host. */
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
    'WorkingDirectory=/opt/zedops',
    `Environment=ZEDOPS_MANAGER_URL=${managerUrl}`,
    `Environment=ZEDOPS_AGENT_TOKEN=${token}`,
    ...(agent.serverDataPath
      ? [`Environment=ZEDOPS_SERVER_DATA_PATH=${agent.serverDataPath}`]
      : []),
    ...(roots.length > 0 ? [`Environment=ZEDOPS_ALLOWED_DATA_ROOTS=${roots.join(':')}`] : []),
    'Environment=ZEDOPS_AGENT_STATE_DIR=/var/lib/zedops-agent',
    'ExecStart=/usr/bin/npm run --silent agent',
    'Restart=always',
    'RestartSec=5',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ].join('\n');
}
