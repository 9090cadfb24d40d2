// Pages by the people who use them: the overview, the supervision teams' month, the field phone,
// the grid boundary planner, the public list of double random draws (no sign-in), the wall.
import { createRouter, createWebHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'overview', component: () => import('./pages/overview/OverviewPage.vue') },
    { path: '/login', name: 'login', component: () => import('./pages/login/LoginPage.vue') },
    { path: '/ledger', name: 'ledger', component: () => import('./pages/ledger/LedgerPage.vue') },
    { path: '/clues', name: 'clues', component: () => import('./pages/clues/CluesPage.vue') },
    { path: '/risks', name: 'risks', component: () => import('./pages/risks/RisksPage.vue') },
    { path: '/teams', name: 'teams', component: () => import('./pages/teams/TeamsPage.vue') },
    {
      path: '/teams/:teamId/:month/sheet',
      name: 'route-sheet',
      component: () => import('./pages/teams/RouteSheetPage.vue'),
      meta: { fullScreen: true },
    },
    {
      path: '/field',
      name: 'field',
      component: () => import('./pages/field/FieldHome.vue'),
      meta: { fullScreen: true },
    },
    { path: '/planner', name: 'planner', component: () => import('./pages/planner/PlannerPage.vue') },
    { path: '/staff', name: 'staff', component: () => import('./pages/staff/StaffPage.vue') },
    { path: '/users', name: 'users', component: () => import('./pages/users/UsersPage.vue') },
    { path: '/audit', name: 'audit', component: () => import('./pages/audit/AuditPage.vue') },
    { path: '/password', name: 'password', component: () => import('./pages/password/PasswordPage.vue') },
    { path: '/displays', name: 'displays', component: () => import('./pages/displays/DisplaysPage.vue') },
    {
      path: '/posters',
      name: 'posters',
      component: () => import('./pages/posters/PostersPage.vue'),
      meta: { fullScreen: true },
    },
    {
      path: '/contact/:id',
      name: 'contact',
      component: () => import('./pages/contact/ContactPage.vue'),
      meta: { fullScreen: true },
    },
    { path: '/dispatch', name: 'dispatch', component: () => import('./pages/dispatch/DispatchPage.vue') },
    { path: '/campaigns', name: 'campaigns', component: () => import('./pages/campaigns/CampaignsPage.vue') },
    { path: '/circulars', name: 'circulars', component: () => import('./pages/circulars/CircularsPage.vue') },
    {
      path: '/cross-checks',
      name: 'cross-checks',
      component: () => import('./pages/cross-checks/CrossChecksPage.vue'),
    },
    { path: '/assessments', name: 'assessments', component: () => import('./pages/assessments/AssessmentsPage.vue') },
    { path: '/reports', name: 'reports', component: () => import('./pages/reports/ReportsPage.vue') },
    { path: '/credit', name: 'public-credit', component: () => import('./pages/credit/PublicCreditPage.vue') },
    { path: '/credit/manage', name: 'credit', component: () => import('./pages/credit/CreditPage.vue') },
    { path: '/draws', name: 'draws', component: () => import('./pages/draws/PublicDrawsPage.vue') },
    { path: '/wall', name: 'wall', component: () => import('./pages/wall/WallPage.vue'), meta: { fullScreen: true } },
  ],
})
