// The county's field-work rules as a phone needs them offline (what makes a visit verified: the
// geofence, the minimum stay, the poster photo), kept on the device like the lists; the defaults
// until the first read.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { defaultFieldSettings, type FieldSettings } from '@gridwatch/domain/field-settings.ts'
import { cachedRead } from '../offline/outbox.ts'

export const useFieldSettingsStore = defineStore('field-settings', () => {
  const settings = shallowRef<FieldSettings>(defaultFieldSettings)

  async function load() {
    const read = await cachedRead<{ settings: FieldSettings }>('/api/settings/field')
    if (read) settings.value = read.body.settings
  }

  return { settings, load }
})
