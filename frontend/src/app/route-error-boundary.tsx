import { Component, type ReactNode } from 'react';
import { PageProblem } from '@/components/ui/page-problem';
import { errorMessage } from '@/lib/api-client';

type Props = {
  children: ReactNode;
  /** A new value (the path) clears the error: navigating away tries again. */
  resetKey: string;
};

/**
 * A page whose chunk failed to load (a new release replaced it, the network dropped) or that threw
 * says so, as the data router's error screen did, instead of leaving an empty window.
 */
export class RouteErrorBoundary extends Component<Props, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error !== null && previous.resetKey !== this.props.resetKey)
      this.setState({ error: null });
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="p-8">
        <PageProblem title="This page could not be shown">
          {errorMessage(this.state.error)}. Reload the page to try again.
        </PageProblem>
      </main>
    );
  }
}
