import { ZipFile } from 'yazl';
import type { AppFiles } from './app-files';

/** Fixed timestamps make the same app produce the same zip, byte for byte. */
const EPOCH = new Date('2020-01-01T00:00:00Z');

/** The app's files zipped at the root, as `zcli apps:package` lays them out. */
export function zipApp(app: AppFiles): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [path, bytes] of app.files) zip.addBuffer(bytes, path, { mtime: EPOCH, mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
