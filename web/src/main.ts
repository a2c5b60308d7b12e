import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { installSessionExpiry } from './session'

// A 401 (expired or refused token): back to sign-in, then to where the user was. Drafts stay in memory.
installSessionExpiry(router)

createApp(App).use(i18n).use(router).mount('#app')
