import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../dispatch';
import { useTempHome } from '../../engine/node/test-support/index';
import { createFileService, exportsDir, removeUpload } from './files';

useTempHome('files-svc-');
const bytes = (s: string) => new TextEncoder().encode(s);

describe('file service (browser mode)', () => {
  it('copies uploaded batches into one folder under VERBATIM_HOME/uploads', async () => {
    const h = createFileService().handlers;
    const first = await h.uploadFiles(
      validateRequest('uploadFiles', { files: [{ path: 'clips/a.txt', bytes: bytes('a') }] }),
    );
    const second = await h.uploadFiles(
      validateRequest('uploadFiles', {
        uploadId: first.uploadId,
        files: [{ path: 'clips/deeper/b.txt', bytes: bytes('b') }],
      }),
    );
    expect(second.dir).toBe(first.dir);
    expect(readFileSync(join(first.dir, 'clips/a.txt'), 'utf8')).toBe('a');
    expect(readFileSync(join(first.dir, 'clips/deeper/b.txt'), 'utf8')).toBe('b');
    removeUpload(join(first.dir, 'clips'));
    expect(existsSync(first.dir)).toBe(false);
    mkdirSync(exportsDir(), { recursive: true });
    writeFileSync(join(exportsDir(), 'kept.txt'), 'x');
    removeUpload(join(exportsDir(), 'kept.txt')); // not an upload: left alone
    expect(existsSync(join(exportsDir(), 'kept.txt'))).toBe(true);
    await expect(
      h.uploadFiles(
        validateRequest('uploadFiles', {
          uploadId: '00000000-0000-0000-0000-000000000000',
          files: [{ path: 'x', bytes: bytes('x') }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('downloads exported files only, and says the desktop app has the dialogs', async () => {
    const h = createFileService().handlers;
    mkdirSync(exportsDir(), { recursive: true });
    const file = join(exportsDir(), 'voice-nemo.jsonl');
    writeFileSync(file, '{"text":"one"}\n');
    const got = await h.downloadExport({ out: file });
    expect([got.fileName, Buffer.from(got.base64, 'base64').toString()]).toEqual([
      'voice-nemo.jsonl',
      '{"text":"one"}\n',
    ]);
    for (const out of [join(exportsDir(), '..', 'active.json'), exportsDir(), '/etc/passwd'])
      await expect(h.downloadExport({ out })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(
      h.chooseFile(validateRequest('chooseFile', { mode: 'save', title: 'Export to' })),
    ).rejects.toThrow(/only in the desktop app/);
  });
});
