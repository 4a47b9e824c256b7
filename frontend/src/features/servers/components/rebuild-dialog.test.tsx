import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sampleServer } from '@/testing/sample-entities';
import { RebuildDialog } from './rebuild-dialog';

const noop = () => {};

describe('rebuild dialog', () => {
  it('says the world is snapshotted first, and that a pinned image is re-pinned', () => {
    const server = sampleServer({
      image: 'reg/pz',
      imageTag: 'b42',
      imageId: `sha256:${'ab'.repeat(32)}`,
    });
    render(<RebuildDialog server={server} pending={false} onCancel={noop} onConfirm={noop} />);
    const dialog = screen.getByRole('alertdialog', { name: 'Rebuild alpha?' });
    expect(dialog).toHaveTextContent('A snapshot of the world is taken first');
    expect(dialog).toHaveTextContent(
      'The image is pulled again and re-pinned: the server now runs sha256:abababababab; afterwards it runs whatever reg/pz:b42 points to then.',
    );
  });

  it('says nothing about pinning when no image is pinned yet', () => {
    render(
      <RebuildDialog server={sampleServer()} pending={false} onCancel={noop} onConfirm={noop} />,
    );
    expect(screen.getByRole('alertdialog')).not.toHaveTextContent('re-pinned');
  });
});
