// QR codes of links, as SVG (printed letters and flyers: vector, sharp at any size) and PNG (for partners'
// own documents and chat apps). Error correction M: a printed code survives a fold or a smudge.
import QRCode from 'qrcode';

/** Modules of white around the symbol; the QR standard asks for four, and scanners need them on a busy page. */
const QUIET_ZONE = 4;

/**
 * The QR code as a small SVG: one path of filled runs per row (no strokes, so PDF printers draw exact squares).
 * The size is set by the caller's CSS; the viewBox is in modules.
 */
export function qrSvg(text: string, options: { title?: string } = {}): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      d += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`;
    }
  }
  const size = n + 2 * QUIET_ZONE;
  const title = options.title ? `<title>${escapeXml(options.title)}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img">${title}<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}

/** The QR code as a PNG of `pixelsPerModule` pixels a module (default 10: about 450 px for a link). */
export function qrPng(text: string, pixelsPerModule = 10): Promise<Buffer> {
  return QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: QUIET_ZONE, scale: pixelsPerModule, type: 'png' });
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
