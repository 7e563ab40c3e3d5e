// Getting files in and out of the back end from the page: the desktop app
// asks for a path with the system's dialog (chooseFile); the browser mode,
// which cannot name a path, uploads picked files and downloads exports.
import { useEffect, useState } from 'react';
import { MAX_UPLOAD_BYTES, type AppInfo, type VerbatimApi } from '../../src-common/api';

/** Which transport serves the page (null while asking). */
export function useTransport(api: VerbatimApi): AppInfo['transport'] | null {
  const [transport, setTransport] = useState<AppInfo['transport'] | null>(null);
  useEffect(() => {
    api.getAppInfo().then(
      (info) => setTransport(info.transport),
      () => setTransport('browser'),
    );
  }, [api]);
  return transport;
}

/** Saves bytes as a file through the browser's download. */
export function downloadBytes(
  fileName: string,
  bytes: BlobPart,
  type = 'application/octet-stream',
) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a file the back end exported (under VERBATIM_HOME/exports). */
export async function downloadExport(api: VerbatimApi, out: string): Promise<string> {
  const { fileName, base64 } = await api.downloadExport({ out });
  downloadBytes(
    fileName,
    Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)),
  );
  return fileName;
}

/** A batch stays well under the request limit. */
const BATCH_BYTES = Math.min(16 * 1024 * 1024, MAX_UPLOAD_BYTES);

/**
 * Uploads picked files (a folder keeps its relative paths) in batches; returns
 * the back end's copy: the folder, or the file itself when only one was picked.
 */
export async function uploadFiles(
  api: VerbatimApi,
  files: File[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<string> {
  let uploadId: string | null = null;
  let dir = '';
  let batch: { path: string; bytes: Uint8Array }[] = [];
  let size = 0;
  let done = 0;
  const send = async () => {
    if (!batch.length) return;
    const r = await api.uploadFiles({ uploadId, files: batch });
    ({ uploadId, dir } = r);
    done += batch.length;
    onProgress(done, files.length);
    batch = [];
    size = 0;
  };
  for (const file of files) {
    if (file.size > MAX_UPLOAD_BYTES)
      throw new Error(
        `${file.name} is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB; the desktop app can import it from its folder.`,
      );
    if (size + file.size > BATCH_BYTES) await send();
    // webkitRelativePath keeps the folder structure ("an4/wav/x.wav"); a plain pick has none
    const path = (file.webkitRelativePath || file.name).replace(/\\/g, '/');
    batch.push({ path, bytes: new Uint8Array(await file.arrayBuffer()) });
    size += file.size;
  }
  await send();
  // one file: that file; one picked folder: that folder inside the upload
  const paths = files.map((f) => (f.webkitRelativePath || f.name).replace(/\\/g, '/'));
  if (paths.length === 1) return `${dir}/${paths[0]}`;
  const top = paths[0]!.split('/')[0]!;
  return paths.every((p) => p.startsWith(`${top}/`)) ? `${dir}/${top}` : dir;
}
