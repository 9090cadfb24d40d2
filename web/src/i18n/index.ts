// vue-i18n with Simplified Chinese by default and English as the second locale.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.ts'
import en from './en.ts'
import { bureauInstant } from '@gridwatch/domain/bureau-calendar.ts'

export const locales = ['zh-CN', 'en'] as const
export type Locale = (typeof locales)[number]

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('gridwatch.locale')

export const i18n = createI18n({
  legacy: false,
  locale: stored === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  numberFormats: {
    'zh-CN': { percent: { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 } },
    en: { percent: { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 } },
  },
  datetimeFormats: {
    'zh-CN': {
      short: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
      seconds: {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      },
      monthDay: { month: 'numeric', day: 'numeric' },
      month: { year: 'numeric', month: 'long' },
      clock: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
      date: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' },
      time: { hour: '2-digit', minute: '2-digit', hour12: false },
    },
    en: {
      short: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
      seconds: {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      },
      monthDay: { month: 'short', day: 'numeric' },
      month: { year: 'numeric', month: 'short' },
      clock: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false },
      date: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' },
      time: { hour: '2-digit', minute: '2-digit', hour12: false },
    },
  },
})

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  localStorage.setItem('gridwatch.locale', locale)
  document.documentElement.lang = locale
}

/** A 'YYYY-MM' month as an instant inside it in any time zone (the 15th at noon, bureau time): `d(monthDate(m), 'month')` reads 2026年11月. */
export function monthDate(month: string): Date {
  return bureauInstant(`${month}-15`, '12:00')
}
