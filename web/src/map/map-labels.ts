// Names on a map as HTML markers: CJK text without shipping glyph files. HTML markers have no
// collision handling of their own: two seats a few pixels apart (a town and the street office
// inside it) would print one name over the other, so each label, in order, keeps its place if
// free, else moves just below or above its seat, else is hidden until a zoom gives it room — on
// every change and whenever the camera or the size settles.
import { Marker, type Map as MapLibreMap } from 'maplibre-gl'

export interface MapLabel {
  title: string
  subtitle?: string
  at: [number, number]
}

export class MapLabels {
  #markers: Marker[] = []

  constructor(
    private readonly map: MapLibreMap,
    private readonly className: string,
  ) {
    map.on('moveend', () => this.#declutter())
    map.on('resize', () => this.#declutter())
  }

  set(labels: readonly MapLabel[]): void {
    for (const marker of this.#markers) marker.remove()
    this.#markers = labels.map(({ title, subtitle, at }) => {
      const element = document.createElement('div')
      element.className = this.className
      const strong = element.appendChild(document.createElement('strong'))
      strong.textContent = title
      if (subtitle !== undefined) element.appendChild(document.createElement('span')).textContent = subtitle
      return new Marker({ element }).setLngLat(at).addTo(this.map)
    })
    this.#declutter()
  }

  #declutter(): void {
    if (this.#markers.length === 0) return
    for (const marker of this.#markers) {
      marker.setOffset([0, 0])
      marker.getElement().style.visibility = ''
    }
    const gap = 2
    const placed: DOMRect[] = []
    const overlaps = (box: DOMRect, dy: number) =>
      placed.some((other) => box.left < other.right + gap && other.left < box.right + gap && box.top + dy < other.bottom + gap && other.top < box.bottom + dy + gap)
    for (const marker of this.#markers) {
      const element = marker.getElement()
      const box = element.getBoundingClientRect()
      const step = box.height / 2 + gap
      const dy = [0, step, -step, 2 * step, -2 * step].find((candidate) => !overlaps(box, candidate))
      if (dy === undefined) {
        element.style.visibility = 'hidden'
        continue
      }
      if (dy !== 0) marker.setOffset([0, dy])
      placed.push(new DOMRect(box.x, box.y + dy, box.width, box.height))
    }
  }
}
