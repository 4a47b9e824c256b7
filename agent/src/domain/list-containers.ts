import type { ManagedList } from '../runtime/container-runtime';
import type { CommandContext } from './command-context';

/** Every managed container on this host, stopped ones included, with what drift needs. */
export async function listContainers(ctx: CommandContext): Promise<ManagedList> {
  return ctx.runtime.listManaged();
}
