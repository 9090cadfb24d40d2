import { describe, expect, it } from 'vitest'
import { maskPhone } from './phone-mask.ts'

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['0530-1234567', '053****4567'],
    ['12345', '*****'],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })
})
