// Turns a failed schema parse into a 400 problem naming each field and what is wrong with it.
import type { Context } from 'hono'
import type { ZodError } from 'zod'
import { problemResponse, problemType } from './problem.ts'

export function validationProblem(error: ZodError, context: Context) {
  const errors = error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.message,
  }))
  return problemResponse(context, {
    type: problemType('invalid-request'),
    title: 'Invalid request',
    status: 400,
    detail: errors.map((error) => `${error.path}: ${error.message}`).join('; '),
    errors,
  })
}
