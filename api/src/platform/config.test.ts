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
      statementTimeoutSeconds: 30,
    })
  })

  test('session idle time: minutes, from 1 to 720', () => {
    expect(readConfig({ GRIDWATCH_SESSION_IDLE_MINUTES: '15' }).sessionIdleMinutes).toBe(15)
    expect(() => readConfig({ GRIDWATCH_SESSION_IDLE_MINUTES: '0' })).toThrow(/GRIDWATCH_SESSION_IDLE_MINUTES/)
    expect(() => readConfig({ GRIDWATCH_SESSION_IDLE_MINUTES: 'half an hour' })).toThrow(/GRIDWATCH_SESSION_IDLE_MINUTES/)
  })

  test('wall frame origins: a list of origins, anything else refused', () => {
    expect(readConfig({ GRIDWATCH_WALL_FRAME_ORIGINS: 'https://screens.example, http://10.0.0.5:8080' }).wallFrameOrigins).toEqual(['https://screens.example', 'http://10.0.0.5:8080'])
    expect(() => readConfig({ GRIDWATCH_WALL_FRAME_ORIGINS: "'unsafe-inline' *" })).toThrow(/GRIDWATCH_WALL_FRAME_ORIGINS/)
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
