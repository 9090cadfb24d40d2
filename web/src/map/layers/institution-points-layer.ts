// Institutions drawn straight from typed arrays by one WebGL draw call, for the wall: a province's
// 62,000 institutions appear in a frame, with no worker tiling them and no per-feature style
// evaluation. Colours are computed here from the same palette and classification as the legend;
// a theme switch or the passing minute recomputes one byte array, a live change rewrites one
// institution's four bytes. The interactive overview keeps MapLibre's circle layer (hit testing,
// filters); both draw the same sizes and colours.
import {
  MercatorCoordinate,
  type CustomLayerInterface,
  type CustomRenderMethodInput,
  type Map as MapLibreMap,
} from 'maplibre-gl'
import type { InstitutionRecord } from '@gridwatch/domain/institution-layer-format.ts'
import { classify, colorOf, type ThemeName } from '../palette.ts'

export const institutionPointsLayerId = 'institution-points'

/** Circle radius in CSS pixels by zoom, as the overview's circle layer: [zoom, large, small]. */
const radiusStops: [number, number, number][] = [
  [6, 2.5, 1.2],
  [8, 5, 3],
  [13, 10, 7],
]
/** Ring width by zoom: [zoom, blacklisted, others]. */
const strokeStops: [number, number, number][] = [
  [6, 1.5, 0],
  [9, 2.5, 1],
]
const largeTypes = new Set(['hospital', 'township_health_centre'])
const flagBlacklisted = 1
const flagLarge = 2

function interpolate(stops: [number, number, number][], zoom: number, column: 1 | 2): number {
  if (zoom <= stops[0]![0]) return stops[0]![column]
  for (let index = 1; index < stops.length; index++) {
    const [upperZoom] = stops[index]!
    if (zoom <= upperZoom) {
      const lower = stops[index - 1]!
      const upper = stops[index]!
      return lower[column] + ((upper[column] - lower[column]) * (zoom - lower[0])) / (upperZoom - lower[0])
    }
  }
  return stops[stops.length - 1]![column]
}

export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

const vertexShader = `#version 300 es
in vec2 a_position;
in vec4 a_color;
uniform mat4 u_matrix;
uniform vec2 u_radius;      // large, small (CSS px)
uniform vec2 u_stroke;      // blacklisted, others (CSS px)
uniform float u_pixel_ratio;
out vec3 v_color;
out float v_radius;
out float v_outer;
out float v_blacklisted;
void main() {
  gl_Position = u_matrix * vec4(a_position, 0.0, 1.0);
  float flags = floor(a_color.a * 255.0 + 0.5);
  float blacklisted = mod(flags, 2.0);
  float large = mod(floor(flags / 2.0), 2.0);
  v_radius = mix(u_radius.y, u_radius.x, large);
  v_outer = v_radius + mix(u_stroke.y, u_stroke.x, blacklisted);
  v_blacklisted = blacklisted;
  v_color = a_color.rgb;
  gl_PointSize = (2.0 * v_outer + 2.0) * u_pixel_ratio;
}`

const fragmentShader = `#version 300 es
precision mediump float;
in vec3 v_color;
in float v_radius;
in float v_outer;
in float v_blacklisted;
uniform vec3 u_stroke_color;
uniform float u_pixel_ratio;
out vec4 fragColor;
void main() {
  // Distance from the centre in CSS pixels; the sprite is one pixel larger than the ring all round.
  float distance = length(gl_PointCoord * 2.0 - 1.0) * (v_outer + 1.0);
  float alpha = 1.0 - smoothstep(v_outer - 0.5, v_outer + 0.5, distance);
  if (alpha <= 0.0) discard;
  vec3 ring = mix(u_stroke_color, vec3(0.0), v_blacklisted);
  vec3 color = mix(v_color, ring, smoothstep(v_radius - 0.5, v_radius + 0.5, distance) * step(0.01, v_outer - v_radius));
  fragColor = vec4(color * alpha, alpha);
}`

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!
  gl.shaderSource(shader, source)
  gl.compileShader(shader)
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS))
    throw new Error(`institution points shader: ${gl.getShaderInfoLog(shader)}`)
  return shader
}

export class InstitutionPointsLayer implements CustomLayerInterface {
  readonly id = institutionPointsLayerId
  readonly type = 'custom' as const
  readonly renderingMode = '2d' as const
  #map: MapLibreMap | null = null
  #program: WebGLProgram | null = null
  #vertexArray: WebGLVertexArrayObject | null = null
  #positionBuffer: WebGLBuffer | null = null
  #colorBuffer: WebGLBuffer | null = null
  #uniforms: Record<string, WebGLUniformLocation | null> = {}
  #records: readonly InstitutionRecord[] = []
  #indexById = new Map<number, number>()
  #positions = new Float32Array(0)
  #colors = new Uint8Array(0)
  #positionsDirty = false
  #colorsDirty = false
  #theme: ThemeName
  #nowMinute: number
  #radiusScale: number
  readonly #strokeColor: [number, number, number]
  #onDrawn: (() => void) | null = null

  constructor(options: { theme: ThemeName; nowMinute: number; radiusScale?: number; strokeColor?: string }) {
    this.#theme = options.theme
    this.#nowMinute = options.nowMinute
    this.#radiusScale = options.radiusScale ?? 1
    this.#strokeColor = hexToRgb(options.strokeColor ?? '#ffffff')
  }

  get count(): number {
    return this.#records.length
  }

  onAdd(map: MapLibreMap, gl: WebGL2RenderingContext): void {
    this.#map = map
    const program = gl.createProgram()!
    gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, vertexShader))
    gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, fragmentShader))
    gl.linkProgram(program)
    if (!gl.getProgramParameter(program, gl.LINK_STATUS))
      throw new Error(`institution points program: ${gl.getProgramInfoLog(program)}`)
    this.#program = program
    for (const name of ['u_matrix', 'u_radius', 'u_stroke', 'u_pixel_ratio', 'u_stroke_color'])
      this.#uniforms[name] = gl.getUniformLocation(program, name)
    this.#vertexArray = gl.createVertexArray()
    gl.bindVertexArray(this.#vertexArray)
    this.#positionBuffer = gl.createBuffer()
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#positionBuffer)
    const position = gl.getAttribLocation(program, 'a_position')
    gl.enableVertexAttribArray(position)
    gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0)
    this.#colorBuffer = gl.createBuffer()
    gl.bindBuffer(gl.ARRAY_BUFFER, this.#colorBuffer)
    const color = gl.getAttribLocation(program, 'a_color')
    gl.enableVertexAttribArray(color)
    gl.vertexAttribPointer(color, 4, gl.UNSIGNED_BYTE, true, 0, 0)
    gl.bindVertexArray(null)
    this.#positionsDirty = this.#colorsDirty = true
  }

  onRemove(_map: MapLibreMap, gl: WebGL2RenderingContext): void {
    gl.deleteBuffer(this.#positionBuffer)
    gl.deleteBuffer(this.#colorBuffer)
    gl.deleteVertexArray(this.#vertexArray)
    gl.deleteProgram(this.#program)
    this.#map = null
  }

  /** The whole layer; `onDrawn` runs after the first frame that draws it. */
  setRecords(records: readonly InstitutionRecord[], onDrawn?: () => void): void {
    this.#records = records
    this.#indexById = new Map(records.map((record, index) => [record.id, index]))
    this.#positions = new Float32Array(records.length * 2)
    records.forEach((record, index) => {
      const { x, y } = MercatorCoordinate.fromLngLat([record.lon, record.lat])
      this.#positions[index * 2] = x
      this.#positions[index * 2 + 1] = y
    })
    this.#colors = new Uint8Array(records.length * 4)
    this.#recolor()
    this.#positionsDirty = true
    this.#onDrawn = onDrawn ?? null
    this.#map?.triggerRepaint()
  }

  /** Live changes: only these institutions' colours; returns how many were found. */
  update(records: readonly InstitutionRecord[]): number {
    let found = 0
    for (const record of records) {
      const index = this.#indexById.get(record.id)
      if (index === undefined) continue
      ;(this.#records as InstitutionRecord[])[index] = record
      this.#colorAt(index, record)
      found++
    }
    this.#colorsDirty = found > 0
    this.#map?.triggerRepaint()
    return found
  }

  /** Colours by this theme as of this minute. */
  restyle(theme: ThemeName, nowMinute: number): void {
    if (theme === this.#theme && nowMinute === this.#nowMinute) return
    this.#theme = theme
    this.#nowMinute = nowMinute
    this.#recolor()
  }

  setRadiusScale(scale: number): void {
    this.#radiusScale = scale
    this.#map?.triggerRepaint()
  }

  /** Where an institution is drawn, or null if this layer does not hold it. */
  positionOf(id: number): [number, number] | null {
    const index = this.#indexById.get(id)
    return index === undefined ? null : [this.#records[index]!.lon, this.#records[index]!.lat]
  }

  /** Institutions drawn inside the map's canvas at the current view. */
  idsInView(): number[] {
    const map = this.#map
    if (!map) return []
    const { clientWidth: width, clientHeight: height } = map.getCanvas()
    return this.#records
      .filter((record) => {
        const { x, y } = map.project([record.lon, record.lat])
        return x >= 0 && y >= 0 && x <= width && y <= height
      })
      .map((record) => record.id)
  }

  /** The colour this layer gives an institution now, as [r, g, b]. */
  colorOf(id: number): [number, number, number] | null {
    const index = this.#indexById.get(id)
    return index === undefined
      ? null
      : [this.#colors[index * 4]!, this.#colors[index * 4 + 1]!, this.#colors[index * 4 + 2]!]
  }

  #recolor(): void {
    this.#records.forEach((record, index) => this.#colorAt(index, record))
    this.#colorsDirty = true
    this.#map?.triggerRepaint()
  }

  #colorAt(index: number, record: InstitutionRecord): void {
    const [red, green, blue] = hexToRgb(colorOf(this.#theme, classify(this.#theme, record, this.#nowMinute)))
    const offset = index * 4
    this.#colors[offset] = red
    this.#colors[offset + 1] = green
    this.#colors[offset + 2] = blue
    this.#colors[offset + 3] =
      (record.blacklisted ? flagBlacklisted : 0) | (largeTypes.has(record.type) ? flagLarge : 0)
  }

  render(gl: WebGL2RenderingContext | WebGLRenderingContext, options: CustomRenderMethodInput): void {
    const context = gl as WebGL2RenderingContext
    if (!this.#program || !this.#map) return
    if (this.#positionsDirty) {
      context.bindBuffer(context.ARRAY_BUFFER, this.#positionBuffer)
      context.bufferData(context.ARRAY_BUFFER, this.#positions, context.STATIC_DRAW)
      this.#positionsDirty = false
    }
    if (this.#colorsDirty) {
      context.bindBuffer(context.ARRAY_BUFFER, this.#colorBuffer)
      context.bufferData(context.ARRAY_BUFFER, this.#colors, context.DYNAMIC_DRAW)
      this.#colorsDirty = false
    }
    if (this.#records.length === 0) return
    const zoom = this.#map.getZoom()
    const scale = this.#radiusScale
    context.useProgram(this.#program)
    context.uniformMatrix4fv(this.#uniforms.u_matrix!, false, options.defaultProjectionData.mainMatrix as Float32Array)
    context.uniform2f(
      this.#uniforms.u_radius!,
      interpolate(radiusStops, zoom, 1) * scale,
      interpolate(radiusStops, zoom, 2) * scale,
    )
    context.uniform2f(this.#uniforms.u_stroke!, interpolate(strokeStops, zoom, 1), interpolate(strokeStops, zoom, 2))
    context.uniform1f(this.#uniforms.u_pixel_ratio!, this.#map.getPixelRatio())
    context.uniform3f(
      this.#uniforms.u_stroke_color!,
      ...(this.#strokeColor.map((channel) => channel / 255) as [number, number, number]),
    )
    context.bindVertexArray(this.#vertexArray)
    context.drawArrays(context.POINTS, 0, this.#records.length)
    context.bindVertexArray(null)
    if (this.#onDrawn) {
      const drawn = this.#onDrawn
      this.#onDrawn = null
      drawn()
    }
  }
}
