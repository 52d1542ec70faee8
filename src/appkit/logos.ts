import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from './browser';
import { encodeRgbaPng } from './png-encode';
import { LOGO, LOGO_SMALL } from './rules/assets';

/**
 * Renders the SVG logo to the PNGs the marketplace requires (logo.png 320×320 and
 * logo-small.png 128×128, PNG-24 with transparency). Chromium draws the SVG on a canvas;
 * the pixels are encoded here, so the files are RGBA whatever Chromium's encoder would pick.
 */
export async function renderLogos(svgPath: string, assetsDir: string): Promise<string[]> {
  const svg = await readFile(svgPath, 'utf8');
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const written: string[] = [];
    for (const logo of [LOGO, LOGO_SMALL]) {
      const base64 = await page.evaluate(
        async ({ src, width, height }) => {
          const img = new Image(width, height);
          img.src = src;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = width;
          canvas.height = height;
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(img, 0, 0, width, height);
          const pixels = ctx.getImageData(0, 0, width, height).data;
          let binary = '';
          for (let i = 0; i < pixels.length; i++) binary += String.fromCharCode(pixels[i]!);
          return btoa(binary);
        },
        { src: dataUrl, width: logo.width, height: logo.height },
      );
      const out = path.join(assetsDir, path.basename(logo.path));
      await writeFile(out, encodeRgbaPng(logo.width, logo.height, Buffer.from(base64, 'base64')));
      written.push(out);
    }
    return written;
  } finally {
    await browser.close();
  }
}
