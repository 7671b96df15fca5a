/**
 * Saving an export: main asks with the system's save dialog (parented to
 * the window that asked) and writes the bytes where the person chose. The
 * renderer only suggests a name; it never names a path.
 */
import { extname, join } from 'node:path';
import { safeFileName } from '../shared/file-name.ts';
import type { SaveFileRequest, SaveFileResponse } from '../shared/ipc-contract.ts';
import type { FileSystem } from './atomic-file.ts';

export interface SaveDialogOptions {
  readonly title: string;
  readonly defaultPath: string;
  readonly filters: { name: string; extensions: string[] }[];
  readonly properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

export interface SaveFileDeps {
  /** `dialog.showSaveDialog` for the asking window. */
  readonly showSaveDialog: (options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string | undefined }>;
  /** Where the dialog starts: the user's Downloads folder. */
  readonly defaultDirectory: () => string;
  readonly fs: FileSystem;
}

const KNOWN_TYPES: Record<string, { name: string; extensions: string[] }> = {
  'application/zip': { name: 'Evidence bundle (zip)', extensions: ['zip'] },
  'application/pdf': { name: 'PDF document', extensions: ['pdf'] },
  'text/csv': { name: 'CSV table', extensions: ['csv'] },
  'application/json': { name: 'JSON', extensions: ['json'] },
  'application/x-ndjson': { name: 'JSON lines', extensions: ['jsonl'] },
};

export function createSaveFileHandler({ showSaveDialog, defaultDirectory, fs }: SaveFileDeps) {
  return async (request: SaveFileRequest): Promise<SaveFileResponse> => {
    const name = safeFileName(request.suggestedName);
    const extension = extname(name).slice(1).toLowerCase();
    const known = KNOWN_TYPES[request.mime.toLowerCase()];
    const filters = [
      ...(known === undefined ? extension === '' ? [] : [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }] : [known]),
      { name: 'All files', extensions: ['*'] },
    ];
    const choice = await showSaveDialog({ title: 'Save export', defaultPath: join(defaultDirectory(), name), filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { saved: false, location: null };
    await fs.writeAtomic(choice.filePath, request.bytes);
    return { saved: true, location: choice.filePath };
  };
}
