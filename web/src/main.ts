import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { whenUnauthorized } from './api/client'
import { auth } from './stores/auth'

// A 401 (expired or refused token): back to sign-in, then to where the user was. Drafts stay in memory.
whenUnauthorized(() => {
  auth.signOut()
  const here = router.currentRoute.value
  if (here.name !== 'sign-in') {
    router.push({ name: 'sign-in', query: { redirect: here.fullPath, expired: '1' } })
  }
})

createApp(App).use(i18n).use(router).mount('#app')
