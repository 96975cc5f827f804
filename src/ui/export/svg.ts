const SVG_NS = 'http://www.w3.org/2000/svg';

// Presentation properties copied from the page so that the file looks the same
// without the app's stylesheet and its CSS variables.
const STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap',
  'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'visibility', 'display', 'shape-rendering',
  // Label halos draw their stroke under the fill; without this the stroke covers the letters.
  'paint-order',
] as const;

function inlineComputedStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const declarations = STYLE_PROPERTIES
    .map((name) => [name, computed.getPropertyValue(name)] as const)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}:${value}`);
  if (declarations.length > 0) target.setAttribute('style', declarations.join(';'));
  target.removeAttribute('class');
  for (let i = 0; i < source.children.length; i++) {
    const sourceChild = source.children[i]!;
    const targetChild = target.children[i];
    if (targetChild) inlineComputedStyles(sourceChild, targetChild);
  }
}

export interface SvgMetadata {
  title: string;
  description: string;
}

/**
 * Serialises a chart's SVG as a standalone file: computed styles inlined, an
 * explicit size and viewBox, the page background behind it, and the scenario
 * URL in its <title> and <desc>.
 */
export function serialiseSvg(svg: SVGSVGElement, metadata: SvgMetadata): { text: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineComputedStyles(svg, clone);

  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.querySelectorAll(':scope > title, :scope > desc').forEach((node) => node.remove());

  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff');
  clone.insertBefore(background, clone.firstChild);

  // textContent escapes the text, so titles and URLs cannot inject markup.
  const desc = document.createElementNS(SVG_NS, 'desc');
  desc.textContent = metadata.description;
  clone.insertBefore(desc, clone.firstChild);
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = metadata.title;
  clone.insertBefore(title, clone.firstChild);

  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
  return { text, width, height };
}

/** Rasterises serialised SVG at the given pixel density into a PNG blob. */
export async function rasteriseSvg(text: string, width: number, height: number, pixelRatio: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * pixelRatio);
    canvas.height = Math.round(height * pixelRatio);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('PNG export failed: the browser gave no 2D canvas context.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasToPngBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed: the canvas could not be encoded.'))), 'image/png');
  });
}
