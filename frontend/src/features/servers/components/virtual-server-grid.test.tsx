import { act, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '@/app/providers';
import { createQueryClient } from '@/lib/query-client';
import { sampleServer } from '@/testing/sample-entities';
import { ServerGrid, virtualizeFrom } from './server-grid';
import { estimatedRowPx } from './virtual-server-grid';

const rowPx = estimatedRowPx;
const fleet = Array.from({ length: 300 }, (_, i) => {
  const name = `s${String(i).padStart(3, '0')}`;
  return sampleServer({ id: `srv-${name}`, name });
});

function renderGrid(servers = fleet) {
  const router = createMemoryRouter(
    [{ path: '/', element: <ServerGrid servers={servers} role="viewer" empty="none" /> }],
    { initialEntries: ['/'] },
  );
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
}

/** jsdom lays nothing out: give the grid a width and every row a height, as a browser would. */
function layOutRows() {
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(1024);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.dataset.index === undefined ? 0 : rowPx;
  });
}

function scrollTo(y: number) {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
  act(() => void window.dispatchEvent(new Event('scroll')));
}

const cards = () => screen.queryAllByRole('article');
/** The virtualizer loaded (until then the first cards show as a plain grid). */
const virtualized = () => screen.findByText(/more cards appear as you scroll/);

const jsdomScrollY = Object.getOwnPropertyDescriptor(window, 'scrollY')!;
beforeEach(() => {
  // The virtualizer corrects the scroll position as rows are measured; jsdom cannot scroll.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  Object.defineProperty(window, 'scrollY', jsdomScrollY);
});

describe('server grid for large fleets', () => {
  it('renders only the rows on screen and the next ones as the page scrolls', async () => {
    layOutRows();
    renderGrid();
    await virtualized();
    await screen.findByRole('article', { name: 'Server s000' });
    expect(cards().length).toBeGreaterThan(0);
    expect(cards().length).toBeLessThan(20);

    scrollTo(rowPx * 150);
    expect(await screen.findByRole('article', { name: 'Server s150' })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Server s000' })).not.toBeInTheDocument();
    expect(cards().length).toBeLessThan(20);
  });

  it('keeps the card holding keyboard focus when it scrolls out of view', async () => {
    layOutRows();
    renderGrid();
    await screen.findByRole('article', { name: 'Server s000' });
    const link = await screen.findByRole('link', { name: 's001' });
    act(() => link.focus());
    scrollTo(rowPx * 200);
    await screen.findByRole('article', { name: 'Server s200' });
    expect(link).toBeInTheDocument();
    expect(link).toHaveFocus();
  });

  it('without any layout (0-size viewport) every card still renders', async () => {
    renderGrid();
    await waitFor(() => expect(cards()).toHaveLength(fleet.length));
  });

  it('a small fleet is a plain grid: every card, no measuring', async () => {
    layOutRows();
    renderGrid(fleet.slice(0, virtualizeFrom - 1));
    await waitFor(() => expect(cards()).toHaveLength(virtualizeFrom - 1));
  });
});
