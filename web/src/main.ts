import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router.ts'
import { i18n } from './i18n/index.ts'
import { prefetchMapData } from './api/prefetch.ts'
import { listenForInstallOffer } from './offline/install-prompt.ts'
import './styles.css'

prefetchMapData(window.location.pathname)
listenForInstallOffer()

createApp(App).use(createPinia()).use(router).use(i18n).mount('#app')
