import type { Agent } from '@contract/http/agents';
import { CodeBlock } from '@/components/ui/code-block';
import { Notice } from '@/components/ui/notice';
import { agentCommand, agentFile, agentSystemdUnit, managerSocketUrl } from './agent-commands';

/**
 * A registration token, shown this once (the manager keeps only its hash), with the command and
 * the systemd unit that use it. It works once, within 24 hours.
 */
export function RegistrationTokenPanel({ agent, token }: { agent: Agent; token: string }) {
  const url = managerSocketUrl(window.location);
  return (
    <section aria-labelledby="token-heading" className="space-y-4">
      <h2 id="token-heading" className="text-lg font-semibold text-zinc-50">
        Connect {agent.name}
      </h2>
      <Notice tone="warning" title="Shown only now">
        Copy the token before you leave this page: ZedOps keeps only a hash of it. It works once,
        within 24 hours; rotate the token on the host&apos;s page if it is lost.
      </Notice>
      <CodeBlock label="Registration token" text={token} />
      <CodeBlock label="Command" text={agentCommand(agent, url, token)} />
      <p className="text-sm text-zinc-400">
        Run it on the Docker host with Node 20, next to <code>{agentFile}</code>: one file, no
        install (from <code>dist/</code> after <code>npm run build</code>, or <code>docker cp</code>{' '}
        it from the image&apos;s <code>/app/dist/</code>). To keep the agent running across reboots,
        put the file in <code>/opt/zedops</code> and use this systemd unit:
      </p>
      <CodeBlock label="systemd unit" text={agentSystemdUnit(agent, url, token)} />
    </section>
  );
}
