// Reads the text files of a .zip in the browser (a folder of AWS CLI outputs, zipped): the central directory gives
// every entry, stored entries are copied and deflated ones go through the platform's DecompressionStream
// ("deflate-raw"), so no zip library is needed. No encryption, no ZIP64 (a folder of CLI outputs is far below 4 GB).
// Layout: APPNOTE.TXT (PKWARE), sections 4.3.7 (local header), 4.3.12 (central directory), 4.3.16 (end record).

/** A zip this reader cannot open, with the reason. */
export class ZipReadError extends Error {}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** The files of the zip (folders left out) by their "/"-separated path, decoded as UTF-8 text. */
export async function readZipTextFiles(data: ArrayBuffer): Promise<Record<string, string>> {
  const view = new DataView(data);
  const end = findEndRecord(view);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const decoder = new TextDecoder('utf-8');
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== CENTRAL_FILE_HEADER) {
      throw new ZipReadError('The zip file is damaged: its list of files is cut short.');
    }
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = decoder.decode(new Uint8Array(data, offset + 46, nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
    if (flags & 0x1) throw new ZipReadError(`${name} is encrypted: zip the folder without a password.`);
    if (view.getUint32(localOffset, true) !== LOCAL_FILE_HEADER) throw new ZipReadError(`The zip file is damaged at ${name}.`);
    const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = new Uint8Array(data, start, compressedSize);
    const bytes = method === 0 ? raw : method === 8 ? await inflateRaw(raw) : null;
    if (!bytes) throw new ZipReadError(`${name} is compressed with method ${method}; only stored and deflated files can be read.`);
    files[name] = decoder.decode(bytes);
  }
  return files;
}

function findEndRecord(view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the end of the file.
  for (let offset = view.byteLength - 22; offset >= Math.max(0, view.byteLength - 22 - 65_535); offset--) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new ZipReadError('This is not a zip file (no end-of-archive record).');
}

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
