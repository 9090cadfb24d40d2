// English.
import type zhCN from './zh-CN.ts'

const en: typeof zhCN = {
  app: { title: 'Medical-insurance grid supervision', subtitle: 'Designated institutions of Dingtao District' },
  nav: { overview: 'County overview', login: 'Log in', logout: 'Log out' },
  demo: {
    badge: 'Demo data',
    notice: 'Grid boundaries, village and institution positions are demo data (derived from township seats); the district outline and the names and statistical codes of townships and villages are real.',
  },
  theme: { label: 'Theme', recency: 'Inspection recency', issues: 'Open issues', credit: 'Credit rating' },
  classes: {
    recency: { within: 'Within interval', late: 'Late (up to twice the interval)', overdue: 'Overdue', never: 'Never visited' },
    issues: { none: 'No open issues', open: 'Open issues', overdue: 'Issues past deadline' },
    credit: { A: 'Grade A', B: 'Grade B', C: 'Grade C', D: 'Grade D', unrated: 'Not rated' },
  },
  legend: { title: 'Legend', institutions: 'institutions', blacklisted: 'Black ring: blacklisted', interval: 'Visit interval {days} days' },
  summary: { zones: 'Zones', grids: 'Grids', institutions: 'Institutions', dataAsOf: 'Data as of' },
  institutionTypes: {
    village_clinic: 'Village clinic',
    township_health_centre: 'Township health centre',
    hospital: 'Hospital (grade II+)',
    private_clinic: 'Private medical institution',
    pharmacy: 'Designated pharmacy',
  },
  clinic: {
    grid: 'Grid',
    lastVisit: 'Last visit',
    daysAgo: '{days} days ago',
    today: 'today',
    never: 'never visited',
    openIssues: 'Open issues',
    overdueIssues: 'Overdue issues',
    credit: 'Credit grade',
    blacklisted: 'Blacklisted',
    close: 'Close',
  },
  login: {
    title: 'Log in',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    failed: 'Login failed: {reason}',
    demoAccounts: 'Demo accounts (demo mode only)',
    useAccount: 'Use this account',
    role: 'Role',
    scope: 'Scope',
  },
  roles: {
    leader: 'Leadership',
    planner: 'Planner',
    supervisor: 'Supervision team',
    grid_member_1: 'Grid member, level 1',
    grid_member_2: 'Grid member, level 2',
    grid_member_3: 'Grid member, level 3',
    admin: 'Administrator',
  },
  errors: { loadFailed: 'Could not load data: {reason}', retry: 'Retry' },
  locale: { switch: '中文' },
}
export default en
