import { benchDocker } from './docker-bench';
for (let k = 0; k < 2; k++) {
  const d = await benchDocker(9);
  console.log(`missing ${d.missingP50.toFixed(0)} recreate ${d.recreateP50.toFixed(0)} raw ${d.rawP50.toFixed(0)} ratio ${(d.recreateP50/d.rawP50).toFixed(2)}`);
}
