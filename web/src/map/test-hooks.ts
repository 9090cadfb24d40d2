// What browser tests reach on `window` (the live map, the wall's point layer, the planner's map):
// attached only in a browser driven by automation (navigator.webdriver, which Chromium sets when
// Playwright drives it), so a person's browser never carries them and no page script can lean on them.
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { InstitutionPointsLayer } from './layers/institution-points-layer.ts'

declare global {
  interface Window {
    /** The live map, for browser tests that count what is drawn. */
    gridwatchMap?: MapLibreMap
    /** The wall's point layer, for browser tests that read what it draws. */
    gridwatchInstitutionPoints?: InstitutionPointsLayer
    /** The planner's map. */
    gridwatchPlannerMap?: MapLibreMap
  }
}

type Hooks = Pick<Window, 'gridwatchMap' | 'gridwatchInstitutionPoints' | 'gridwatchPlannerMap'>

const automated = typeof navigator !== 'undefined' && navigator.webdriver === true

/** Attaches a test hook when automation drives the browser; does nothing otherwise. */
export function exposeForTests<Name extends keyof Hooks>(name: Name, value: Hooks[Name] | null): void {
  if (automated && value) (window as Hooks)[name] = value
}

/** Removes the hook if it is still this value (another page may have replaced it). */
export function withdrawForTests<Name extends keyof Hooks>(name: Name, value: Hooks[Name] | null): void {
  if ((window as Hooks)[name] === value) delete (window as Hooks)[name]
}
