import { mount } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import type { Component } from 'vue'
import { i18n } from '../src/i18n'

/** Mounts a screen with the real messages and a memory router holding the app's route names. */
export async function mountScreen(component: Component, path = '/') {
  const stub = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: stub },
      { path: '/sign-in', name: 'sign-in', component: stub },
      { path: '/file', name: 'file', component: stub },
      { path: '/mine', name: 'mine', component: stub },
      { path: '/mine/:id', name: 'request', component: stub },
      { path: '/desk/cases', name: 'queue', component: stub },
      { path: '/desk/cases/:id', name: 'case', component: stub },
      { path: '/desk/returns', name: 'returns', component: stub },
      { path: '/desk/reply-templates', name: 'reply-templates', component: stub },
      { path: '/desk/knowledge', name: 'knowledge', component: stub },
      { path: '/knowledge', name: 'public-knowledge', component: stub },
      { path: '/desk/units', name: 'units', component: stub },
      { path: '/desk/routing', name: 'routing', component: stub },
      { path: '/desk/open311', name: 'open311', component: stub },
      { path: '/stats', name: 'stats', component: stub },
      { path: '/track', name: 'track', component: stub },
      { path: '/inbox', name: 'inbox', component: stub },
      { path: '/settings/notifications', name: 'notification-settings', component: stub },
      { path: '/desk/notifications', name: 'unit-notification-settings', component: stub },
      { path: '/desk/deliveries', name: 'deliveries', component: stub },
      { path: '/audit/requests', name: 'audit-requests', component: stub },
      { path: '/audit/requests/:id', name: 'audit-request', component: stub },
    ],
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component, { global: { plugins: [i18n, router] }, attachTo: document.body })
  return { wrapper, router }
}
