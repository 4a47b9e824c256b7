import { ListPart, type AgentCommand, type ListResult } from '@contract/agent-protocol';
import { joinListParts } from '@contract/list-parts';

/**
 * One `reply.part` checked against the request it belongs to: only a `container.list` that asked
 * for parts takes them, each within the size it asked for. Null: the part is not acceptable.
 */
export function acceptPart(command: AgentCommand, result: unknown): ListPart | null {
  if (command.name !== 'container.list' || command.partSize === undefined) return null;
  const parsed = ListPart.safeParse(result);
  if (!parsed.success || parsed.data.containers.length > command.partSize) return null;
  return parsed.data;
}

/**
 * The whole result of a validated reply with the parts that came before it, or null when they do
 * not add up (a part missing or extra). Commands without parts pass through.
 */
export function withParts(command: AgentCommand, result: unknown, parts: ListPart[]): unknown {
  if (command.name !== 'container.list') return parts.length === 0 ? result : null;
  return joinListParts(parts, result as ListResult);
}
