// A suggested balanced split of a month's cross-check round between the teams. Whole grids move
// (a team's institutions in one grid travel together) from the busiest team to a team holding a
// neighbouring grid, as long as the receiving team may check that grid (not its home zone, not a
// grid where its own members are grid staff), keeping the giving team's grids in one piece where
// some move does; the move that lowers the largest workload most is taken, until none lowers it.
// Workload is the estimate the page shows: service time per stop plus the round trip from the start.
import { connectedPieces } from './grid-metrics.ts'

export interface BalanceInstitution {
  id: number
  gridId: number | null
  teamId: number
  position: [number, number]
}

export interface BalanceTeam {
  id: number
  /** Grids this team may not be given. */
  forbiddenGridIds: ReadonlySet<number>
}

export interface BalanceMove {
  gridId: number
  fromTeamId: number
  toTeamId: number
  institutionIds: number[]
  /** `conflict`: the team held a grid it may not check; `balance`: the move lowered the largest workload. */
  reason: 'conflict' | 'balance'
}

export interface BalanceResult {
  /** Team of every institution after the moves. */
  teamOf: Map<number, number>
  moves: BalanceMove[]
  hoursBefore: Map<number, number>
  hoursAfter: Map<number, number>
}

/** Estimated hours for a team visiting these positions. */
export type WorkloadEstimate = (positions: readonly [number, number][]) => number

const worthwhileHours = 0.05
const maximumMoves = 100

export function suggestBalancedSplit(
  teams: readonly BalanceTeam[],
  institutions: readonly BalanceInstitution[],
  /** Grid id → ids of the grids it touches. */
  neighbours: ReadonlyMap<number, readonly number[]>,
  estimate: WorkloadEstimate,
): BalanceResult {
  const teamIds = teams.map((team) => team.id)
  const teamById = new Map(teams.map((team) => [team.id, team]))
  const teamOf = new Map(institutions.map((institution) => [institution.id, institution.teamId]))
  const membersOf = (teamId: number) => institutions.filter((institution) => teamOf.get(institution.id) === teamId)
  const hoursOf = (members: readonly BalanceInstitution[]) =>
    members.length === 0 ? 0 : estimate(members.map((member) => member.position))
  const hours = new Map(teamIds.map((teamId) => [teamId, hoursOf(membersOf(teamId))]))
  const hoursBefore = new Map(hours)
  const moves: BalanceMove[] = []

  // First, grids a team may not check go to the least busy team that may, a neighbour if any.
  for (const institution of institutions) {
    const holder = teamOf.get(institution.id)!
    const gridId = institution.gridId
    if (gridId === null || !teamById.get(holder)!.forbiddenGridIds.has(gridId)) continue
    const allowed = teamIds.filter((teamId) => !teamById.get(teamId)!.forbiddenGridIds.has(gridId))
    if (allowed.length === 0) continue
    const nearby = new Set(
      institutions
        .filter((other) => other.gridId !== null && (neighbours.get(gridId) ?? []).includes(other.gridId))
        .map((other) => teamOf.get(other.id)!),
    )
    const candidates = allowed.some((teamId) => nearby.has(teamId))
      ? allowed.filter((teamId) => nearby.has(teamId))
      : allowed
    const taker = candidates.reduce((least, teamId) => (hours.get(teamId)! < hours.get(least)! ? teamId : least))
    const parcel = institutions.filter((other) => other.gridId === gridId && teamOf.get(other.id) === holder)
    for (const moved of parcel) teamOf.set(moved.id, taker)
    hours.set(holder, hoursOf(membersOf(holder)))
    hours.set(taker, hoursOf(membersOf(taker)))
    moves.push({
      gridId,
      fromTeamId: holder,
      toTeamId: taker,
      institutionIds: parcel.map((moved) => moved.id),
      reason: 'conflict',
    })
  }

  const conflictMoves = moves.length
  while (moves.length - conflictMoves < maximumMoves) {
    const ranked = [...teamIds].sort((a, b) => hours.get(b)! - hours.get(a)!)
    const busiest = ranked[0]
    if (busiest === undefined) break
    const currentMaximum = hours.get(busiest)!
    const mine = membersOf(busiest)
    const parcels = groupBy(
      mine.filter((institution) => institution.gridId !== null),
      (institution) => institution.gridId!,
    )
    const myGrids = new Set(parcels.keys())
    const teamsInGrid = new Map<number, Set<number>>()
    for (const institution of institutions)
      if (institution.gridId !== null) {
        const holders = teamsInGrid.get(institution.gridId) ?? new Set<number>()
        holders.add(teamOf.get(institution.id)!)
        teamsInGrid.set(institution.gridId, holders)
      }
    type Candidate = { gridId: number; toTeamId: number; giverHours: number; takerHours: number; maximum: number }
    // Moves that keep the giver in one piece are preferred; with coarse grids (a township each)
    // there may be none, and then a move that splits it is suggested all the same.
    let whole: Candidate | null = null
    let any: Candidate | null = null
    const myPieces = connectedPieces(myGrids, neighbours)
    for (const [gridId, parcel] of parcels) {
      const remainingGrids = new Set(myGrids)
      remainingGrids.delete(gridId)
      if (remainingGrids.size === 0) continue
      const keepsPieces = connectedPieces(remainingGrids, neighbours) <= myPieces
      // Teams holding this grid or a neighbour, and teams holding nothing yet, may take it.
      const takers = new Set<number>(teamIds.filter((teamId) => teamId !== busiest && hours.get(teamId) === 0))
      for (const grid of [gridId, ...(neighbours.get(gridId) ?? [])])
        for (const holder of teamsInGrid.get(grid) ?? []) if (holder !== busiest) takers.add(holder)
      const moved = new Set(parcel.map((institution) => institution.id))
      let giverHours: number | null = null
      for (const takerId of takers) {
        if (teamById.get(takerId)!.forbiddenGridIds.has(gridId)) continue
        giverHours ??= hoursOf(mine.filter((institution) => !moved.has(institution.id)))
        const takerHours = hoursOf([...membersOf(takerId), ...parcel])
        const others = ranked
          .filter((teamId) => teamId !== busiest && teamId !== takerId)
          .map((teamId) => hours.get(teamId)!)
        const candidate = {
          gridId,
          toTeamId: takerId,
          giverHours,
          takerHours,
          maximum: Math.max(giverHours, takerHours, ...others),
        }
        if (!any || candidate.maximum < any.maximum) any = candidate
        if (keepsPieces && (!whole || candidate.maximum < whole.maximum)) whole = candidate
      }
    }
    const improves = (candidate: Candidate | null) =>
      candidate !== null && candidate.maximum <= currentMaximum - worthwhileHours
    const best = improves(whole) ? whole : any
    if (!best || !improves(best)) break
    const parcel = parcels.get(best.gridId)!
    for (const institution of parcel) teamOf.set(institution.id, best.toTeamId)
    hours.set(busiest, best.giverHours)
    hours.set(best.toTeamId, best.takerHours)
    moves.push({
      gridId: best.gridId,
      fromTeamId: busiest,
      toTeamId: best.toTeamId,
      institutionIds: parcel.map((institution) => institution.id),
      reason: 'balance',
    })
  }
  return { teamOf, moves, hoursBefore, hoursAfter: hours }
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group) group.push(item)
    else groups.set(key(item), [item])
  }
  return groups
}

/**
 * What changes hands, from where each institution started to where it ends: a grid passed on
 * twice during the search is one move, and a grid shared by two teams is one move per team.
 */
export function netMoves(
  teams: readonly BalanceTeam[],
  institutions: readonly BalanceInstitution[],
  teamOf: ReadonlyMap<number, number>,
) {
  const moves = new Map<
    string,
    { gridId: number; fromTeamId: number; toTeamId: number; institutions: number; reason: 'conflict' | 'balance' }
  >()
  for (const institution of institutions) {
    const toTeamId = teamOf.get(institution.id)!
    if (institution.gridId === null || toTeamId === institution.teamId) continue
    const key = `${institution.gridId}:${institution.teamId}:${toTeamId}`
    const conflicted = teams.find((team) => team.id === institution.teamId)!.forbiddenGridIds.has(institution.gridId)
    const move = moves.get(key) ?? {
      gridId: institution.gridId,
      fromTeamId: institution.teamId,
      toTeamId,
      institutions: 0,
      reason: conflicted ? 'conflict' : 'balance',
    }
    move.institutions++
    moves.set(key, move)
  }
  return [...moves.values()]
}

/**
 * Who holds each institution in a split given team by team: the owner of every id, or the first
 * institution given to two teams.
 */
export function ownersOf(
  teams: readonly { teamId: number; institutionIds: readonly number[] }[],
): { owner: Map<number, number> } | { twice: { institutionId: number; teamIds: [number, number] } } {
  const owner = new Map<number, number>()
  for (const team of teams)
    for (const id of team.institutionIds) {
      const held = owner.get(id)
      if (held !== undefined && held !== team.teamId)
        return { twice: { institutionId: id, teamIds: [held, team.teamId] } }
      owner.set(id, team.teamId)
    }
  return { owner }
}
