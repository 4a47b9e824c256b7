import { apiPaths, OperationResponse, ServerActionResponse } from '@contract/index';
import { waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint } from './support/data-dir';
import { expect, test } from './fixtures';

// kill -9 of the agent during a recreate: the operation waits for the agent, is resumed with the
// same idempotency key when it is back, and ends succeeded with exactly one container and the
// same world (docs/design.md §6 rule 4).
test('an agent killed during a recreate: the recreate resumes and succeeds with one container', async ({
  stack,
  servers,
}) => {
  const server = await servers.createRunning('resume-kill');
  const before = dataFingerprint(servers.dirOf(server), { ignore: ['data/boot.log'] });
  removeContainerForcibly(server.containerId!);
  await waitForStatus(stack.admin, server.id, 'missing', 10_000);

  const res = await stack.admin.post(apiPaths.serverAction(server.agentId, server.id, 'recreate'), {
    data: {},
  });
  expect(res.status()).toBe(202);
  const { operation } = ServerActionResponse.parse(await res.json());
  await stack.agent.kill();
  await stack.waitForAgent('offline');

  stack.agent.start();
  await stack.waitForAgent('online');
  await expect
    .poll(
      async () =>
        OperationResponse.parse(
          await (await stack.admin.get(apiPaths.operation(operation.id))).json(),
        ).operation.state,
      { timeout: 60_000 },
    )
    .toBe('succeeded');
  await waitForStatus(stack.admin, server.id, 'running', 30_000);
  expect(containersOfServer(server.id)).toHaveLength(1);
  expect(dataFingerprint(servers.dirOf(server), { ignore: ['data/boot.log'] })).toBe(before);
});
