// The image's HEALTHCHECK: the manager answers GET /api/health (no session needed). An
// agent-only container has no HTTP port; it is healthy while its process (pid 1) runs.
import { readFileSync } from 'node:fs';

const command = readFileSync('/proc/1/cmdline', 'utf8');
if (command.includes('zedops-agent.mjs')) process.exit(0);
try {
  const res = await fetch(`http://127.0.0.1:${process.env.PORT ?? 8787}/api/health`, {
    signal: AbortSignal.timeout(4000),
  });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
