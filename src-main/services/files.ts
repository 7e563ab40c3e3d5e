// Files for the browser mode, which cannot hand the back end a path: uploads
// picked in the page are copied under VERBATIM_HOME/uploads/<id>/ (an import
// then reads that folder, and removes it once the samples are in), and exported files are read back for download —
// only from VERBATIM_HOME/exports, never an arbitrary path. The desktop app's
// native file dialog replaces `chooseFile` in the Electron adapter (ipc.ts).
import { mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ApiError, type ApiArgs, type FileResponses } from '../../src-common/api';
import { isInside, verbatimHome, writeFileAtomic } from '../../engine/node/index';

type Handlers = {
  [M in keyof FileResponses]: (args: ApiArgs<M>) => Promise<FileResponses[M]>;
};

export const uploadsDir = (): string => join(verbatimHome(), 'uploads');
export const exportsDir = (): string => join(verbatimHome(), 'exports');

/** Whether a path lies in an upload (VERBATIM_HOME/uploads/<uploadId>/…), present or not. */
export const isUploadPath = (path: string): boolean => isInside(resolve(path), uploadsDir());

/** Removes the upload a path lies in (after its import succeeded); other paths are left alone. */
export function removeUpload(path: string): void {
  const id = relative(uploadsDir(), resolve(path)).split(/[\\/]/)[0];
  if (id && isUploadPath(path)) rmSync(join(uploadsDir(), id), { recursive: true, force: true });
}

export function createFileService(): { handlers: Handlers } {
  const handlers: Handlers = {
    chooseFile: async () => {
      throw new ApiError(
        'bad-request',
        'File dialogs exist only in the desktop app; in the browser, upload or download instead.',
      );
    },
    uploadFiles: async ({ uploadId, files }) => {
      const id = uploadId ?? crypto.randomUUID();
      const dir = join(uploadsDir(), id);
      if (uploadId && !statSync(dir, { throwIfNoEntry: false })?.isDirectory())
        throw new ApiError('not-found', 'This upload is gone; start it again.');
      for (const f of files) {
        const target = resolve(dir, ...f.path.split('/'));
        if (!isInside(target, dir))
          throw new ApiError('bad-request', `${f.path} is outside the upload`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileAtomic(target, f.bytes);
      }
      return { uploadId: id, dir, files: files.length };
    },
    downloadExport: async ({ out }) => {
      const root = exportsDir();
      let path: string;
      try {
        path = realpathSync(resolve(out));
        if (!isInside(path, realpathSync(root)) || !statSync(path).isFile()) throw new Error();
      } catch {
        throw new ApiError(
          'bad-request',
          `Only exported files under ${root} can be downloaded; ${out} is not one.`,
        );
      }
      return { fileName: basename(path), base64: readFileSync(path).toString('base64') };
    },
  };
  return { handlers };
}
