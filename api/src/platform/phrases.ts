// Messages a person reads, sent both ways: `message` is the English sentence (for other tools,
// logs and the English UI), `key` and `params` let the web phrase the same thing in Chinese
// (vue-i18n's `phrases.<key>`). Params stay data — a feature's index and name, an area in m², a
// ring's position — so each language writes them its own way.

/** A feature of an uploaded collection, by its index, with its name when it has one. */
export interface FeatureRef {
  feature: number
  name?: string
}
/** A ring of a feature's geometry; `polygon` for MultiPolygons. */
export interface RingRef {
  ring: number
  polygon?: number
}
export interface AreaRef {
  squareMeters: number
}
export type PhraseParam = string | number | FeatureRef | RingRef | AreaRef | (string | number | FeatureRef)[]
export type PhraseParams = Record<string, PhraseParam>

const english = {
  // Grid polygons (validate-grids.ts).
  'collection-empty': 'The collection holds no grids.',
  'feature-not-polygon': '{feature} is not a Feature with a Polygon or MultiPolygon geometry.',
  'polygon-without-rings': '{feature}: polygon {polygon} has no rings.',
  'ring-not-positions': '{feature}, {ring}: every position must be [longitude, latitude] in numbers.',
  'ring-too-few-positions':
    '{feature}, {ring}: a ring needs at least four positions (the first repeated at the end); it has {count}.',
  'ring-unclosed': '{feature}, {ring}: the ring is not closed (it starts at {start} and ends at {end}).',
  'coordinates-swapped':
    '{feature}: the coordinates look like [latitude, longitude]; GeoJSON wants [longitude, latitude].',
  'coordinates-out-of-range': '{feature}: {count} position(s) outside longitude −180…180 / latitude −90…90.',
  'polygon-invalid': '{feature} is not a valid polygon: {reason}.',
  'overlap-sliver': 'A sliver of {area} where {feature} and {other} overlap.',
  overlap: '{feature} and {other} overlap by {area}.',
  'gap-sliver': 'A sliver of {area} that no grid covers.',
  gap: '{area} of the district belongs to no grid.',
  'outside-entirely': '{feature} lies entirely outside the district.',
  'outside-sliver': 'A sliver of {area} of {feature} lies outside the district outline.',
  outside: '{area} of {feature} lies outside the district.',
  'institution-uncovered': '{institution} lies in no grid.',
  'institution-covered-twice': '{institution} lies in {count} grids ({features}).',
  // Drafts (drafts.ts).
  'village-unassigned': '{village} belongs to no grid.',
  'grid-empty': 'Grid {grid} has no villages.',
  'grid-without-zone': 'Grid {grid} belongs to no zone.',
  'grid-unnamed': 'A grid has no name.',
  'grid-name-twice': '{count} grids are called {name}.',
  'grid-shape-invalid': 'The shape of grid {grid} is not valid.',
  'grid-in-pieces': 'Grid {grid} is in {count} pieces; join them or allow it explicitly.',
  // Grid and village imports.
  'feature-unnamed': '{feature} has no name (a "name" or "网格名称" property).',
  'features-same-name': 'Features {features} are all called {name}.',
  'zone-unknown': '{feature} names the zone {zone}, which does not exist (zones: {zones}).',
  'zone-missing': '{feature} names no zone; choose one in the planner before publishing.',
  'grid-without-seat': '{feature} holds no village seat, so the grid would have no villages.',
  'village-outside-grids': 'The village {village} lies in none of the imported grids.',
  'village-unmatched': '{feature} matches no village of the district by statistical code or unique name.',
  'village-twice': 'Features {first} and {second} are both {village}.',
  'village-without-polygon': 'The file has no polygon for {village}.',
  // Institution lists: reasons a row is rejected, and what changes.
  'column-empty': '{column} is empty',
  'type-unknown': '{column} "{value}" is not one of 村卫生室, 卫生院, 医院, 诊所, 药店',
  'status-unknown': '{column} "{value}" is not one of 正常, 暂停, 关闭',
  'position-not-numbers': '经度/纬度 "{lon}", "{lat}" are not numbers',
  'position-out-of-range': '经度/纬度 {lon}, {lat} are out of range',
  'position-outside-district':
    "the position {lon}, {lat} (WGS84) lies outside the district's villages; check 经度/纬度 and the coordinate system",
  'header-lacks-columns': 'the header lacks {missing} (accepted names: {accepted})',
  'header-without-rows': 'the file has a header but no rows',
  'code-twice': 'code {code} is also on row {row}',
  'changed-name': 'name {before} → {after}',
  'changed-type': 'type {before} → {after}',
  'changed-status': 'status {before} → {after}',
  'changed-position': 'moved {meters} m',
  'changed-grid': 'grid {before} → {after}',
  'changed-address': 'address',
  'changed-contact': 'contact',
  // Drafts and publishing (planner.ts, drafts.ts).
  'draft-saved-meanwhile':
    '{user} saved this draft (revision {revision}) after you opened revision {yours}. Grids that differ from what you sent: {grids}. Reload it and apply your edit again; nothing of yours was saved.',
  'draft-saved-meanwhile-by-someone':
    'Another planner saved this draft (revision {revision}) after you opened revision {yours}. Grids that differ from what you sent: {grids}. Reload it and apply your edit again; nothing of yours was saved.',
  'draft-closed': 'Draft {id} is {status}; start a new draft.',
  'draft-revision-stale': 'Draft {id} is at revision {revision}, not {yours}; reload it before publishing.',
  'draft-has-problems': '{count} problem(s) first, e.g. {example}',
  'published-meanwhile':
    'The boundaries were published again after this draft was started (version {version}); start a new draft from them.',
  'draft-is-scheduled': 'Draft {id} is scheduled to take effect on {date}; cancel the schedule to change it.',
  'another-draft-scheduled':
    'Draft {id} ({name}) is already scheduled to take effect on {date}; cancel its schedule first.',
  'draft-not-scheduled': 'Draft {id} is not scheduled.',
  'effective-date-invalid': '{date} is not a date of the calendar.',
  'upload-too-large':
    "The upload exceeds {megabytes} MB; a county's grids are a few MB. Split the file or simplify the shapes.",
  // Logging in.
  'login-failed': 'Wrong username or password.',
  'login-required': 'Log in to do this.',
  // A refusal (403) from can(): the reason in English; the web words it from the role and the action.
  'not-allowed': '{reason}',
  'not-in-scope': '{reason}',
  'second-factor-required': 'Enter the 6-digit code from your authenticator app (or a recovery code).',
  'second-factor-wrong':
    'The code is wrong or already used. Check the time on your phone, wait for the next code and try again.',
  'second-factor-unreadable':
    "This account's second factor was set up under another secret key (GRIDWATCH_SECRET_KEY_FILE) and cannot be checked here. Ask the security administrator to reset it, or restore the key file that belongs to this database.",
  'second-factor-enrolment-required':
    'Your account needs a second factor (authenticator app) before it can be used: set it up on the account security page.',
  'password-change-required':
    'Your password is a temporary one an administrator set: choose your own on the account security page before anything else.',
  'second-factor-kept':
    'Your role must sign in with a second factor; an administrator can reset it if your phone is lost.',
  // Accounts and staff.
  'password-wrong': 'The current password is wrong.',
  'password-too-short': 'A new password needs at least {length} characters.',
  'password-too-simple': 'A new password needs two kinds of character (letters, digits, others).',
  'password-contains-username': 'A new password must not contain the username.',
  'username-invalid':
    'A username is 3–40 lowercase letters, digits, dots, dashes or underscores, starting with a letter.',
  'username-taken': 'The username {username} is taken.',
  'officer-kept-apart':
    'Security and audit administrator accounts are kept apart from the other administrators (separation of duties): they are made and reset on the server with `pnpm officer`; here they can only be disabled.',
  'account-self-protected': 'You cannot disable your own account or change your own role; another administrator can.',
  'route-not-planned': 'Team {team} has no saved route for {month}; plan the route on the teams page first.',
  'route-day-missing': 'The route has {days} day(s); there is no day {day}.',
  'assignment-target-level': 'A level-{level} member answers for {allowed}, not for {target}.',
  'assignment-held': '{name} already holds this assignment.',
  'staff-level-held': '{name} still holds {count} assignments; end them before changing the level.',
  // Files that cannot be read at all.
  'file-empty': 'The file is empty.',
  'zip-without-shapefile':
    'The zip holds no readable Shapefile (a .shp with its .dbf, and a .prj for the coordinate system): {reason}',
  'zip-several-shapefiles': 'The zip holds {count} Shapefiles; upload one layer at a time.',
  'json-invalid-at':
    'The file is neither GeoJSON nor a zipped Shapefile: it is not valid JSON at line {line}, column {column} ({reason}).',
  'json-ends-early':
    'The file is neither GeoJSON nor a zipped Shapefile: it is not valid JSON at its end, which comes too early ({reason}).',
  'json-not-collection':
    'The JSON is not a GeoJSON FeatureCollection (its "type" is {type}; a FeatureCollection with a "features" array is expected).',
  'xlsx-unreadable': 'The file looks like a zip but is not an XLSX workbook: {reason}',
  'xlsx-without-sheet': 'The workbook has no sheet.',
  'table-binary': 'The file is binary, not a CSV table or an XLSX workbook.',
  'csv-row-error': 'CSV row {row}: {reason}.',
  'csv-without-header': 'The CSV has no header row.',
} as const

export type PhraseKey = keyof typeof english

export interface Phrase {
  message: string
  key: PhraseKey
  params: PhraseParams
}

function formatArea(squareMeters: number): string {
  return squareMeters >= 100_000
    ? `${(squareMeters / 1_000_000).toFixed(2)} km²`
    : `${Math.round(squareMeters).toLocaleString('en')} m²`
}

function englishParam(value: PhraseParam): string {
  if (Array.isArray(value)) return value.map(englishParam).join(', ')
  if (typeof value !== 'object') return String(value)
  if ('squareMeters' in value) return formatArea(value.squareMeters)
  if ('feature' in value) return value.name ? `feature ${value.feature} (${value.name})` : `feature ${value.feature}`
  return value.polygon === undefined ? `ring ${value.ring}` : `polygon ${value.polygon}, ring ${value.ring}`
}

/** The phrase with its English sentence (a sentence starts with a capital letter). */
export function phrase(key: PhraseKey, params: PhraseParams = {}): Phrase {
  const text = english[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? englishParam(params[name]!) : whole,
  )
  return { message: text.charAt(0).toUpperCase() + text.slice(1), key, params }
}
