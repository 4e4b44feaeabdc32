/**
 * The CRC-32 (IEEE 802.3, the zlib and PNG checksum) of the weights data, stored in
 * `model.json` so that a corrupted binary of the right length is caught on load.
 */

/** `TABLE[n]` is the CRC of the byte `n`, for the reflected polynomial `0xEDB88320`. */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The CRC-32 of `data` as 8 lower-case hex digits: `crc = TABLE[(crc ^ byte) & 0xFF] ^ (crc >>> 8)`
 * over every byte, starting from and finally XOR-ed with `0xFFFFFFFF`.
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789').buffer); // 'cbf43926'
 * ```
 */
export function crc32(data: ArrayBuffer): string {
  const bytes = new Uint8Array(data);
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
