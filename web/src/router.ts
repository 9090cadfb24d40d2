// Pages by the people who use them; later issues add /wall, /planner, /teams.
import { createRouter, createWebHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'overview', component: () => import('./pages/overview/OverviewPage.vue') },
    { path: '/login', name: 'login', component: () => import('./pages/login/LoginPage.vue') },
    { path: '/wall', name: 'wall', component: () => import('./pages/wall/WallPage.vue'), meta: { fullScreen: true } },
  ],
})
