/** Reading model files from disk or from the app's own origin, with byte progress. */

export interface ByteProgress {
  loadedBytes: number;
  /** Null when the size is not known in advance (a response without Content-Length). */
  totalBytes: number | null;
}

/** Reads a stream into one ArrayBuffer, reporting progress; preallocates when the size is known. */
export async function readStream(stream: ReadableStream<Uint8Array>, totalBytes: number | null, onProgress: (progress: ByteProgress) => void): Promise<ArrayBuffer> {
  const reader = stream.getReader();
  let buffer = new Uint8Array(totalBytes ?? 1 << 20);
  let loadedBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loadedBytes + value.byteLength > buffer.byteLength) {
      const grown = new Uint8Array(Math.max(buffer.byteLength * 2, loadedBytes + value.byteLength));
      grown.set(buffer.subarray(0, loadedBytes));
      buffer = grown;
    }
    buffer.set(value, loadedBytes);
    loadedBytes += value.byteLength;
    onProgress({ loadedBytes, totalBytes });
  }
  return loadedBytes === buffer.byteLength ? buffer.buffer : buffer.slice(0, loadedBytes).buffer;
}

export function readFileWithProgress(file: File, onProgress: (progress: ByteProgress) => void): Promise<ArrayBuffer> {
  return readStream(file.stream(), file.size, onProgress);
}

/**
 * Resolves a URL the user typed against the page and checks that it stays on
 * the app's own origin, since the app makes no request to any other host.
 */
export function resolveSameOriginUrl(raw: string, pageUrl: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim(), pageUrl);
  } catch {
    throw new Error(`"${raw}" is not a valid URL. Type the address of model.safetensors, such as /models/gpt2/model.safetensors.`);
  }
  const page = new URL(pageUrl);
  if (url.origin !== page.origin) {
    throw new Error(`${url.origin} is another site: this app loads files only from its own origin (${page.origin}). Download model.safetensors and config.json yourself and choose them with "Choose files", or serve them beside the app.`);
  }
  return url;
}

/** Returns the URL of the config.json next to a model.safetensors URL. */
export function siblingConfigUrl(modelUrl: URL): URL {
  return new URL('config.json', modelUrl);
}

export async function fetchWithProgress(url: URL, onProgress: (progress: ByteProgress) => void, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(url, { signal });
  if (!response.ok || !response.body) throw new Error(`Loading ${url.pathname} failed: HTTP ${response.status} ${response.statusText}.`);
  // Servers that route every path to the app (as single-page hosting does) return HTML with status 200 for a missing file.
  if (response.headers.get('Content-Type')?.startsWith('text/html')) {
    throw new Error(`Loading ${url.pathname} failed: the server returned an HTML page, not the file, so the file is probably not at that URL. Check the URL.`);
  }
  const length = Number(response.headers.get('Content-Length'));
  return readStream(response.body, Number.isFinite(length) && length > 0 ? length : null, onProgress);
}
