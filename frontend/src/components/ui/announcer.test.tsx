import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { announce, LiveAnnouncer } from './announcer';

const region = () => screen.getByRole('log', { name: 'Announcements' });
const lines = () => [...region().querySelectorAll('p')].map((p) => p.textContent);

describe('the live announcer', () => {
  it('is one polite region that adds each message as a new line, equal ones included', () => {
    render(<LiveAnnouncer />);
    expect(region()).toHaveAttribute('aria-live', 'polite');
    expect(lines()).toEqual([]);
    act(() => announce('Recreate finished'));
    act(() => announce('Recreate finished'));
    expect(lines()).toEqual(['Recreate finished', 'Recreate finished']);
  });

  it('keeps only the last five messages, and a new app starts empty', () => {
    const { unmount } = render(<LiveAnnouncer />);
    act(() => {
      for (let i = 1; i <= 7; i++) announce(`message ${i}`);
    });
    expect(lines()).toEqual(['message 3', 'message 4', 'message 5', 'message 6', 'message 7']);
    unmount();
    render(<LiveAnnouncer />);
    expect(lines()).toEqual([]);
  });
});
