import { expect, test } from 'vitest'
import { coversCounty } from './county-scope.ts'

test.each([
  ['371703', '371703', true],
  ['371703', '371702', false],
  ['3717', '371703', true],
  ['37', '371703', true],
  ['37', '410102', false],
  ['', '410102', true],
  ['371703', '37', false],
])('a user of %s covers county %s: %s', (user, county, covered) => {
  expect(coversCounty(user, county)).toBe(covered)
})
