// Every module that makes a map imports this first: MapLibre's stylesheet, and its worker bundled
// by Vite with the URL set before any map is made (a page opened directly, not via another map
// page, would otherwise have no worker and never draw). The worker starts while the page mounts.
import { prewarm, setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url'
import 'maplibre-gl/dist/maplibre-gl.css'

setWorkerUrl(workerUrl)
prewarm()
