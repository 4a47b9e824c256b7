import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

interface StoredCredential {
  managerUrl: string;
  credential: string;
  agentId: string;
  savedAt: string;
}

/**
 * The credential a manager's `welcome` handed out, kept in `{stateDir}/credential.json` with
 * mode 0600 (directory 0700). It is only offered to the manager it came from.
 */
export class CredentialStore {
  private readonly file: string;

  constructor(
    private readonly stateDir: string,
    private readonly managerUrl: string,
  ) {
    this.file = path.join(stateDir, 'credential.json');
  }

  /** The stored credential for this manager, or null. */
  async load(): Promise<string | null> {
    try {
      const stored = JSON.parse(await readFile(this.file, 'utf8')) as Partial<StoredCredential>;
      if (
        stored.managerUrl !== this.managerUrl ||
        typeof stored.credential !== 'string' ||
        !stored.credential
      )
        return null;
      return stored.credential;
    } catch {
      return null;
    }
  }

  /** Stores atomically (temp file + rename), readable by the owner only. */
  async save(credential: string, agentId: string): Promise<void> {
    await mkdir(this.stateDir, { recursive: true, mode: 0o700 });
    const body: StoredCredential = {
      managerUrl: this.managerUrl,
      credential,
      agentId,
      savedAt: new Date().toISOString(),
    };
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.file);
  }
}
