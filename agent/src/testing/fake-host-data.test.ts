import { FakeHostData } from './fake-host-data';
import { describeHostDataContract } from './host-data-contract';
import { MemoryTree } from './memory-tree';

describeHostDataContract('FakeHostData in memory', async () => {
  const tree = new MemoryTree();
  const dataPath = '/srv/zedops/servers';
  tree.mkdir(dataPath);
  return {
    data: new FakeHostData(tree, '/srv/zedops/snapshots'),
    dataPath,
    write: async (file, content) => tree.write(file, content),
    mkdir: async (dir) => tree.mkdir(dir),
    tree: async (root) =>
      Object.fromEntries(
        [...tree.entries(root)].map(([rel, node]) => [
          rel,
          node.kind === 'dir' ? '<dir>' : node.content,
        ]),
      ),
    dispose: async () => undefined,
  };
});
