// Environment parsing: defaults, and a readable message for values that make no sense.
import { describe, expect, test } from 'vitest'
import { readConfig } from './config.ts'

describe('readConfig', () => {
  test('defaults to demo mode on the embedded database in ./data, port 3000', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDirectory: './data',
      mode: 'demo',
      cookieSecure: false,
      wallFrameOrigins: [],
      sessionIdleMinutes: 30,
      secretKeyFile: './secret.key',
      statementTimeoutSeconds: 30,
      secondFactorRoles: [],
      backup: { directory: './backups', copyDirectory: undefined, keep: 14, everyHours: 0 },
    })
  })

  test('production: a second factor for the county-wide roles and a daily backup, unless configured otherwise', () => {
    const production = readConfig({ GRIDWATCH_MODE: 'production' })
    expect(production.secondFactorRoles).toEqual(['admin', 'security', 'auditor', 'leader', 'supervisor', 'planner'])
    expect(production.backup).toMatchObject({ everyHours: 24, keep: 14 })
    expect(
      readConfig({ GRIDWATCH_MODE: 'production', GRIDWATCH_SECOND_FACTOR_ROLES: 'none' }).secondFactorRoles,
    ).toEqual([])
    expect(readConfig({ GRIDWATCH_SECOND_FACTOR_ROLES: 'planner, admin' }).secondFactorRoles).toEqual([
      'planner',
      'admin',
    ])
    expect(() => readConfig({ GRIDWATCH_SECOND_FACTOR_ROLES: 'planner,root' })).toThrow(/GRIDWATCH_SECOND_FACTOR_ROLES/)
    expect(
      readConfig({ GRIDWATCH_BACKUP_EVERY_HOURS: '6', GRIDWATCH_BACKUP_COPY_DIR: '/mnt/elsewhere' }).backup,
    ).toMatchObject({ everyHours: 6, copyDirectory: '/mnt/elsewhere' })
  })

  test('session idle time: minutes, from 1 to 720', () => {
    expect(readConfig({ GRIDWATCH_SESSION_IDLE_MINUTES: '15' }).sessionIdleMinutes).toBe(15)
    expect(() => readConfig({ GRIDWATCH_SESSION_IDLE_MINUTES: '0' })).toThrow(/GRIDWATCH_SESSION_IDLE_MINUTES/)
    expect(() => readConfig({ GRIDWATCH_SESSION_IDLE_MINUTES: 'half an hour' })).toThrow(
      /GRIDWATCH_SESSION_IDLE_MINUTES/,
    )
  })

  test('wall frame origins: a list of origins, anything else refused', () => {
    expect(
      readConfig({ GRIDWATCH_WALL_FRAME_ORIGINS: 'https://screens.example, http://10.0.0.5:8080' }).wallFrameOrigins,
    ).toEqual(['https://screens.example', 'http://10.0.0.5:8080'])
    expect(() => readConfig({ GRIDWATCH_WALL_FRAME_ORIGINS: "'unsafe-inline' *" })).toThrow(
      /GRIDWATCH_WALL_FRAME_ORIGINS/,
    )
  })

  test('base map: a style URL, its origin and any other origins its tiles come from; none by default', () => {
    expect(readConfig({}).baseMap).toBeUndefined()
    expect(
      readConfig({
        GRIDWATCH_BASE_MAP_STYLE_URL: 'https://tiles.example/styles/basic/style.json',
        GRIDWATCH_BASE_MAP_ORIGINS: 'https://t0.tianditu.gov.cn https://tiles.example',
      }).baseMap,
    ).toEqual({
      styleUrl: 'https://tiles.example/styles/basic/style.json',
      origins: ['https://tiles.example', 'https://t0.tianditu.gov.cn'],
    })
    expect(() => readConfig({ GRIDWATCH_BASE_MAP_STYLE_URL: 'tiles.example/style.json' })).toThrow(
      /GRIDWATCH_BASE_MAP_STYLE_URL/,
    )
    expect(() =>
      readConfig({ GRIDWATCH_BASE_MAP_STYLE_URL: 'https://tiles.example/s.json', GRIDWATCH_BASE_MAP_ORIGINS: '*' }),
    ).toThrow(/GRIDWATCH_BASE_MAP_ORIGINS/)
  })

  test('production turns secure cookies on', () => {
    expect(readConfig({ GRIDWATCH_MODE: 'production' }).cookieSecure).toBe(true)
  })

  test.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ GRIDWATCH_MODE: 'staging' }, /GRIDWATCH_MODE/],
  ])('%o is refused with a message naming the variable', (environment, message) => {
    expect(() => readConfig(environment)).toThrow(message)
  })
})
