import { expect } from 'vitest';
import { LiveEvent } from '@contract/events';
import { apiPaths } from '@contract/http/paths';
import { waitFor, type TestManager } from './harness';

/** An open SSE stream of the admin's: every event so far, checked against the contract. */
export async function openEvents(t: TestManager) {
  const controller = new AbortController();
  const res = await fetch(`${t.manager.url}${apiPaths.events}`, {
    headers: { cookie: t.admin.cookie! },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  let text = '';
  // Whole frames only: the last one may still be on its way.
  const events = () =>
    [...text.matchAll(/^event: (.+)\ndata: (.+)\n\n/gm)].map(([, name, data]) => {
      const event = LiveEvent.parse(JSON.parse(data!));
      expect(event.type).toBe(name);
      return event;
    });
  const readUntil = (enough: (seen: LiveEvent[]) => boolean) =>
    waitFor(async () => {
      if (enough(events())) return true;
      text += new TextDecoder().decode((await reader.read()).value);
      return enough(events());
    });
  await waitFor(async () => {
    text += new TextDecoder().decode((await reader.read()).value);
    return text.includes(': connected');
  });
  return { events, readUntil, close: () => controller.abort() };
}
