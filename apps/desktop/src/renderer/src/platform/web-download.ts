/**
 * The web console's "save": a Blob behind a temporary `<a download>` link.
 * The browser chooses where the file goes, so no location comes back.
 */
import { safeFileName } from '../../../shared/file-name.ts';
import type { SaveFileResult } from './platform.ts';

export function downloadFile(doc: Document) {
  return (suggestedName: string, bytes: Uint8Array, mime: string): Promise<SaveFileResult> => {
    const url = URL.createObjectURL(new Blob([bytes.slice()], { type: mime }));
    try {
      const link = doc.createElement('a');
      link.href = url;
      link.download = safeFileName(suggestedName);
      link.rel = 'noopener';
      link.style.display = 'none';
      doc.body.append(link);
      link.click();
      link.remove();
    } finally {
      // Revoking at once can cancel the download in some browsers; a tick later is enough.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
    return Promise.resolve({ saved: true, location: null });
  };
}
