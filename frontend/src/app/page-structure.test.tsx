import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/testing/render-app';

/** Heading levels in document order ([1, 2, 3, 2] …). */
const headingLevels = () =>
  [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));

const pages: Array<[string, string, 'signed-out' | 'admin']> = [
  ['login', '/login', 'signed-out'],
  ['overview', '/', 'admin'],
  ['agent page', '/agents/agent-local', 'admin'],
  ['agent page, agent offline', '/agents/agent-remote', 'admin'],
  ['create form', '/agents/agent-local/servers/new', 'admin'],
  ['server page (running)', '/servers/srv-running', 'admin'],
  ['server page (missing)', '/servers/srv-missing', 'admin'],
  ['server page (deleted)', '/servers/srv-deleted', 'admin'],
  ['unknown server', '/servers/srv-nope', 'admin'],
  ['unknown agent', '/agents/agent-nope', 'admin'],
  ['unknown page', '/no/such/page', 'admin'],
];

describe('every page has one main landmark, one h1, and headings that nest in order', () => {
  it.each(pages)('%s', async (_name, path, who) => {
    renderApp(path, { role: who === 'admin' ? 'admin' : null });
    await screen.findByRole('heading', { level: 1 });
    await waitFor(() => expect(screen.queryByText(/^Loading/)).not.toBeInTheDocument());

    expect(screen.getAllByRole('main')).toHaveLength(1);
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const levels = headingLevels();
    expect(levels[0]).toBe(1);
    levels.forEach((level, i) => {
      if (i > 0)
        expect(level, `heading ${i + 1} of ${levels.join(',')}`).toBeLessThanOrEqual(
          levels[i - 1]! + 1,
        );
    });
  });
});

describe('server cards sit one level below the heading of their group', () => {
  it('h3 under an agent (h2), h4 under "Missing or failed" and "Deleted" (h3)', async () => {
    renderApp('/agents/agent-local');
    const running = await screen.findByRole('article', { name: 'Server alpha' });
    const missing = screen.getByRole('article', { name: 'Server charlie' });
    const deleted = screen.getByRole('article', { name: 'Server echo' });
    expect(within(running).getByRole('heading', { level: 3 })).toHaveTextContent('alpha');
    expect(within(missing).getByRole('heading', { level: 4 })).toHaveTextContent('charlie');
    expect(within(deleted).getByRole('heading', { level: 4 })).toHaveTextContent('echo');
  });
});

describe('focus after a navigation', () => {
  it('stays at the top on the first page, then moves to the new page’s main', async () => {
    const { user } = renderApp('/');
    const card = await screen.findByRole('article', { name: 'Server charlie' });
    expect(screen.getByRole('main')).not.toHaveFocus();
    within(card).getByRole('link', { name: 'charlie' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'charlie' });
    expect(screen.getByRole('main')).toHaveFocus();
  });
});
