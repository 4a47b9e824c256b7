import type { AgentToManagerFrame } from '@contract/agent-protocol';

/**
 * Replies finished while the manager was unreachable. They are sent after the next welcome so the
 * manager can still record the outcome against the operation; old ones are dropped (the manager
 * has failed those operations by then and reconciles from a container list instead).
 */
export class ReplyOutbox {
  private frames: { frame: AgentToManagerFrame; at: number }[] = [];

  constructor(
    private readonly maxFrames = 200,
    private readonly maxAgeMs = 10 * 60_000,
  ) {}

  /** Keeps a frame for later. */
  add(frame: AgentToManagerFrame): void {
    this.frames.push({ frame, at: Date.now() });
    if (this.frames.length > this.maxFrames) this.frames.shift();
  }

  /** Everything still fresh enough to send, oldest first; empties the outbox. */
  drain(): AgentToManagerFrame[] {
    const cutoff = Date.now() - this.maxAgeMs;
    const fresh = this.frames.filter((f) => f.at >= cutoff).map((f) => f.frame);
    this.frames = [];
    return fresh;
  }
}
