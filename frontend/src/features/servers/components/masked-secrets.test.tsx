import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/testing/render-app';

describe('secret config values', () => {
  it('a viewer sees a lock where the RCON password would be', async () => {
    const { user } = renderApp('/servers/srv-running', { role: 'viewer' });
    await user.click(await screen.findByText(/Environment config/));
    expect(screen.getByText('hidden secret')).toBeInTheDocument();
    expect(screen.queryByText('alpha-rcon-secret')).not.toBeInTheDocument();
  });

  it('an operator sees the value', async () => {
    const { user } = renderApp('/servers/srv-running', { role: 'operator' });
    await user.click(await screen.findByText(/Environment config/));
    expect(screen.getByText('alpha-rcon-secret')).toBeInTheDocument();
    expect(screen.queryByText('hidden secret')).not.toBeInTheDocument();
  });
});
