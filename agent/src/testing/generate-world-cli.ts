// `node --import tsx agent/src/testing/generate-world-cli.ts ROOT SIZE_MB [SERVER_ID]`: generates a
// world in its own process, so a test measuring memory starts from a clean heap.
import { generateWorld } from './world-generator';

const [root, sizeMb, serverId] = process.argv.slice(2);
if (!root || !sizeMb) {
  console.error('usage: generate-world-cli.ts ROOT SIZE_MB [SERVER_ID]');
  process.exit(2);
}
console.log(JSON.stringify(await generateWorld(root, Number(sizeMb), serverId)));
