import { levelForScale } from '../../core/fabric/pyramid.ts';
import type { Camera } from '../../state/fabricStore.ts';
import type { HeatmapRenderer, Viewport } from './canvasRenderer.ts';
import type { HeatmapImage, ImageLevel } from './heatmapImage.ts';

const VERTEX_SHADER = `
attribute vec2 corner;
uniform vec2 size;      // quad size in fabric units
uniform vec3 camera;    // k, x, y in CSS pixels
uniform vec2 viewport;  // CSS pixels
varying vec2 uv;
void main() {
  vec2 world = corner * size;
  vec2 screen = world * camera.x + camera.yz;
  vec2 clip = screen / viewport * 2.0 - 1.0;
  gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
  uv = corner;
}`;

const FRAGMENT_SHADER = `
precision mediump float;
uniform sampler2D image;
varying vec2 uv;
void main() { gl_FragColor = texture2D(image, uv); }`;

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`WebGL shader failed to compile: ${gl.getShaderInfoLog(shader) ?? 'no log'}`);
  return shader;
}

/**
 * Draws the same pyramid level as the Canvas2D renderer as one textured quad
 * with nearest filtering. Kept so both paths can be measured; the view uses
 * Canvas2D, which measured faster where WebGL runs in software.
 */
export class WebGLRenderer implements HeatmapRenderer {
  readonly kind = 'webgl';
  private readonly gl: WebGLRenderingContext;
  private readonly program: WebGLProgram;

  /** Throws when WebGL is unavailable; callers fall back to Canvas2D. */
  constructor(canvas: HTMLCanvasElement) {
    const gl = canvas.getContext('webgl', { alpha: false, antialias: false, preserveDrawingBuffer: true });
    if (!gl) throw new Error('WebGL is not available in this browser.');
    this.gl = gl;
    const program = gl.createProgram()!;
    gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX_SHADER));
    gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT_SHADER));
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`WebGL program failed to link: ${gl.getProgramInfoLog(program) ?? 'no log'}`);
    this.program = program;
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0, 0, 1, 0, 0, 1, 1, 1]), gl.STATIC_DRAW);
    const corner = gl.getAttribLocation(program, 'corner');
    gl.enableVertexAttribArray(corner);
    gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
  }

  private texture(level: ImageLevel): WebGLTexture {
    const gl = this.gl;
    if (level.texture) return level.texture;
    const texture = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, level.pixels);
    level.texture = texture;
    return texture;
  }

  draw(image: HeatmapImage, camera: Camera, viewport: Viewport): void {
    const gl = this.gl;
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.clearColor(0.106, 0.122, 0.141, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const levelIndex = levelForScale(camera.k * viewport.dpr, image.levels.length);
    const level = image.levels[levelIndex]!;
    const cell = 2 ** levelIndex;
    gl.useProgram(this.program);
    gl.bindTexture(gl.TEXTURE_2D, this.texture(level));
    gl.uniform2f(gl.getUniformLocation(this.program, 'size'), level.width * cell, level.height * cell);
    gl.uniform3f(gl.getUniformLocation(this.program, 'camera'), camera.k, camera.x, camera.y);
    gl.uniform2f(gl.getUniformLocation(this.program, 'viewport'), viewport.width, viewport.height);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  readPixel(x: number, y: number): [number, number, number, number] {
    const gl = this.gl;
    const out = new Uint8Array(4);
    gl.readPixels(x, gl.drawingBufferHeight - 1 - y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, out);
    return [out[0]!, out[1]!, out[2]!, out[3]!];
  }
}
