import { describe, expect, it, vi } from 'vitest';
import { memoryFileSystem } from './atomic-file.ts';
import { createSaveFileHandler, type SaveFileDeps } from './save-file.ts';

function setup(choice: Awaited<ReturnType<SaveFileDeps['showSaveDialog']>>) {
  const fs = memoryFileSystem();
  const showSaveDialog = vi.fn<SaveFileDeps['showSaveDialog']>().mockResolvedValue(choice);
  return { fs, showSaveDialog, save: createSaveFileHandler({ showSaveDialog, defaultDirectory: () => '/home/officer/Downloads', fs }) };
}

const bytes = new Uint8Array([80, 75, 3, 4]);

describe('createSaveFileHandler', () => {
  it('asks where to save, starting in Downloads with the suggested name, and writes the bytes there', async () => {
    const { fs, showSaveDialog, save } = setup({ canceled: false, filePath: '/home/officer/evidence/acme.zip' });
    expect(await save({ suggestedName: 'acme-evidence.zip', bytes, mime: 'application/zip' })).toEqual({ saved: true, location: '/home/officer/evidence/acme.zip' });
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: '/home/officer/Downloads/acme-evidence.zip', filters: [{ name: 'Evidence bundle (zip)', extensions: ['zip'] }, { name: 'All files', extensions: ['*'] }] }),
    );
    expect(fs.files.get('/home/officer/evidence/acme.zip')).toEqual(bytes);
  });

  it('writes nothing when the person cancels', async () => {
    const { fs, save } = setup({ canceled: true, filePath: '' });
    expect(await save({ suggestedName: 'a.csv', bytes, mime: 'text/csv' })).toEqual({ saved: false, location: null });
    expect(fs.files.size).toBe(0);
  });

  it('never lets the suggested name leave the Downloads folder', async () => {
    const { showSaveDialog, save } = setup({ canceled: true });
    await save({ suggestedName: '../../../etc/passwd', bytes, mime: 'text/plain' });
    await save({ suggestedName: '..\\..\\boot.ini', bytes, mime: 'text/plain' });
    await save({ suggestedName: '..', bytes, mime: 'text/plain' });
    expect(showSaveDialog.mock.calls.map(([options]) => options.defaultPath)).toEqual([
      '/home/officer/Downloads/passwd',
      '/home/officer/Downloads/boot.ini',
      '/home/officer/Downloads/steward-export',
    ]);
  });

  it('offers a filter from the file name when the type is not one Steward exports', async () => {
    const { showSaveDialog, save } = setup({ canceled: true });
    await save({ suggestedName: 'notes.md', bytes, mime: 'text/markdown' });
    expect(showSaveDialog.mock.calls[0]?.[0].filters).toEqual([{ name: 'MD file', extensions: ['md'] }, { name: 'All files', extensions: ['*'] }]);
  });
});
