import { readStorage, storageKeys, writeStorage } from '../../lib/storage.ts';

/** The workspace `/` opens: the one used last on this browser. */
export function readLastWorkspace(): string | null {
  return readStorage(storageKeys.lastWorkspace);
}

export function rememberWorkspace(workspaceId: string): void {
  writeStorage(storageKeys.lastWorkspace, workspaceId);
}

/** After leaving a workspace or losing access, `/` must not lead back into it. */
export function forgetWorkspace(workspaceId: string): void {
  if (readLastWorkspace() === workspaceId) writeStorage(storageKeys.lastWorkspace, null);
}
