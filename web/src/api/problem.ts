// A problem+json answer as a page can show it: its message in the reader's language where the
// problem carries a phrase key. Pages test for it (`instanceof ApiError`) without calling the API.
import { phraseText, type PhraseParam } from '../i18n/phrases.ts'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  requestId?: string
  key?: string
  params?: Record<string, PhraseParam>
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(
      problem.detail
        ? phraseText({ message: problem.detail, key: problem.key, params: problem.params })
        : problem.title,
    )
  }
}
