import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router.ts'
import { i18n } from './i18n/index.ts'
import { prefetchMapData } from './api/prefetch.ts'
import './styles.css'

prefetchMapData(window.location.pathname)

createApp(App).use(createPinia()).use(router).use(i18n).mount('#app')
