import { encode } from 'uqr';

export interface QrDrawing {
  /** Width and height in modules, including the quiet zone. */
  size: number;
  /** One SVG path covering every dark module. */
  path: string;
}

/**
 * Encodes text as a QR code and draws it as a single SVG path, which renders
 * crisply at any size and needs no canvas, inline style or data URL.
 */
export function drawQrCode(text: string): QrDrawing {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { size, path };
}
