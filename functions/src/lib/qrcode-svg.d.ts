/**
 * qrcode's browser entry (node_modules/qrcode/lib/browser.js): `toString` (SVG) with the same API
 * as the package's main entry, without the PNG and terminal renderers and pngjs that its Node entry
 * loads. Pure string output: it runs in Node as it is.
 */
declare module 'qrcode/lib/browser.js' {
  import type { QRCodeToStringOptions } from 'qrcode';

  const qrcode: { toString(text: string, options: QRCodeToStringOptions): Promise<string> };
  export = qrcode;
}
