// The map pages' largest reads start while the page's code is still loading: main.ts asks for
// them at once, the stores take the responses when they first load. Only for pages that show the
// map, and only once: later loads (reconnects, ETag checks) go to the network as usual.
const mapPages = new Set(['/', '/wall'])
const prefetched = new Map<string, Promise<Response>>()

export function prefetchMapData(pathname: string): void {
  if (!mapPages.has(pathname)) return
  prefetched.set('/api/map/institutions', fetch('/api/map/institutions', { credentials: 'same-origin' }))
}

/** The prefetched response for `path`, once; otherwise a fresh request. */
export function fetchOnce(path: string, init: RequestInit): Promise<Response> {
  const early = prefetched.get(path)
  prefetched.delete(path)
  return early ?? fetch(path, init)
}
