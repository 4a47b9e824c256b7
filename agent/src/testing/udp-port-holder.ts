import { spawn } from 'node:child_process';

/** A separate process bound to host UDP `port` (as another game server would be); kill() lets go. */
export async function holdUdpPort(port: number) {
  const child = spawn(process.execPath, [
    '-e',
    `require('node:dgram').createSocket('udp4').bind(${port}, '0.0.0.0', () => console.log('bound'))`,
  ]);
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`port holder exited with ${code}`)));
  });
  return child;
}
