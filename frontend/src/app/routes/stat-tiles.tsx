import type { Agent } from '@contract/http/agents';
import type { Server } from '@contract/http/servers';
import { Card } from '@/components/ui/card';

/** Four headline numbers above the overview. */
export function StatTiles({ servers, agents }: { servers: Server[]; agents: Agent[] }) {
  const live = servers.filter((s) => s.status !== 'deleted');
  const tiles = [
    { label: 'Servers', value: live.length, tone: 'text-zinc-50' },
    {
      label: 'Running',
      value: live.filter((s) => s.status === 'running' && s.agentStatus === 'online').length,
      tone: 'text-emerald-300',
    },
    {
      label: 'Need attention',
      value: live.filter((s) => s.status === 'missing' || s.status === 'failed').length,
      tone: 'text-amber-300',
    },
    {
      label: 'Agents offline',
      value: agents.filter((a) => a.status !== 'online').length,
      tone: 'text-orange-300',
    },
  ];
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {tiles.map((t) => (
        <Card key={t.label} className="p-4">
          <p className="text-xs tracking-wide text-zinc-500 uppercase">{t.label}</p>
          <p className={`mt-1 text-2xl font-semibold ${t.tone}`}>{t.value}</p>
        </Card>
      ))}
    </div>
  );
}
