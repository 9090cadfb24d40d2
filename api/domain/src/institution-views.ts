// What the dashboard's panels read about one institution and one grid; shared with the web app
// (no server imports here), so the API and the pages cannot drift apart.

export interface StaffContact {
  id: number
  name: string
  level: number
  title: string | null
  organisation: string
  phone: string | null
  phoneMasked: boolean
  /** Assigned to this institution itself, or to its grid. */
  via: 'institution' | 'grid'
}

/** One institution beyond its map figures (GET /api/institutions/{id} adds these to InstitutionProperties). */
export interface InstitutionDetail {
  address: string | null
  contactName: string | null
  contactPhone: string | null
  staff: StaffContact[]
  /** The latest inspections, newest first; `anomalies` counts the flags raised on each. */
  inspections: {
    id: number
    kind: string
    arrivedAt: string
    note: string
    verified: boolean
    anomalies: number
    inspectors: string[]
  }[]
  ledgerItems: {
    id: number
    category: string
    problem: string
    measure: string
    deadlineAt: string
    responsiblePerson: string
    severity: string
    status: string
    openedAt: string
    closedAt: string | null
    overdue: boolean
  }[]
  creditHistory: { evaluatedAt: string; score: number; grade: string; blacklisted: boolean; reason: string | null }[]
  /** Risk reports (舆情) not yet closed, for roles in the risk reports' chain; empty for others. */
  openRiskReports: {
    id: number
    title: string
    severity: 'low' | 'medium' | 'high'
    status: 'escalating' | 'acknowledged'
    reportedAt: string
  }[]
}

/** GET /api/grids/{id} */
export interface GridDetail {
  id: number
  name: string
  zoneId: number | null
  zoneName: string | null
  institutions: number
  visitedWithinInterval: number
  pastInterval: number
  neverVisited: number
  openItems: number
  overdueItems: number
  staff: StaffContact[]
  /** 资料员: who keeps the grid's records; null when none is named. */
  materialsClerk: string | null
  /** Whether the reader may export the grid's ledger and inspection records (GET /api/grids/{id}/records). */
  canExportRecords: boolean
}
