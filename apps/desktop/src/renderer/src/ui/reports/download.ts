/**
 * Saves bytes as a file from the renderer: a Blob and an <a download>.
 * Local helper until the platform offers its own `saveFile` (Electron's
 * save dialog); in the web console this is the browser's download.
 */
export function downloadBytes(bytes: Uint8Array, fileName: string, mediaType: string): void {
  // Copy into a fresh ArrayBuffer-backed array: Blob wants ArrayBuffer, not a possibly shared buffer.
  const blob = new Blob([new Uint8Array(bytes)], { type: mediaType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; give slow browsers a moment before freeing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
