/** What the IHDR chunk of a PNG says. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads a PNG's header; null when the bytes are not a PNG. */
export function readPngInfo(bytes: Buffer): PngInfo | null {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(SIGNATURE)) return null;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes.readUInt8(24),
    colorType: bytes.readUInt8(25),
  };
}

/** True when the PNG can carry transparency: an alpha channel, or a tRNS chunk. */
export function pngHasAlpha(bytes: Buffer, info: PngInfo): boolean {
  return info.colorType === 4 || info.colorType === 6 || bytes.includes(Buffer.from('tRNS', 'latin1'));
}
