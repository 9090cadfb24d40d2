// Pages by the people who use them: the overview, the supervision teams' month, the wall; /planner comes with issue 4.
import { createRouter, createWebHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'overview', component: () => import('./pages/overview/OverviewPage.vue') },
    { path: '/login', name: 'login', component: () => import('./pages/login/LoginPage.vue') },
    { path: '/teams', name: 'teams', component: () => import('./pages/teams/TeamsPage.vue') },
    { path: '/field', name: 'field', component: () => import('./pages/field/FieldPage.vue') },
    { path: '/wall', name: 'wall', component: () => import('./pages/wall/WallPage.vue'), meta: { fullScreen: true } },
  ],
})
